/**
 * `ScheduleReconciler`: everything that runs the cdk8s-batch schedule reconciler in a cluster, so
 * that `ScheduledJob`s run: the ScheduledJob CRD, a namespace (Pod Security "restricted"
 * enforced), a ServiceAccount with exactly the permissions the reconciler uses, a Deployment of
 * two replicas under leader election (only the leader creates Jobs; the other takes over within
 * seconds), a PodDisruptionBudget keeping one of them up through node drains, and a Service for
 * Prometheus to scrape `/metrics`.
 *
 * The objects are plain Kubernetes objects with stable names (`name`, default
 * `cdk8s-batch-reconciler`), so a GitOps diff reads like hand-written YAML.
 */
import { ApiObject, Size, SizeRoundingBehavior } from 'cdk8s';
import { ContainerResources, Cpu, k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BatchPolicy } from '../../constructs/batch-policy';
import { scheduledJobCrd } from '../crd/scheduled-job-crd';
import { leaderElectionRules, PolicyRule, SCHEDULED_JOB_RULES } from './reconciler-permissions';

/** The reconciler process's defaults (src/reconciler/runtime/reconciler-process.ts). */
export const DEFAULT_RECONCILER_NAME = 'cdk8s-batch-reconciler';
export const DEFAULT_RECONCILER_NAMESPACE = 'cdk8s-batch-system';
export const METRICS_PORT = 8080;
export const HEALTH_PORT = 8081;
/** The non-root user of the image (the Dockerfile's). */
export const RECONCILER_USER = 65532;

export interface ScheduleReconcilerProps {
  /**
   * The reconciler image, built from this repository's Dockerfile and pushed to your registry,
   * pinned by tag or digest, e.g. `registry.example.com/cdk8s-batch:0.1.0`. There is no default:
   * no public registry carries an official image.
   */
  readonly image: string;

  /**
   * The namespace the reconciler runs in (and holds its leader-election Lease in).
   * @default "cdk8s-batch-system"
   */
  readonly namespace?: string;

  /**
   * Create the namespace, labelled to enforce the Pod Security Standards "restricted" profile.
   * @default true - set false when the namespace is managed elsewhere
   */
  readonly createNamespace?: boolean;

  /**
   * Reconcile ScheduledJobs in this namespace only: the permissions become a Role there instead of
   * a ClusterRole.
   * @default - every namespace (a ClusterRole)
   */
  readonly watchNamespace?: string;

  /**
   * The name of every object (and the prefix of the Role for leader election), and the Lease.
   * @default "cdk8s-batch-reconciler"
   */
  readonly name?: string;

  /**
   * How many replicas run; one leads at a time.
   * @default 2 - a standby takes over within seconds when the leader's node goes away
   */
  readonly replicas?: number;

  /**
   * Requests and limits of the reconciler container.
   * @default - requests 50m CPU and 64 MiB memory, limit 256 MiB memory, no CPU limit: the
   * process is mostly idle, a CPU limit would throttle lease renewals under a burst of syncs
   * (a leader that cannot renew in time hands over), and memory grows with the number of
   * ScheduledJobs and Jobs cached (about 1 KiB per scheduled job beyond the objects themselves)
   */
  readonly resources?: ContainerResources;

  /**
   * The Kubernetes release whose rules every Job must pass before the reconciler creates it.
   * @default - the `BatchPolicy` in force here, so that the cluster refuses exactly what synth refuses
   */
  readonly kubernetesVersion?: string;
}

export class ScheduleReconciler extends Construct {
  /** The namespace the reconciler runs in. */
  public readonly namespace: string;
  /** The name of its objects, and of its Lease. */
  public readonly name: string;
  /** The ScheduledJob CRD. */
  public readonly crd: ApiObject;
  public readonly deployment: k8s.KubeDeployment;

  public constructor(scope: Construct, id: string, props: ScheduleReconcilerProps) {
    super(scope, id);
    // The one place defaults are applied.
    this.name = props.name ?? DEFAULT_RECONCILER_NAME;
    this.namespace = props.namespace ?? DEFAULT_RECONCILER_NAMESPACE;
    const replicas = props.replicas ?? 2;
    const resources = props.resources ?? DEFAULT_RESOURCES;
    const kubernetesVersion = props.kubernetesVersion ?? BatchPolicy.of(this).kubernetesVersion;
    const labels = {
      'app.kubernetes.io/name': DEFAULT_RECONCILER_NAME,
      'app.kubernetes.io/instance': this.name,
      'app.kubernetes.io/part-of': 'cdk8s-batch',
    };
    const selector = { 'app.kubernetes.io/name': DEFAULT_RECONCILER_NAME, 'app.kubernetes.io/instance': this.name };
    const metadata = { name: this.name, namespace: this.namespace, labels };

    if (props.createNamespace ?? true) {
      new k8s.KubeNamespace(this, 'Namespace', {
        metadata: {
          name: this.namespace,
          labels: {
            ...labels,
            'pod-security.kubernetes.io/enforce': 'restricted',
            'pod-security.kubernetes.io/enforce-version': 'latest',
          },
        },
      });
    }
    this.crd = new ApiObject(this, 'CustomResourceDefinition', scheduledJobCrd());
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata });
    this.grant(props.watchNamespace, metadata, labels);

    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels, annotations: SCRAPE_ANNOTATIONS },
          spec: reconcilerPodSpec({
            serviceAccountName: this.name,
            image: props.image,
            args: reconcileArgs({ watchNamespace: props.watchNamespace, leaseName: this.name, kubernetesVersion }),
            resources,
            selector,
          }),
        },
      },
    });

    new k8s.KubeService(this, 'MetricsService', {
      metadata: { name: `${this.name}-metrics`, namespace: this.namespace, labels, annotations: SCRAPE_ANNOTATIONS },
      spec: {
        selector,
        ports: [{ name: 'metrics', port: METRICS_PORT, targetPort: k8s.IntOrString.fromString('metrics') }],
      },
    });
    new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
      metadata,
      spec: { minAvailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
    });
  }

  /** The ScheduledJob permissions (cluster-wide, or in the watched namespace) and leader election in its own. */
  private grant(watchNamespace: string | undefined, metadata: k8s.ObjectMeta, labels: { [key: string]: string }): void {
    const subjects = [{ kind: 'ServiceAccount', name: this.name, namespace: this.namespace }];
    const rules = SCHEDULED_JOB_RULES.map(copyRule);
    if (watchNamespace === undefined) {
      const clusterMetadata = { name: this.name, labels };
      new k8s.KubeClusterRole(this, 'ClusterRole', { metadata: clusterMetadata, rules });
      new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
        metadata: clusterMetadata,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.name },
        subjects,
      });
    } else {
      const watchedMetadata = { name: this.name, namespace: watchNamespace, labels };
      new k8s.KubeRole(this, 'Role', { metadata: watchedMetadata, rules });
      new k8s.KubeRoleBinding(this, 'RoleBinding', {
        metadata: watchedMetadata,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: this.name },
        subjects,
      });
    }
    const leaderMetadata = { ...metadata, name: `${this.name}-leader-election` };
    new k8s.KubeRole(this, 'LeaderElectionRole', {
      metadata: leaderMetadata,
      rules: leaderElectionRules(this.name).map(copyRule),
    });
    new k8s.KubeRoleBinding(this, 'LeaderElectionRoleBinding', {
      metadata: leaderMetadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: leaderMetadata.name },
      subjects,
    });
  }
}

const DEFAULT_RESOURCES: ContainerResources = {
  cpu: { request: Cpu.millis(50) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
};

/** Prometheus's conventional scrape annotations, on the pods and on the metrics Service. */
const SCRAPE_ANNOTATIONS = {
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': String(METRICS_PORT),
  'prometheus.io/path': '/metrics',
};

function copyRule(rule: PolicyRule): k8s.PolicyRule {
  return {
    apiGroups: [...rule.apiGroups],
    resources: [...rule.resources],
    verbs: [...rule.verbs],
    ...(rule.resourceNames ? { resourceNames: [...rule.resourceNames] } : {}),
  };
}

/** `cdk8s-batch reconcile` with this deployment's settings (the image's CMD is `reconcile`). */
export function reconcileArgs(options: {
  readonly watchNamespace?: string;
  readonly leaseName: string;
  readonly kubernetesVersion: string;
}): string[] {
  return [
    'reconcile',
    ...(options.watchNamespace === undefined ? [] : ['--namespace', options.watchNamespace]),
    // Kubernetes expands $(VAR) in args from the container's env: the pod's own namespace.
    '--lease-namespace',
    '$(POD_NAMESPACE)',
    '--lease-name',
    options.leaseName,
    '--metrics-address',
    `:${METRICS_PORT}`,
    '--health-address',
    `:${HEALTH_PORT}`,
    '--kubernetes-version',
    options.kubernetesVersion,
  ];
}

interface PodOptions {
  readonly serviceAccountName: string;
  readonly image: string;
  readonly args: string[];
  readonly resources: ContainerResources;
  readonly selector: { [key: string]: string };
}

/**
 * The reconciler's pod: Pod Security "restricted" (non-root user 65532, no privilege escalation,
 * every capability dropped, RuntimeDefault seccomp, read-only root filesystem), the API token
 * mounted (it talks to the API server), probes on the health port, replicas spread over nodes.
 */
function reconcilerPodSpec(options: PodOptions): k8s.PodSpec {
  return {
    serviceAccountName: options.serviceAccountName,
    automountServiceAccountToken: true,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: RECONCILER_USER,
      runAsGroup: RECONCILER_USER,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    // Shutdown releases the Lease so the standby leads at once; 30 s is ample for it.
    terminationGracePeriodSeconds: 30,
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: {
              topologyKey: 'kubernetes.io/hostname',
              labelSelector: { matchLabels: options.selector },
            },
          },
        ],
      },
    },
    containers: [
      {
        name: 'reconciler',
        image: options.image,
        imagePullPolicy: 'IfNotPresent',
        args: options.args,
        env: [
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        ],
        ports: [
          { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
          { name: 'health', containerPort: HEALTH_PORT, protocol: 'TCP' },
        ],
        livenessProbe: {
          httpGet: { path: '/healthz', port: k8s.IntOrString.fromString('health') },
          initialDelaySeconds: 5,
          periodSeconds: 10,
          failureThreshold: 3,
        },
        readinessProbe: {
          httpGet: { path: '/readyz', port: k8s.IntOrString.fromString('health') },
          periodSeconds: 5,
          failureThreshold: 2,
        },
        resources: containerResources(options.resources),
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          seccompProfile: { type: 'RuntimeDefault' },
        },
      },
    ],
  };
}

/** cdk8s-plus resources as Kubernetes quantities. */
function containerResources(resources: ContainerResources): k8s.ResourceRequirements {
  const requests: { [key: string]: k8s.Quantity } = {};
  const limits: { [key: string]: k8s.Quantity } = {};
  const set = (into: { [key: string]: k8s.Quantity }, key: string, amount: string | undefined) => {
    if (amount !== undefined) into[key] = k8s.Quantity.fromString(amount);
  };
  set(requests, 'cpu', resources.cpu?.request?.amount);
  set(limits, 'cpu', resources.cpu?.limit?.amount);
  set(requests, 'memory', resources.memory?.request && bytes(resources.memory.request));
  set(limits, 'memory', resources.memory?.limit && bytes(resources.memory.limit));
  set(requests, 'ephemeral-storage', resources.ephemeralStorage?.request && bytes(resources.ephemeralStorage.request));
  set(limits, 'ephemeral-storage', resources.ephemeralStorage?.limit && bytes(resources.ephemeralStorage.limit));
  return {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
}

/** A size in MiB when it is whole MiB, else in KiB (cdk8s sizes are whole KiB). */
function bytes(size: Size): string {
  const mebibytes = size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  return Number.isInteger(mebibytes)
    ? `${mebibytes}Mi`
    : `${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })}Ki`;
}
