/**
 * Pod-level resources (PodSpec.resources, validatePodResources and validatePodResourceConsistency)
 * where PodLevelResources is on (1.34+), and spec.overhead (validateOverhead) in every release.
 */
import { findingsOf, Json, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const podResources = (resources: Json) => (p: Json) => (p.resources = resources);
const withContainer = (resources: Json, pod: Json) => (p: Json) => {
  main(p).resources = resources;
  p.resources = pod;
};

runPodCases('pod-level resources', [
  {
    row: 'a resource name not supported at pod level',
    rule: 'pod-resources-invalid',
    field: 'resources.limits[ephemeral-storage]',
    bad: podResources({ limits: { memory: '1Gi', 'ephemeral-storage': '1Gi' } }),
    good: podResources({ limits: { memory: '1Gi', 'hugepages-2Mi': '20Mi' } }),
    version: '1.35',
  },
  {
    row: 'an extended resource at pod level',
    rule: 'pod-resources-invalid',
    field: 'resources.requests[example.com/gpu]',
    bad: podResources({ requests: { cpu: '1', 'example.com/gpu': '1' } }),
    good: podResources({ requests: { cpu: '1' } }),
    version: '1.34',
  },
  {
    row: 'a quantity that does not decode',
    rule: 'pod-resources-invalid',
    field: 'resources.limits[memory]',
    bad: podResources({ limits: { memory: '2GB' } }),
    good: podResources({ limits: { memory: '2G' } }),
    version: '1.35',
  },
  {
    row: 'a negative quantity',
    rule: 'pod-resources-invalid',
    field: 'resources.requests[cpu]',
    bad: podResources({ requests: { cpu: '-1' } }),
    good: podResources({ requests: { cpu: '1' } }),
    version: '1.35',
  },
  {
    row: 'a request above its limit',
    rule: 'pod-resources-invalid',
    field: 'resources.requests[memory]',
    bad: podResources({ requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }),
    good: podResources({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } }),
    version: '1.35',
  },
  {
    row: 'a huge-page request different from its limit',
    rule: 'pod-resources-invalid',
    field: 'resources.requests[hugepages-2Mi]',
    bad: podResources({ requests: { memory: '1Gi', 'hugepages-2Mi': '10Mi' }, limits: { 'hugepages-2Mi': '20Mi' } }),
    good: podResources({ requests: { memory: '1Gi', 'hugepages-2Mi': '20Mi' }, limits: { 'hugepages-2Mi': '20Mi' } }),
    version: '1.35',
  },
  {
    row: 'huge pages without cpu or memory',
    rule: 'pod-resources-invalid',
    field: 'resources',
    bad: podResources({ limits: { 'hugepages-2Mi': '20Mi' } }),
    good: podResources({ limits: { 'hugepages-2Mi': '20Mi', memory: '1Gi' } }),
    version: '1.35',
  },
  {
    row: 'claims at pod level',
    rule: 'pod-resources-invalid',
    field: 'resources.claims',
    bad: podResources({ limits: { cpu: '1' }, claims: [{ name: 'gpu' }] }),
    good: podResources({ limits: { cpu: '1' } }),
    version: '1.35',
  },
  {
    row: 'a pod-level request below the containers’ total',
    rule: 'pod-resources-below-containers',
    field: 'resources.requests[cpu]',
    bad: withContainer({ requests: { cpu: '1500m' } }, { requests: { cpu: '1' } }),
    good: withContainer({ requests: { cpu: '1' } }, { requests: { cpu: '1' } }),
    version: '1.35',
  },
  {
    row: 'a template is not defaulted like a pod: a container limit is no request there (pod-refused-on-create judges the pods)',
    rule: 'pod-resources-below-containers',
    field: 'resources.requests[memory]',
    bad: withContainer({ requests: { memory: '2Gi' } }, { requests: { memory: '1Gi' } }),
    good: withContainer({ limits: { memory: '2Gi' } }, { requests: { memory: '1Gi' } }),
    version: '1.34',
  },
  {
    row: 'a container limit above the pod-level limit',
    rule: 'pod-resources-below-containers',
    field: 'containers[0].resources.limits[memory]',
    bad: withContainer({ requests: { memory: '512Mi' }, limits: { memory: '2Gi' } }, { limits: { memory: '1Gi' } }),
    good: withContainer({ requests: { memory: '512Mi' }, limits: { memory: '1Gi' } }, { limits: { memory: '1Gi' } }),
    version: '1.35',
  },
  {
    row: 'sidecar and init container requests count as the pod does',
    rule: 'pod-resources-below-containers',
    field: 'resources.requests[cpu]',
    bad: (p) => {
      p.initContainers = [
        { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
        { name: 'fetch', image: 'fetch:1', resources: { requests: { cpu: '2' } } },
      ];
      p.resources = { requests: { cpu: '2' } };
    },
    good: (p) => {
      p.initContainers = [
        { name: 'proxy', image: 'proxy:1', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
        { name: 'fetch', image: 'fetch:1', resources: { requests: { cpu: '2' } } },
      ];
      p.resources = { requests: { cpu: '2500m' } };
    },
    version: '1.35',
  },
]);

runPodCases('pod-level huge pages', [
  {
    row: 'a pod-level huge-page request without a limit',
    rule: 'pod-resources-invalid',
    field: 'resources.limits',
    bad: podResources({ requests: { memory: '1Gi', 'hugepages-2Mi': '4Mi' } }),
    good: podResources({ requests: { memory: '1Gi', 'hugepages-2Mi': '4Mi' }, limits: { 'hugepages-2Mi': '4Mi' } }),
    version: '1.35',
  },
  {
    row: 'a pod-level huge-page limit that is not whole pages',
    rule: 'pod-resources-invalid',
    field: 'resources.limits[hugepages-2Mi]',
    bad: podResources({ limits: { memory: '1Gi', 'hugepages-2Mi': '3Mi' } }),
    good: podResources({ limits: { memory: '1Gi', 'hugepages-2Mi': '4Mi' } }),
    version: '1.35',
  },
]);

runPodCases('pod overhead', [
  {
    row: 'a huge-page overhead that is not whole pages',
    rule: 'pod-overhead-invalid',
    field: 'overhead[hugepages-2Mi]',
    bad: (p) => (p.overhead = { memory: '120Mi', 'hugepages-2Mi': '1Mi' }),
    good: (p) => (p.overhead = { memory: '120Mi', 'hugepages-2Mi': '2Mi' }),
  },
  {
    row: 'a huge-page overhead without cpu or memory',
    rule: 'pod-overhead-invalid',
    field: 'overhead',
    bad: (p) => (p.overhead = { 'hugepages-2Mi': '2Mi' }),
    good: (p) => (p.overhead = { cpu: '10m', 'hugepages-2Mi': '2Mi' }),
  },
  {
    row: 'an overhead that does not decode',
    rule: 'pod-overhead-invalid',
    field: 'overhead[memory]',
    bad: (p) => (p.overhead = { cpu: '250m', memory: '120MB' }),
    good: (p) => (p.overhead = { cpu: '250m', memory: '120Mi' }),
  },
  {
    row: 'a negative overhead',
    rule: 'pod-overhead-invalid',
    field: 'overhead[cpu]',
    bad: (p) => (p.overhead = { cpu: '-250m' }),
    good: (p) => (p.overhead = { cpu: '250m' }),
    version: '1.25',
  },
  {
    row: 'an overhead name that is not a container resource',
    rule: 'pod-overhead-invalid',
    field: 'overhead[pods]',
    bad: (p) => (p.overhead = { pods: '1' }),
    good: (p) => (p.overhead = { 'ephemeral-storage': '1Gi' }),
    version: '1.35',
  },
  {
    row: 'a fractional extended-resource overhead',
    rule: 'pod-overhead-invalid',
    field: 'overhead[example.com/gpu]',
    bad: (p) => (p.overhead = { 'example.com/gpu': '500m' }),
    good: (p) => (p.overhead = { 'example.com/gpu': '1' }),
  },
]);

describe.each(['Job', 'CronJob'] as const)('pod-level resources release boundary in a %s', (kind) => {
  const bad = withJobSpec(kind, (spec) => (spec.template.spec.resources = { limits: { memory: '2GB' } }));
  test.each(['1.32', '1.33'])('are left to field-unavailable-in-version in %s', (release) => {
    expect(findingsOf('pod-resources-invalid', bad, release)).toEqual([]);
    expect(findingsOf('field-unavailable-in-version', bad, release).length).toBeGreaterThan(0);
  });
  test.each(['1.34', '1.37'])('are checked in %s', (release) => {
    expect(findingsOf('pod-resources-invalid', bad, release).length).toBe(1);
  });
});
