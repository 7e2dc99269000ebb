/** WorkloadAccess: the narrowest Role/RoleBinding (or, when asked, cluster kinds) for a workload's own ServiceAccount. */
import { Chart, Testing } from 'cdk8s';
import { ApiResource, ConfigMap, Pod } from 'cdk8s-plus-28';
import { AccessScope, ApiVerb, Job, WorkloadAccess, WorkloadAccessProps } from '../../../src';
import { renderPolicyRules } from '../../../src/constructs/rbac/workload-access';
import { CONTAINER, quietApp, thrownMessage } from '../helpers';

/** `namespace` null: the workload has none. */
function grant(
  props: WorkloadAccessProps,
  namespace: string | null = 'batch',
  extra?: (access: WorkloadAccess, chart: Chart) => void,
) {
  const chart = new Chart(quietApp(), 'test');
  const job = new Job(chart, 'job', {
    containers: [CONTAINER],
    securityContext: { user: 1000 },
    metadata: namespace === null ? undefined : { namespace },
  });
  const access = new WorkloadAccess(job, 'Access', props);
  extra?.(access, chart);
  return { chart, job };
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe("WorkloadAccess in the workload's namespace (the default)", () => {
  const { chart } = grant({ rules: [{ verbs: [ApiVerb.LIST, ApiVerb.DELETE], resources: [ApiResource.JOBS] }] });
  const objects = Testing.synth(chart);
  const account = byKind(objects, 'ServiceAccount')[0];

  test('a Role with exactly the verbs and resources granted', () => {
    const [role] = byKind(objects, 'Role');
    expect(role.metadata.namespace).toBe('batch');
    expect(role.rules).toEqual([{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'delete'] }]);
  });

  test("a RoleBinding of that Role to the workload's own ServiceAccount in its namespace", () => {
    const [role] = byKind(objects, 'Role');
    const [binding] = byKind(objects, 'RoleBinding');
    expect(binding.metadata.namespace).toBe('batch');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: account.metadata.name, namespace: 'batch' }]);
  });

  test('nothing cluster-wide', () => {
    expect(byKind(objects, 'ClusterRole')).toEqual([]);
    expect(byKind(objects, 'ClusterRoleBinding')).toEqual([]);
  });
});

describe('rules', () => {
  test('rules on the same resource are merged, verbs listed once in a fixed order, core group as ""', () => {
    expect(
      renderPolicyRules([
        { verbs: [ApiVerb.DELETE, ApiVerb.LIST], resources: [ApiResource.JOBS, ApiResource.PODS] },
        { verbs: [ApiVerb.LIST, ApiVerb.GET], resources: [ApiResource.JOBS] },
      ]),
    ).toEqual([
      { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'delete'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'delete'] },
    ]);
  });

  test('allow() adds rules, and a resource construct narrows a rule to that object by name', () => {
    const { chart } = grant({}, 'batch', (access, c) => {
      const config = new ConfigMap(c, 'settings', { metadata: { name: 'batch-settings' } });
      access.allow([ApiVerb.GET], config);
      access.allow([ApiVerb.CREATE], ApiResource.custom({ apiGroup: 'example.com', resourceType: 'reports' }));
    });
    expect(byKind(Testing.synth(chart), 'Role')[0].rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['batch-settings'], verbs: ['get'] },
      { apiGroups: ['example.com'], resources: ['reports'], verbs: ['create'] },
    ]);
  });
});

describe('other namespaces and cluster scope', () => {
  test("another namespace: the Role and RoleBinding there, the subject in the workload's", () => {
    const { chart } = grant({
      rules: [{ verbs: [ApiVerb.LIST], resources: [ApiResource.JOBS] }],
      namespace: 'reports',
    });
    const objects = Testing.synth(chart);
    expect(byKind(objects, 'Role')[0].metadata.namespace).toBe('reports');
    const [binding] = byKind(objects, 'RoleBinding');
    expect(binding.metadata.namespace).toBe('reports');
    expect(binding.subjects[0].namespace).toBe('batch');
  });

  test("a workload without a namespace: the subject has none, so the binding's namespace applies", () => {
    const { chart } = grant({ rules: [{ verbs: [ApiVerb.LIST], resources: [ApiResource.JOBS] }] }, null);
    const objects = Testing.synth(chart);
    expect(byKind(objects, 'Role')[0].metadata.namespace).toBeUndefined();
    expect(byKind(objects, 'RoleBinding')[0].subjects[0].namespace).toBeUndefined();
  });

  test("cluster scope when asked: a ClusterRole and a ClusterRoleBinding naming the ServiceAccount's namespace", () => {
    const { chart } = grant({
      rules: [{ verbs: [ApiVerb.LIST], resources: [ApiResource.NAMESPACES] }],
      scope: AccessScope.CLUSTER,
    });
    const objects = Testing.synth(chart);
    expect(byKind(objects, 'Role')).toEqual([]);
    const [role] = byKind(objects, 'ClusterRole');
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['list'] }]);
    const [binding] = byKind(objects, 'ClusterRoleBinding');
    expect(binding.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role.metadata.name,
    });
    expect(binding.subjects[0]).toMatchObject({ kind: 'ServiceAccount', namespace: 'batch' });
  });
});

describe('mistakes are synth errors naming the prop', () => {
  const jobs = [ApiResource.JOBS];
  test.each<[string, WorkloadAccessProps, string | null, RegExp]>([
    ['no rules', {}, 'batch', /\[test\/job\/Access\] rules: no permissions are granted/],
    [
      'a rule without verbs',
      { rules: [{ verbs: [], resources: jobs }] },
      'batch',
      /rules\[0\]\.verbs: the rule allows no verb/,
    ],
    [
      'a rule without resources',
      { rules: [{ verbs: [ApiVerb.GET], resources: [] }] },
      'batch',
      /rules\[0\]\.resources: the rule names no resource/,
    ],
    [
      "cluster scope without the workload's namespace",
      { rules: [{ verbs: [ApiVerb.GET], resources: jobs }], scope: AccessScope.CLUSTER },
      null,
      /namespace: a ClusterRoleBinding must name the ServiceAccount's namespace/,
    ],
    [
      "another namespace without the workload's",
      { rules: [{ verbs: [ApiVerb.GET], resources: jobs }], namespace: 'x' },
      null,
      /namespace: the RoleBinding in "x" must name/,
    ],
    [
      'cluster scope with a namespace',
      { rules: [{ verbs: [ApiVerb.GET], resources: jobs }], scope: AccessScope.CLUSTER, namespace: 'x' },
      'batch',
      /namespace: a cluster-wide grant applies in every namespace/,
    ],
  ])('%s', (_name, props, namespace, expected) => {
    const { chart } = grant(props, namespace);
    const message = thrownMessage(() => Testing.synth(chart)) ?? '';
    expect(message).toMatch(expected);
    expect(message).toMatch(/Fix: /);
  });

  test("a pod on the namespace's default ServiceAccount is refused", () => {
    const chart = new Chart(quietApp(), 'test');
    const pod = new Pod(chart, 'pod', { containers: [{ image: 'x:1' }], automountServiceAccountToken: true });
    new WorkloadAccess(pod, 'Access', { rules: [{ verbs: [ApiVerb.GET], resources: [ApiResource.JOBS] }] });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /serviceAccount: the workload runs as the namespace's default ServiceAccount/,
    );
  });
});
