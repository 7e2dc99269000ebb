/**
 * CleanupCronJob: deletes the finished Jobs (and, through the garbage collector, their pods) of
 * one namespace that finished longer ago than a given age: Jobs created by hand, by pipelines or
 * by tools that set no TTL. A Job whose finish time is unknown is kept, and without a selector so
 * are the Jobs of CronJobs and ScheduledJobs (see cleanup-script.ts). It IS a `CronJob`, with the
 * script in cleanup-script.ts, and it is the one batch workload here that talks to the API server, so:
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
import { CLEANUP_RULES } from './cleanup-rules';
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
   * Only Jobs with all of these labels (`kubectl get jobs --selector k=v,...`), whoever owns them.
   * @default - every finished Job in the namespace except those owned by a CronJob or a
   * ScheduledJob, which their owner's history limits keep (its failed runs are the evidence its
   * rules ask to keep)
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
    this._addConstructRules(CLEANUP_RULES, () => ({
      containersGiven: (props.containers ?? []).length > 0,
      writableTmp: props.writableTmp,
      automountServiceAccountToken: props.automountServiceAccountToken,
      olderThanSeconds: this.olderThan.toSeconds(),
      selector: props.selector,
      namespace: props.namespace,
      image: props.image,
    }));
  }
}

/** `k=v,k2=v2` in key order; undefined for no labels. */
export function renderSelector(labels: { [key: string]: string }): string | undefined {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? undefined : keys.map((key) => `${key}=${labels[key]}`).join(',');
}
