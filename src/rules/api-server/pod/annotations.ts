/**
 * The pod template's annotations that mean something to the API server (ValidatePodSpecificAnnotations
 * and validateSeccompAnnotationsAndFields, applied to every pod template):
 * - the deprecated seccomp annotations (`seccomp.security.alpha.kubernetes.io/pod`,
 *   `container.seccomp.security.alpha.kubernetes.io/<container>`) hold runtime/default,
 *   docker/default, unconfined or localhost/<relative path>, and agree with a seccompProfile field
 *   set beside them;
 * - an AppArmor annotation (`container.apparmor.security.beta.kubernetes.io/<container>`) names a
 *   container of the pod, holds runtime/default, unconfined, localhost/<profile> or nothing, and
 *   (from 1.30, validateAppArmorAnnotationsAndFieldsMatchOnCreate, on templates too) agrees with the
 *   container's appArmorProfile, or the pod's when the container has none, except on a Windows pod;
 * - `controller.kubernetes.io/pod-deletion-cost` is a 32-bit integer;
 * - the mirror-pod annotation comes with a nodeName.
 * Findings name `<template>.annotations[<key>]`, as the API server does, or the seccompProfile or
 * appArmorProfile field that disagrees with its annotation (for AppArmor, the container's field even
 * when the profile is the pod's: a pod's create strategy copies the annotation into the container
 * first, a template gets no such copy, kubernetes#128306).
 */
import { isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { describeValue, objectOf, stringOf } from '../../support/access';
import { child, key } from '../../support/field-path';
import { parseGoInteger } from '../../support/go-integers';
import { descendingPathProblem } from '../../support/local-paths';
import { podTemplate } from '../../support/pod-template';
import {
  APPARMOR_CONTAINER_ANNOTATION_PREFIX,
  APPARMOR_FIELDS_SINCE,
  LOCALHOST_PROFILE_PREFIX,
  SECCOMP_CONTAINER_ANNOTATION_PREFIX,
  SECCOMP_POD_ANNOTATION,
} from '../../support/security-annotations';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MIRROR = 'kubernetes.io/config.mirror';

/** ValidateSeccompProfile: why an annotation's profile is refused, or undefined. */
function seccompValueProblem(value: string): string | undefined {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return undefined;
  if (value.startsWith(LOCALHOST_PROFILE_PREFIX))
    return descendingPathProblem(value.slice(LOCALHOST_PROFILE_PREFIX.length));
  return 'must be a valid seccomp profile (runtime/default, unconfined or localhost/<path>)';
}

/**
 * validateSeccompAnnotationsAndFieldsMatch and validateAppArmorAnnotationsAndFieldsMatchOnCreate: the
 * field of `profile` that disagrees with `annotation` (`type` or `localhostProfile`), or undefined.
 * `runtimeDefault`: the annotation values that mean RuntimeDefault.
 */
function profileMismatch(
  annotation: string,
  profile: Readonly<Record<string, unknown>>,
  runtimeDefault: readonly string[],
): 'type' | 'localhostProfile' | undefined {
  const type = stringOf(profile.type);
  if (type === 'Unconfined') return annotation === 'unconfined' ? undefined : 'type';
  if (type === 'RuntimeDefault') return runtimeDefault.includes(annotation) ? undefined : 'type';
  if (type === 'Localhost') {
    if (!annotation.startsWith(LOCALHOST_PROFILE_PREFIX)) return 'type';
    return stringOf(profile.localhostProfile) === annotation.slice(LOCALHOST_PROFILE_PREFIX.length)
      ? undefined
      : 'localhostProfile';
  }
  return undefined;
}

const SECCOMP_RUNTIME_DEFAULT = ['runtime/default', 'docker/default'];
const APPARMOR_RUNTIME_DEFAULT = ['runtime/default'];

const FIX =
  'Move to the securityContext fields (seccompProfile, appArmorProfile) and drop the deprecated annotations, or give the annotation a valid value.';

/**
 * The pod-deletion-cost annotation's value (GetDeletionCostFromPodAnnotations): a 32-bit integer
 * written without a plus sign or leading zeros ("+10" and "008" are refused, "-08" is not).
 */
function deletionCostOf(text: string): bigint | undefined {
  return /^(?:-|0$|[1-9])/.test(text) ? parseGoInteger(text, 32) : undefined;
}

export const podTemplateAnnotationsInvalid = apiServerRule({
  id: 'pod-template-annotations-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A pod template annotation the API server refuses: a seccomp annotation that is not runtime/default, docker/default, unconfined or localhost/<path>, or disagrees with seccompProfile; an AppArmor annotation for a container the pod lacks, with an unknown profile or (1.30+) disagreeing with appArmorProfile; a pod-deletion-cost that is not a 32-bit integer; the mirror-pod annotation without nodeName.',
  check(input) {
    const pod = podTemplate(input);
    const annotations = pod.annotations;
    if (!annotations) return [];
    const violations: Violation[] = [];
    const annotationsPath = child(input.templatePath, 'annotations');
    const problem = (field: string, message: string, fix = FIX) => violations.push({ field, message, fix });
    const names = new Set(pod.containers.map((c) => stringOf(c.value.name)));
    for (const name of Object.keys(annotations)) {
      const value = stringOf(annotations[name]);
      if (value === undefined) continue;
      const field = key(annotationsPath, name);
      if (name === SECCOMP_POD_ANNOTATION || name.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) {
        const p = seccompValueProblem(value);
        if (p) problem(field, `Seccomp annotation ${describeValue(value)} is refused: ${p}.`);
      } else if (name.startsWith(APPARMOR_CONTAINER_ANNOTATION_PREFIX)) {
        const container = name.slice(APPARMOR_CONTAINER_ANNOTATION_PREFIX.length);
        if (!names.has(container))
          problem(
            field,
            `The AppArmor annotation names container ${describeValue(container)}, which the pod lacks ("container not found").`,
          );
        if (
          value !== '' &&
          value !== 'runtime/default' &&
          value !== 'unconfined' &&
          !value.startsWith(LOCALHOST_PROFILE_PREFIX)
        )
          problem(field, `AppArmor annotation ${describeValue(value)} is refused: "invalid AppArmor profile name".`);
      } else if (name === DELETION_COST && deletionCostOf(value) === undefined) {
        problem(
          field,
          `${DELETION_COST} ${describeValue(value)} "must be a 32bit integer".`,
          'Use a whole number from -2147483648 to 2147483647, or leave the annotation out.',
        );
      } else if (name === MIRROR && !stringOf(pod.spec.nodeName)) {
        problem(
          field,
          `The mirror-pod annotation needs spec.nodeName ("must set spec.nodeName if mirror pod annotation is set").`,
          'Remove the annotation: only the kubelet creates mirror pods.',
        );
      }
    }
    const podAnnotation = stringOf(annotations[SECCOMP_POD_ANNOTATION]);
    const podProfile = objectOf(pod.securityContext?.seccompProfile);
    const mismatch = (
      kind: 'seccomp' | 'apparmor',
      annotation: string | undefined,
      profile: Readonly<Record<string, unknown>> | undefined,
      path: string,
    ) => {
      const [profileField, runtimeDefault] =
        kind === 'seccomp'
          ? (['seccompProfile', SECCOMP_RUNTIME_DEFAULT] as const)
          : (['appArmorProfile', APPARMOR_RUNTIME_DEFAULT] as const);
      const field =
        annotation !== undefined && profile ? profileMismatch(annotation, profile, runtimeDefault) : undefined;
      if (field)
        problem(
          child(child(path, profileField), field),
          `The ${profileField} ${field} disagrees with the ${kind === 'seccomp' ? 'seccomp' : 'AppArmor'} annotation ${describeValue(annotation)} ("${kind} ${field === 'type' ? 'type' : 'profile'} in annotation and field must match").`,
        );
    };
    mismatch('seccomp', podAnnotation, podProfile, pod.securityContextPath);
    // AppArmor: a container without its own profile takes the pod's; the finding names the container's field either way.
    const appArmor = isAtLeast(input.version, APPARMOR_FIELDS_SINCE) && !pod.isWindows;
    const podAppArmor = objectOf(pod.securityContext?.appArmorProfile);
    for (const c of pod.containers) {
      const name = stringOf(c.value.name);
      if (name === undefined) continue;
      mismatch(
        'seccomp',
        stringOf(annotations[SECCOMP_CONTAINER_ANNOTATION_PREFIX + name]),
        objectOf(c.securityContext?.seccompProfile),
        c.securityContextPath,
      );
      if (appArmor)
        mismatch(
          'apparmor',
          stringOf(annotations[APPARMOR_CONTAINER_ANNOTATION_PREFIX + name]),
          objectOf(c.securityContext?.appArmorProfile) ?? podAppArmor,
          c.securityContextPath,
        );
    }
    return violations;
  },
});

export const POD_ANNOTATION_RULES = [podTemplateAnnotationsInvalid];
