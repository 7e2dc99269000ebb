/**
 * Node affinity, pod affinity and anti-affinity (validateAffinity).
 *
 * Checklist → rule id: no nodeSelectorTerms, operator and values, label keys, label values (1.32),
 * matchFields, preferred weight                                  → pod-node-affinity-invalid
 * labelSelector, namespaceSelector, namespaces, topologyKey, weight, matchLabelKeys and
 * mismatchLabelKeys (1.31)                                        → pod-affinity-invalid
 */
import { findingsOf, ruleFields, withJobSpec } from '../fixtures';
import { runPodCases } from './pod-cases';

const NODE = 'affinity.nodeAffinity';
const REQUIRED = `${NODE}.requiredDuringSchedulingIgnoredDuringExecution`;
const TERM = `${REQUIRED}.nodeSelectorTerms[0]`;
const ANTI = 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]';

const requiredTerm = (term: unknown) => (p: any) =>
  (p.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } });
const expression = (e: unknown) => requiredTerm({ matchExpressions: [e] });
const preferredNode = (item: unknown) => (p: any) =>
  (p.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [item] } });
const antiAffinity = (term: unknown) => (p: any) =>
  (p.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } });
const preferredPod = (item: unknown) => (p: any) =>
  (p.affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [item] } });
const HOST = 'kubernetes.io/hostname';
const APP = { matchLabels: { app: 'report' } };

runPodCases('node affinity rules', [
  {
    row: 'required node affinity without terms',
    rule: 'pod-node-affinity-invalid',
    field: `${REQUIRED}.nodeSelectorTerms`,
    bad: (p) => (p.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } }),
    good: requiredTerm({ matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }),
  },
  {
    row: 'In without values',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchExpressions[0].values`,
    bad: expression({ key: 'disktype', operator: 'In' }),
    good: expression({ key: 'disktype', operator: 'In', values: ['ssd'] }),
  },
  {
    row: 'Exists with values',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchExpressions[0].values`,
    bad: expression({ key: 'disktype', operator: 'Exists', values: ['ssd'] }),
    good: expression({ key: 'disktype', operator: 'DoesNotExist' }),
  },
  {
    row: 'Gt with two values',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchExpressions[0].values`,
    bad: expression({ key: 'example.com/cores', operator: 'Gt', values: ['4', '8'] }),
    good: expression({ key: 'example.com/cores', operator: 'Gt', values: ['4'] }),
  },
  {
    row: 'lowercase operator',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchExpressions[0].operator`,
    bad: expression({ key: 'disktype', operator: 'in', values: ['ssd'] }),
    good: expression({ key: 'disktype', operator: 'NotIn', values: ['hdd'] }),
  },
  {
    row: 'key that is not a label key',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchExpressions[0].key`,
    bad: expression({ key: 'disk type', operator: 'Exists' }),
    good: expression({ key: 'node.example.com/disk-type', operator: 'Exists' }),
  },
  {
    row: 'invalid label value in a required term from 1.32',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchExpressions[0].values[1]`,
    bad: expression({ key: 'zone', operator: 'In', values: ['a', 'eu west'] }),
    good: expression({ key: 'zone', operator: 'In', values: ['a', 'eu-west'] }),
    version: '1.32',
  },
  {
    row: 'matchFields on a label',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchFields[0].key`,
    bad: requiredTerm({ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }),
    good: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }),
  },
  {
    row: 'matchFields with two nodes',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchFields[0].values`,
    bad: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] }),
    good: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-2'] }] }),
  },
  {
    row: 'matchFields with Exists',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchFields[0].operator`,
    bad: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }),
    good: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }),
  },
  {
    row: 'matchFields node name not a subdomain',
    rule: 'pod-node-affinity-invalid',
    field: `${TERM}.matchFields[0].values[0]`,
    bad: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['Node_1'] }] }),
    good: requiredTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1.example.com'] }] }),
  },
  {
    row: 'preferred term weight 0',
    rule: 'pod-node-affinity-invalid',
    field: `${NODE}.preferredDuringSchedulingIgnoredDuringExecution[0].weight`,
    bad: preferredNode({ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }),
    good: preferredNode({ weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }),
  },
  {
    row: 'preferred term operator',
    rule: 'pod-node-affinity-invalid',
    field: `${NODE}.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].operator`,
    bad: preferredNode({ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'Equals' }] } }),
    good: preferredNode({ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }),
  },
]);

runPodCases('pod affinity rules', [
  {
    row: 'anti-affinity without topologyKey',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.topologyKey`,
    bad: antiAffinity({ labelSelector: APP }),
    good: antiAffinity({ labelSelector: APP, topologyKey: HOST }),
  },
  {
    row: 'topologyKey not a label key',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.topologyKey`,
    bad: antiAffinity({ labelSelector: APP, topologyKey: 'kubernetes.io/host name' }),
    good: antiAffinity({ labelSelector: APP, topologyKey: 'topology.kubernetes.io/zone' }),
  },
  {
    row: 'labelSelector operator',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.labelSelector.matchExpressions[0].operator`,
    bad: antiAffinity({
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      topologyKey: HOST,
    }),
    good: antiAffinity({
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['1'] }] },
      topologyKey: HOST,
    }),
  },
  {
    row: 'labelSelector value from 1.26',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.labelSelector.matchExpressions[0].values[0]`,
    bad: antiAffinity({
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a b'] }] },
      topologyKey: HOST,
    }),
    good: antiAffinity({
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a-b'] }] },
      topologyKey: HOST,
    }),
  },
  {
    row: 'namespaceSelector label key',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.namespaceSelector.matchLabels`,
    bad: antiAffinity({
      labelSelector: APP,
      namespaceSelector: { matchLabels: { 'team name': 'data' } },
      topologyKey: HOST,
    }),
    good: antiAffinity({ labelSelector: APP, namespaceSelector: { matchLabels: { team: 'data' } }, topologyKey: HOST }),
  },
  {
    row: 'namespace that is not a DNS label',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.namespaces[1]`,
    bad: antiAffinity({ labelSelector: APP, namespaces: ['reports', 'Reports.Prod'], topologyKey: HOST }),
    good: antiAffinity({ labelSelector: APP, namespaces: ['reports', 'reports-prod'], topologyKey: HOST }),
  },
  {
    row: 'preferred weight above 100',
    rule: 'pod-affinity-invalid',
    field: 'affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
    bad: preferredPod({ weight: 101, podAffinityTerm: { labelSelector: APP, topologyKey: HOST } }),
    good: preferredPod({ weight: 50, podAffinityTerm: { labelSelector: APP, topologyKey: HOST } }),
  },
  {
    row: 'preferred term without podAffinityTerm',
    rule: 'pod-affinity-invalid',
    field: 'affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey',
    bad: preferredPod({ weight: 50 }),
    good: preferredPod({ weight: 50, podAffinityTerm: { topologyKey: HOST } }),
  },
  {
    row: 'matchLabelKeys without labelSelector (1.31)',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.matchLabelKeys`,
    bad: antiAffinity({ matchLabelKeys: ['pod-template-hash'], topologyKey: HOST }),
    good: antiAffinity({ labelSelector: APP, matchLabelKeys: ['pod-template-hash'], topologyKey: HOST }),
    version: '1.31',
  },
  {
    row: 'mismatchLabelKeys key not a label key (1.31)',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.mismatchLabelKeys[0]`,
    bad: antiAffinity({ labelSelector: APP, mismatchLabelKeys: ['tenant id'], topologyKey: HOST }),
    good: antiAffinity({ labelSelector: APP, mismatchLabelKeys: ['tenant-id'], topologyKey: HOST }),
    version: '1.31',
  },
  {
    row: 'key in both matchLabelKeys and mismatchLabelKeys (1.33)',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.matchLabelKeys[0]`,
    bad: antiAffinity({
      labelSelector: APP,
      matchLabelKeys: ['tenant'],
      mismatchLabelKeys: ['tenant'],
      topologyKey: HOST,
    }),
    good: antiAffinity({
      labelSelector: APP,
      matchLabelKeys: ['tenant'],
      mismatchLabelKeys: ['team'],
      topologyKey: HOST,
    }),
    version: '1.33',
  },
  {
    row: 'matchLabelKeys key also selected by the labelSelector (1.35)',
    rule: 'pod-affinity-invalid',
    field: `${ANTI}.matchLabelKeys[0]`,
    bad: antiAffinity({
      labelSelector: { matchLabels: { tenant: 'a' }, matchExpressions: [{ key: 'tenant', operator: 'Exists' }] },
      matchLabelKeys: ['tenant'],
      topologyKey: HOST,
    }),
    good: antiAffinity({
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
      matchLabelKeys: ['tenant'],
      topologyKey: HOST,
    }),
    version: '1.35',
  },
]);

describe('affinity release differences', () => {
  const badValue = (kind: 'Job' | 'CronJob') =>
    withJobSpec(kind, (s) => expression({ key: 'zone', operator: 'In', values: ['eu west'] })(s.template.spec));
  test.each(['Job', 'CronJob'] as const)('required node affinity values are not checked before 1.32 (%s)', (kind) => {
    expect(findingsOf('pod-node-affinity-invalid', badValue(kind), '1.31')).toEqual([]);
    expect(findingsOf('pod-node-affinity-invalid', badValue(kind), '1.32')).toHaveLength(1);
  });

  test('preferred node affinity values are never checked', () => {
    const job = withJobSpec('Job', (s) =>
      preferredNode({
        weight: 5,
        preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu west'] }] },
      })(s.template.spec),
    );
    expect(findingsOf('pod-node-affinity-invalid', job, '1.35')).toEqual([]);
  });

  test('pod affinity selector values are checked from 1.26', () => {
    const job = withJobSpec('Job', (s) =>
      antiAffinity({
        labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a b'] }] },
        topologyKey: HOST,
      })(s.template.spec),
    );
    expect(findingsOf('pod-affinity-invalid', job, '1.25')).toEqual([]);
    expect(findingsOf('pod-affinity-invalid', job, '1.26').map((f) => f.field)).toEqual([
      `spec.template.spec.${ANTI}.labelSelector.matchExpressions[0].values[0]`,
    ]);
  });

  test('matchLabelKeys before 1.31 is a dropped field, not validated', () => {
    const job = withJobSpec('Job', (s) =>
      antiAffinity({ matchLabelKeys: ['tenant id'], topologyKey: HOST })(s.template.spec),
    );
    expect(ruleFields(job, '1.30')).toEqual([`field-unavailable-in-version spec.template.spec.${ANTI}.matchLabelKeys`]);
    expect(findingsOf('field-unavailable-in-version', job, '1.30')[0].message).toContain('MatchLabelKeysInPodAffinity');
    expect(ruleFields(job, '1.28')).toEqual([`field-unavailable-in-version spec.template.spec.${ANTI}.matchLabelKeys`]);
    expect(ruleFields(job, '1.31')).toEqual([`pod-affinity-invalid spec.template.spec.${ANTI}.matchLabelKeys`]);
  });

  test('a realistic spread of affinities passes in every release from 1.31', () => {
    const job = withJobSpec('Job', (s) => {
      s.template.spec.affinity = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] },
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['batch-node-1'] }] },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 20,
              preference: { matchExpressions: [{ key: 'example.com/cores', operator: 'Gt', values: ['8'] }] },
            },
          ],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 100,
              podAffinityTerm: {
                labelSelector: { matchLabels: { app: 'report' } },
                namespaceSelector: {},
                namespaces: ['reports'],
                topologyKey: 'topology.kubernetes.io/zone',
                matchLabelKeys: ['batch.kubernetes.io/job-name'],
              },
            },
          ],
        },
      };
    });
    for (const release of ['1.31', '1.33', '1.35', '1.37']) expect(ruleFields(job, release)).toEqual([]);
  });
});
