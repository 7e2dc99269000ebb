/**
 * ScheduleReconciler: the objects it deploys, RBAC that is exactly what the reconciler calls
 * (checked by running the real reconciler process on the API server double and authorizing every
 * request it makes against the chart's roles), a Deployment that passes Pod Security "restricted",
 * arguments the `reconcile` command accepts, and stable YAML.
 */
import { Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { stringify } from 'yaml';
import { BatchPolicy } from 'cdk8s-batch/lib/src/index';
import { RECONCILE_USAGE } from '../../src/cli/reconcile';
import { ClusterClient, DeleteOptions, Selection, WatchHandler, WatchOptions } from '../../src/cluster/client';
import { KubeObject, ObjectOf, ResourceKind } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { SimulatedClock } from '../support/simulated-clock';
import { ApiServerDouble } from '../support/api-server-double/api-server-double';
import { RESOURCE_TYPES } from 'cdk8s-batch/lib/src/reconciler/resource/api-resources';
import { scheduledJobCrd } from 'cdk8s-batch/lib/src/reconciler/crd/scheduled-job-crd';
import {
  ScheduleReconciler,
  ScheduleReconcilerProps,
} from 'cdk8s-batch/lib/src/reconciler/constructs/schedule-reconciler';
import { ScheduledJob } from 'cdk8s-batch/lib/src/reconciler/constructs/scheduled-job';
import { OverlapPolicy } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import {
  DEFAULT_HEALTH_ADDRESS,
  DEFAULT_LEASE_NAME,
  DEFAULT_METRICS_ADDRESS,
  runReconciler,
} from '../../src/runtime/reconciler-process';
import { Severity } from 'cdk8s-batch/lib/src/rules/finding';
import { DEFAULT_KUBERNETES_VERSION } from 'cdk8s-batch/lib/src/rules/kubernetes-version';
import { CONTAINER, findingsOf, quietApp } from '../../../../test/constructs/helpers';
import { ApiRequest, grantedVerbs, grantsOf, isAllowed } from './support/rbac';

const IMAGE = 'registry.example/cdk8s-batch:0.1.0';

function manifests(props: Partial<ScheduleReconcilerProps> = {}, app = Testing.app()): any[] {
  const chart = new Chart(app, 'test');
  new ScheduleReconciler(chart, 'reconciler', { image: IMAGE, ...props });
  return Testing.synth(chart);
}

const one = (objects: any[], kind: string, name?: string) => {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('what it deploys', () => {
  const objects = manifests();

  test('namespace, CRD, service account, roles, deployment, metrics service and disruption budget', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/cdk8s-batch-system',
      'CustomResourceDefinition/scheduledjobs.scheduling.cdk8s-batch.io',
      'ServiceAccount/cdk8s-batch-reconciler',
      'ClusterRole/cdk8s-batch-reconciler',
      'ClusterRoleBinding/cdk8s-batch-reconciler',
      'Role/cdk8s-batch-reconciler-leader-election',
      'RoleBinding/cdk8s-batch-reconciler-leader-election',
      'Deployment/cdk8s-batch-reconciler',
      'Service/cdk8s-batch-reconciler-metrics',
      'PodDisruptionBudget/cdk8s-batch-reconciler',
    ]);
  });

  test('the CRD is the one src/reconciler/crd builds', () => {
    expect(one(objects, 'CustomResourceDefinition')).toEqual(JSON.parse(JSON.stringify(scheduledJobCrd())));
  });

  test('the namespace enforces Pod Security "restricted"', () => {
    expect(one(objects, 'Namespace').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  test('two replicas, one kept through disruptions, spread over nodes', () => {
    const deployment = one(objects, 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    expect(one(objects, 'PodDisruptionBudget').spec).toEqual({ minAvailable: 1, selector: deployment.spec.selector });
    expect(
      deployment.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]
        .podAffinityTerm.topologyKey,
    ).toBe('kubernetes.io/hostname');
  });

  test('probes on /healthz and /readyz, metrics on a named port behind a Service with scrape annotations', () => {
    const container = one(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(container.ports).toEqual([
      { name: 'metrics', containerPort: 8080, protocol: 'TCP' },
      { name: 'health', containerPort: 8081, protocol: 'TCP' },
    ]);
    const service = one(objects, 'Service');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 8080, targetPort: 'metrics' }]);
    expect(service.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '8080',
    });
  });

  test('default resources: requests, a memory limit, no CPU limit', () => {
    expect(one(objects, 'Deployment').spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { memory: '256Mi' },
    });
  });

  test('YAML', () => {
    expect(stringify(objects.filter((o) => o.kind !== 'CustomResourceDefinition'))).toMatchSnapshot();
  });

  test('synthesis is deterministic', () => {
    expect(stringify(manifests())).toBe(stringify(objects));
  });
});

describe('props', () => {
  test('name, namespace, replicas, resources and image', () => {
    const objects = manifests({
      name: 'sched',
      namespace: 'platform',
      replicas: 3,
      resources: {
        cpu: { request: Cpu.millis(200), limit: Cpu.units(1) },
        memory: { request: Size.mebibytes(128), limit: Size.gibibytes(1) },
        ephemeralStorage: { limit: Size.mebibytes(100) },
      },
    });
    const deployment = one(objects, 'Deployment', 'sched');
    expect(deployment.metadata.namespace).toBe('platform');
    expect(deployment.spec.replicas).toBe(3);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe(IMAGE);
    expect(container.resources).toEqual({
      requests: { cpu: '200m', memory: '128Mi' },
      limits: { cpu: '1', memory: '1024Mi', 'ephemeral-storage': '100Mi' },
    });
    expect(container.args).toEqual(expect.arrayContaining(['--lease-name', 'sched']));
    expect(one(objects, 'Namespace', 'platform')).toBeDefined();
    expect(one(objects, 'Role', 'sched-leader-election').metadata.namespace).toBe('platform');
  });

  test('createNamespace: false leaves the namespace out', () => {
    expect(manifests({ createNamespace: false }).map((o) => o.kind)).not.toContain('Namespace');
  });

  test('the Kubernetes release follows the BatchPolicy in force, or the prop', () => {
    const app = Testing.app();
    new BatchPolicy(app, { kubernetesVersion: '1.30' });
    const args = (objects: any[]) => one(objects, 'Deployment').spec.template.spec.containers[0].args;
    expect(args(manifests({}, app))).toEqual(expect.arrayContaining(['--kubernetes-version', '1.30']));
    expect(args(manifests({ kubernetesVersion: '1.31' }))).toEqual(
      expect.arrayContaining(['--kubernetes-version', '1.31']),
    );
    expect(args(manifests())).toEqual(expect.arrayContaining(['--kubernetes-version', DEFAULT_KUBERNETES_VERSION]));
  });
});

describe('arguments', () => {
  const args = (props: Partial<ScheduleReconcilerProps> = {}) =>
    one(manifests(props), 'Deployment').spec.template.spec.containers[0].args as string[];

  test('every flag is one `cdk8s-batch reconcile` accepts', () => {
    const flags = [...args(), ...args({ watchNamespace: 'team-a' })].filter((a) => a.startsWith('--'));
    expect(flags.length).toBeGreaterThan(4);
    for (const flag of flags) expect(RECONCILE_USAGE).toContain(`[${flag} `);
  });

  test('the defaults agree with the reconciler process: lease name and listen addresses', () => {
    const a = args();
    expect(a[0]).toBe('reconcile');
    expect(a[a.indexOf('--lease-name') + 1]).toBe(DEFAULT_LEASE_NAME);
    expect(a[a.indexOf('--metrics-address') + 1]).toBe(DEFAULT_METRICS_ADDRESS);
    expect(a[a.indexOf('--health-address') + 1]).toBe(DEFAULT_HEALTH_ADDRESS);
  });

  test("the lease lives in the pod's own namespace; the replica's identity is its pod name", () => {
    const container = one(manifests(), 'Deployment').spec.template.spec.containers[0];
    const a = container.args as string[];
    expect(a[a.indexOf('--lease-namespace') + 1]).toBe('$(POD_NAMESPACE)');
    expect(container.env).toEqual([
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ]);
  });

  test('--namespace only when watching one namespace', () => {
    expect(args()).not.toContain('--namespace');
    const a = args({ watchNamespace: 'team-a' });
    expect(a[a.indexOf('--namespace') + 1]).toBe('team-a');
  });
});

describe('RBAC: exactly the verbs it needs', () => {
  test('cluster-wide: a ClusterRole for ScheduledJobs, their status, Jobs and Events; leases in its own namespace only', () => {
    const objects = manifests();
    expect(one(objects, 'ClusterRole').rules).toEqual([
      { apiGroups: ['scheduling.cdk8s-batch.io'], resources: ['scheduledjobs'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['scheduling.cdk8s-batch.io'], resources: ['scheduledjobs/status'], verbs: ['update'] },
      // OwnerReferencesPermissionEnforcement: blockOwnerDeletion on the Jobs (issue 15, finding 6).
      { apiGroups: ['scheduling.cdk8s-batch.io'], resources: ['scheduledjobs/finalizers'], verbs: ['update'] },
      // The run-record finalizer comes off with an update (issue 15, finding 4).
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
      { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: ['create'] },
    ]);
    const leader = one(objects, 'Role', 'cdk8s-batch-reconciler-leader-election');
    expect(leader.metadata.namespace).toBe('cdk8s-batch-system');
    expect(leader.rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        resourceNames: ['cdk8s-batch-reconciler'],
        verbs: ['get', 'update'],
      },
    ]);
    expect(one(objects, 'ClusterRoleBinding').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'cdk8s-batch-reconciler', namespace: 'cdk8s-batch-system' },
    ]);
  });

  test('one watched namespace: a Role there, and nothing cluster-wide', () => {
    const objects = manifests({ watchNamespace: 'team-a' });
    expect(objects.filter((o) => o.kind.startsWith('Cluster'))).toEqual([]);
    const role = one(objects, 'Role', 'cdk8s-batch-reconciler');
    expect(role.metadata.namespace).toBe('team-a');
    expect(role.rules).toEqual(one(manifests(), 'ClusterRole').rules);
    expect(one(objects, 'RoleBinding', 'cdk8s-batch-reconciler').metadata.namespace).toBe('team-a');
  });

  test('the emulated authorizer refuses what the roles do not grant', () => {
    const grants = grantsOf(manifests({ watchNamespace: 'team-a' }), 'cdk8s-batch-reconciler', 'cdk8s-batch-system');
    expect(isAllowed(grants, { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'team-a' })).toBe(true);
    expect(isAllowed(grants, { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'team-b' })).toBe(false);
    expect(isAllowed(grants, { verb: 'list', group: 'batch', resource: 'jobs' })).toBe(false);
    expect(isAllowed(grants, { verb: 'patch', group: 'batch', resource: 'jobs', namespace: 'team-a' })).toBe(false);
    expect(
      isAllowed(grants, {
        verb: 'update',
        group: 'scheduling.cdk8s-batch.io',
        resource: 'scheduledjobs/finalizers',
        namespace: 'team-b',
        name: 'x',
      }),
    ).toBe(false);
    expect(
      isAllowed(grants, {
        verb: 'update',
        group: 'scheduling.cdk8s-batch.io',
        resource: 'scheduledjobs',
        namespace: 'team-a',
        name: 'x',
      }),
    ).toBe(false);
    expect(
      isAllowed(grants, {
        verb: 'update',
        group: 'coordination.k8s.io',
        resource: 'leases',
        namespace: 'cdk8s-batch-system',
        name: 'other-lease',
      }),
    ).toBe(false);
    expect(
      isAllowed(grants, {
        verb: 'get',
        group: 'coordination.k8s.io',
        resource: 'leases',
        namespace: 'cdk8s-batch-system',
        name: 'cdk8s-batch-reconciler',
      }),
    ).toBe(true);
  });

  describe.each<[string, string | undefined]>([
    ['watching every namespace', undefined],
    ['watching one namespace', 'team-a'],
  ])('the reconciler process, %s, on the API server double', (_name, watchNamespace) => {
    test('makes only requests the roles allow, and uses every verb they grant', async () => {
      const objects = manifests({ watchNamespace });
      const grants = grantsOf(objects, 'cdk8s-batch-reconciler', 'cdk8s-batch-system');
      const requests = await runReconcilerFor(watchNamespace, 5);
      const refused = requests.filter((r) => !isAllowed(grants, r));
      expect(refused).toEqual([]);
      const used = new Set(requests.map((r) => `${r.group}/${r.resource} ${r.verb}`));
      expect(grantedVerbs(grants).filter((granted) => !used.has(granted))).toEqual([]);
    }, 60_000);
  });
});

describe('Pod Security "restricted"', () => {
  const pod = one(manifests(), 'Deployment').spec.template;

  test('the pod, wrapped in a Job, has no finding of the Pod Security rules', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'wrapper' },
      spec: { template: { ...pod, spec: { ...pod.spec, restartPolicy: 'Never' } } },
    };
    const findings = findingsOf(job).filter(
      (f) => f.rule.startsWith('pss-') || f.rule.startsWith('container-') || f.severity === Severity.ERROR,
    );
    expect(findings).toEqual([]);
  });

  test('non-root user 65532, no privilege escalation, every capability dropped, RuntimeDefault seccomp, read-only root', () => {
    expect(pod.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('the check notices a pod that breaks the profile', () => {
    const container = {
      ...pod.spec.containers[0],
      securityContext: { ...pod.spec.containers[0].securityContext, allowPrivilegeEscalation: true },
    };
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'wrapper' },
      spec: { template: { ...pod, spec: { ...pod.spec, restartPolicy: 'Never', containers: [container] } } },
    };
    expect(findingsOf(job).map((f) => f.rule)).toContain('pss-allow-privilege-escalation');
  });
});

/**
 * The requests the reconciler process makes over `minutes` simulated minutes, reconciling one
 * ScheduledJob that replaces its run every minute (so Jobs are created and deleted, Events
 * recorded, the status written, and the Lease created and renewed).
 */
async function runReconcilerFor(watchNamespace: string | undefined, minutes: number): Promise<ApiRequest[]> {
  const clock = new SimulatedClock(Date.UTC(2026, 0, 1, 0, 0, 30));
  const api = new ApiServerDouble({ clock, seed: 7 });
  const chart = new Chart(quietApp(), 'apps', { namespace: 'team-a' });
  new ScheduledJob(chart, 'every-minute', {
    schedule: '* * * * *',
    overlapPolicy: OverlapPolicy.CANCEL_OTHER,
    containers: [CONTAINER],
    securityContext: { user: 1000 },
  });
  const scheduledJob = Testing.synth(chart).find((o) => o.kind === 'ScheduledJob');
  const setup = api.client('setup');
  const created = await setup.create(ResourceKind.SCHEDULED_JOB, scheduledJob);
  // A run listed as active that the reconciler's cache never saw: it reads that Job live.
  await setup.updateStatus(ResourceKind.SCHEDULED_JOB, {
    ...created,
    status: { active: [{ name: 'every-minute-29000000' }] },
  });

  const requests: ApiRequest[] = [];
  const shutdown = new AbortController();
  let listening!: () => void;
  const started = new Promise<void>((resolve) => (listening = resolve));
  const done = runReconciler(
    {
      namespace: watchNamespace,
      leaseNamespace: 'cdk8s-batch-system',
      leaseName: 'cdk8s-batch-reconciler',
      identity: 'replica-a',
      metricsAddress: { host: '127.0.0.1', port: 0 },
      healthAddress: { host: '127.0.0.1', port: 0 },
      resyncMs: 300_000,
    },
    {
      client: recording(api.client('reconciler'), requests),
      clock,
      log: () => undefined,
      shutdown: shutdown.signal,
      listening: () => listening(),
    },
  );
  await started;
  for (let i = 0; i < minutes * 6; i++) await clock.advance(10_000);
  shutdown.abort();
  for (let i = 0; i < 10; i++) await clock.advance(1000);
  await done;
  return requests;
}

/** A client that records each request as the authorizer sees it. */
function recording(inner: ClusterClient, into: ApiRequest[]): ClusterClient {
  const at = (kind: ResourceKind, verb: string, namespace: string | undefined, name?: string, subresource?: string) => {
    const type = RESOURCE_TYPES[kind];
    into.push({
      verb,
      group: type.group,
      resource: subresource ? `${type.plural}/${subresource}` : type.plural,
      namespace,
      name,
    });
  };
  /**
   * What OwnerReferencesPermissionEnforcement (OpenShift turns it on) also authorizes: an owner
   * reference that newly sets `blockOwnerDeletion: true` needs `update` on the owner's
   * `finalizers` subresource; an update that changes owner references needs `delete` on the object.
   */
  const blockingOwners = (object: KubeObject, previous: KubeObject | undefined) => {
    const before = previous?.metadata.ownerReferences ?? [];
    const after = object.metadata.ownerReferences ?? [];
    if (previous !== undefined && JSON.stringify(before) !== JSON.stringify(after))
      at(object.kind as ResourceKind, 'delete', object.metadata.namespace, object.metadata.name);
    for (const ref of after) {
      if (ref.blockOwnerDeletion !== true || before.some((b) => b.uid === ref.uid && b.blockOwnerDeletion === true))
        continue;
      at(ref.kind as ResourceKind, 'update', object.metadata.namespace, ref.name, 'finalizers');
    }
  };
  return {
    list<K extends ResourceKind>(kind: K, selection?: Selection) {
      at(kind, 'list', selection?.namespace);
      return inner.list(kind, selection);
    },
    watch<K extends ResourceKind>(kind: K, options: WatchOptions, handler: WatchHandler<ObjectOf<K>>) {
      at(kind, 'watch', options.namespace);
      return inner.watch(kind, options, handler);
    },
    get<K extends ResourceKind>(kind: K, namespace: string, name: string) {
      at(kind, 'get', namespace, name);
      return inner.get(kind, namespace, name);
    },
    create<K extends ResourceKind>(kind: K, object: ObjectOf<K>) {
      at(kind, 'create', object.metadata.namespace);
      blockingOwners(object, undefined);
      return inner.create(kind, object);
    },
    async update<K extends ResourceKind>(kind: K, object: ObjectOf<K>) {
      at(kind, 'update', object.metadata.namespace, object.metadata.name);
      blockingOwners(object, await inner.get(kind, object.metadata.namespace!, object.metadata.name!));
      return inner.update(kind, object);
    },
    updateStatus<K extends ResourceKind>(kind: K, object: ObjectOf<K>) {
      at(kind, 'update', object.metadata.namespace, object.metadata.name, 'status');
      return inner.updateStatus(kind, object);
    },
    delete(kind: ResourceKind, namespace: string, name: string, options?: DeleteOptions) {
      at(kind, 'delete', namespace, name);
      return inner.delete(kind, namespace, name, options);
    },
  };
}
