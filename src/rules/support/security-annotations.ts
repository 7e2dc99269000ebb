/**
 * The deprecated annotations that once carried a pod's seccomp and AppArmor profiles (before the
 * securityContext fields), which the API server still validates and Pod Security still reads.
 */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
/** Followed by the container's name. */
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** Followed by the container's name. */
export const APPARMOR_CONTAINER_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
/** The prefix of a profile loaded on the node, in either annotation. */
export const LOCALHOST_PROFILE_PREFIX = 'localhost/';
/** The appArmorProfile fields that replace the AppArmor annotation arrive in 1.30 (before, dropped as unknown). */
export const APPARMOR_FIELDS_SINCE = 30;
