/**
 * CleanupCronJob: deletes the finished Jobs (and, through the garbage collector, their pods) of
 * one namespace that finished longer ago than a given age: Jobs created by hand, by pipelines or
 * by tools that set no TTL. It IS a `CronJob`, with the script in cleanup-script.ts, and it is the
 * one batch workload here that talks to the API server, so:
 *
 * - its pods mount the ServiceAccount token (`automountServiceAccountToken: true`), and the
 *   `pod-service-account-token-mounted` warning is suppressed with that reason in the manifest;
 * - its ServiceAccount (its own, as for every batch construct) gets exactly `list` and `delete`
 *   on `jobs` in that one namespace, through a Role and RoleBinding (WorkloadAccess): no `get`,
 *   no `watch`, nothing on pods, nothing cluster-wide.
 */
import { Duration } from 'cdk8s';
import { ApiResource, ContainerResources, EnvFieldPaths, EnvValue, PodSecurityContextProps } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CronJob, CronJobProps } from '../cron-job';
import { TMP_MOUNT_PATH } from '../pod-security';
import { CLEANUP_ENV, cleanupScript } from './cleanup-script';
import { ApiVerb, WorkloadAccess } from './workload-access';

/**
 * The default kubectl image, pinned: `alpine/kubectl:1.34.1`. The script needs a shell, `date` and
 * `awk` next to kubectl, which Alpine's busybox gives in a small image. (registry.k8s.io/kubectl
 * is distroless, without a shell; bitnami/kubectl's version tags moved to bitnamilegacy in 2025.)
 * The calls used (list and delete Jobs, batch/v1) are the same in every supported release.
 */
export const DEFAULT_KUBECTL_IMAGE = 'alpine/kubectl:1.34.1';

/** The default age after which a finished Job is deleted. */
export const DEFAULT_CLEANUP_AGE = Duration.days(1);

/** The default pod user: 65534 ("nobody"); the kubectl image starts as root, which runAsNonRoot refuses. */
export const DEFAULT_CLEANUP_SECURITY_CONTEXT: PodSecurityContextProps = { user: 65534, group: 65534 };

/** Why the token is mounted, as written into the manifest's suppression annotation. */
export const TOKEN_SUPPRESSION_REASON =
  'The cleanup lists and deletes Jobs through the API server, so it needs its ServiceAccount token; the account may only list and delete Jobs in this namespace.';

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Props of `CleanupCronJob`: which Jobs to remove, and every CronJob prop, with defaults of its
 * own among those (jsii forbids re-declaring an inherited prop):
 * - `securityContext` @default `{ user: 65534, group: 65534 }` (DEFAULT_CLEANUP_SECURITY_CONTEXT)
 * - `automountServiceAccountToken` @default true, and must stay true (kubectl needs the token)
 * - `containers` must stay empty: the construct makes its own.
 */
export interface CleanupCronJobProps extends CronJobProps {
  /**
   * Delete Jobs that finished (succeeded or failed) longer ago than this; at least a minute.
   * @default Duration.days(1)
   */
  readonly olderThan?: Duration;

  /**
   * Only Jobs with all of these labels (`kubectl get jobs --selector k=v,...`).
   * @default - every finished Job in the namespace
   */
  readonly selector?: { [key: string]: string };

  /**
   * The namespace to clean up. The Role and RoleBinding are created there.
   * @default - the CronJob's own namespace (read by the pod from the downward API)
   */
  readonly namespace?: string;

  /**
   * The image with kubectl, /bin/sh, date and awk.
   * @default "alpine/kubectl:1.34.1" (see DEFAULT_KUBECTL_IMAGE for why)
   */
  readonly image?: string;

  /**
   * Requests and limits of the cleanup container.
   * @default - the BatchPolicy's containerResources
   */
  readonly resources?: ContainerResources;
}

export class CleanupCronJob extends CronJob {
  /** The age after which finished Jobs are deleted, after defaults. */
  public readonly olderThan: Duration;
  /** The Role and RoleBinding of the cleanup's ServiceAccount. */
  public readonly access: WorkloadAccess;

  public constructor(scope: Construct, id: string, props: CleanupCronJobProps) {
    // The one place the cleanup's own defaults are applied (the CronJob applies its own).
    super(scope, id, {
      ...props,
      containers: undefined,
      automountServiceAccountToken: props.automountServiceAccountToken ?? true,
      securityContext: props.securityContext ?? DEFAULT_CLEANUP_SECURITY_CONTEXT,
    });
    this.olderThan = props.olderThan ?? DEFAULT_CLEANUP_AGE;
    const selector = renderSelector(props.selector ?? {});

    this.suppressRule('pod-service-account-token-mounted', TOKEN_SUPPRESSION_REASON);
    this.access = new WorkloadAccess(this, 'Access', {
      rules: [{ verbs: [ApiVerb.LIST, ApiVerb.DELETE], resources: [ApiResource.JOBS] }],
      namespace: props.namespace,
    });
    this.addContainer({
      name: 'cleanup',
      image: props.image ?? DEFAULT_KUBECTL_IMAGE,
      command: ['/bin/sh', '-c', cleanupScript({ selector: selector !== undefined }), 'cleanup'],
      resources: props.resources,
      envVariables: {
        [CLEANUP_ENV.maxAgeSeconds]: EnvValue.fromValue(String(this.olderThan.toSeconds())),
        [CLEANUP_ENV.namespace]:
          props.namespace === undefined
            ? EnvValue.fromFieldRef(EnvFieldPaths.POD_NAMESPACE)
            : EnvValue.fromValue(props.namespace),
        ...(selector === undefined ? {} : { [CLEANUP_ENV.selector]: EnvValue.fromValue(selector) }),
        [CLEANUP_ENV.workDir]: EnvValue.fromValue(TMP_MOUNT_PATH),
        // kubectl keeps its discovery cache under $HOME/.kube.
        HOME: EnvValue.fromValue(TMP_MOUNT_PATH),
      },
    });
    this.node.addValidation({ validate: () => cleanupProblems(props, this.olderThan) });
  }
}

/** `k=v,k2=v2` in key order; undefined for no labels. */
export function renderSelector(labels: { [key: string]: string }): string | undefined {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? undefined : keys.map((key) => `${key}=${labels[key]}`).join(',');
}

/** Mistakes in the props that no manifest rule sees, as synth errors naming the prop. */
export function cleanupProblems(props: CleanupCronJobProps, olderThan: Duration): string[] {
  const problems: string[] = [];
  if ((props.containers ?? []).length > 0) {
    problems.push(
      "containers: a CleanupCronJob makes its own container, and another one would keep every run's pod from finishing. Fix: remove containers.",
    );
  }
  if (props.writableTmp === false) {
    problems.push(
      'writableTmp: the cleanup writes its Job list and kubectl its cache to /tmp, which is read-only without it. Fix: remove writableTmp: false.',
    );
  }
  if (props.automountServiceAccountToken === false) {
    problems.push(
      'automountServiceAccountToken: without the token kubectl cannot reach the API server. Fix: remove automountServiceAccountToken: false.',
    );
  }
  if (olderThan.toSeconds() < 60) {
    problems.push(
      `olderThan: ${olderThan.toSeconds()} s would delete Jobs as they finish, before anyone could read their status or logs. Fix: use at least Duration.minutes(1), e.g. Duration.days(1).`,
    );
  }
  for (const [key, value] of Object.entries(props.selector ?? {})) {
    const slash = key.lastIndexOf('/');
    const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
    const name = slash >= 0 ? key.slice(slash + 1) : key;
    const keyValid =
      LABEL_NAME.test(name) && (prefix === undefined || (prefix.length <= 253 && LABEL_PREFIX.test(prefix)));
    if (!keyValid)
      problems.push(
        `selector[${key}]: ${JSON.stringify(key)} is not a label key. Fix: use a name like "app.kubernetes.io/part-of".`,
      );
    if (value !== '' && !LABEL_NAME.test(value))
      problems.push(
        `selector[${key}]: ${JSON.stringify(value)} is not a label value. Fix: at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit.`,
      );
  }
  if (props.namespace !== undefined && !DNS_LABEL.test(props.namespace)) {
    problems.push(
      `namespace: "${props.namespace}" is not a namespace name. Fix: use lowercase letters, digits and "-", at most 63.`,
    );
  }
  if (props.image !== undefined && props.image.trim() === '')
    problems.push('image: the image is empty. Fix: name an image with kubectl, /bin/sh, date and awk.');
  return problems;
}
