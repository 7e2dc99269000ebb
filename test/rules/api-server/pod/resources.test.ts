/** Container resources: quantities as Kubernetes parses them, names, values, requests against limits. */
import { compareQuantities, isWholeQuantity, parseQuantity } from '../../../../src/rules/support/quantity';
import { main, runPodCases } from './pod-cases';

const set = (section: string, name: string, value: unknown) => (p: any) => {
  main(p).resources = { ...main(p).resources, [section]: { ...main(p).resources?.[section], [name]: value } };
};

runPodCases('resource rules', [
  {
    row: '2GB is not a quantity',
    rule: 'container-resource-quantity-invalid',
    field: 'containers[0].resources.limits[memory]',
    bad: set('limits', 'memory', '2GB'),
    good: set('limits', 'memory', '2G'),
  },
  {
    row: 'a space before the suffix',
    rule: 'container-resource-quantity-invalid',
    field: 'containers[0].resources.requests[memory]',
    bad: set('requests', 'memory', '1 Gi'),
    good: set('requests', 'memory', '1Gi'),
  },
  {
    row: 'init container quantity',
    rule: 'container-resource-quantity-invalid',
    field: 'initContainers[0].resources.requests[cpu]',
    bad: (p) => (p.initContainers[0].resources = { requests: { cpu: '0.5cores' } }),
    good: (p) => (p.initContainers[0].resources = { requests: { cpu: 0.5 } }),
  },
  {
    row: 'unknown unprefixed resource',
    rule: 'container-resource-name-invalid',
    field: 'containers[0].resources.limits[gpu]',
    bad: set('limits', 'gpu', '1'),
    good: set('limits', 'nvidia.com/gpu', '1'),
  },
  {
    row: 'negative quantity',
    rule: 'container-resource-value-invalid',
    field: 'containers[0].resources.requests[cpu]',
    bad: set('requests', 'cpu', '-100m'),
    good: set('requests', 'cpu', '100m'),
  },
  {
    row: 'fractional extended resource',
    rule: 'container-resource-value-invalid',
    field: 'containers[0].resources.limits[nvidia.com/gpu]',
    bad: set('limits', 'nvidia.com/gpu', '500m'),
    good: set('limits', 'nvidia.com/gpu', '1'),
  },
  {
    row: 'memory request above its limit (binary against decimal)',
    rule: 'container-resource-request-exceeds-limit',
    field: 'containers[0].resources.requests[memory]',
    bad: (p) => (main(p).resources = { requests: { memory: '1.1Gi' }, limits: { memory: '1G' } }),
    good: (p) => (main(p).resources = { requests: { memory: '1G' }, limits: { memory: '1Gi' } }),
  },
  {
    row: 'cpu request above its limit',
    rule: 'container-resource-request-exceeds-limit',
    field: 'containers[0].resources.requests[cpu]',
    bad: (p) => (main(p).resources = { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } }),
    good: (p) => (main(p).resources = { requests: { cpu: '1' }, limits: { cpu: '1000m' } }),
  },
  {
    row: 'extended resource requested without a limit',
    rule: 'container-resource-request-exceeds-limit',
    field: 'containers[0].resources.requests[nvidia.com/gpu]',
    bad: (p) => (main(p).resources = { requests: { 'nvidia.com/gpu': '1' } }),
    good: (p) => (main(p).resources = { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } }),
  },
]);

describe('quantities as Kubernetes parses them', () => {
  test.each(['1', '0', '500m', '1.5', '.5', '2Gi', '2G', '1e3', '1E3', '1E', '+1Ki', '-1', '100n', '12Ei', '0.1e-2'])(
    '%s parses',
    (text) => {
      expect(parseQuantity(text)).toBeDefined();
    },
  );
  test.each(['', '2GB', '1 Gi', '1Kib', '1i', '1e', '1.2.3', 'abc', '1Mi5', '1e3Ki', '1gi', '1K'])(
    '%s does not',
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
  test('compares exactly across suffixes', () => {
    const q = (t: string) => parseQuantity(t)!;
    expect(compareQuantities(q('1Gi'), q('1073741824'))).toBe(0);
    expect(compareQuantities(q('1G'), q('1Gi'))).toBe(-1);
    expect(compareQuantities(q('1000m'), q('1'))).toBe(0);
    expect(compareQuantities(q('1e3'), q('1k'))).toBe(0);
    expect(compareQuantities(q('-1'), q('0'))).toBe(-1);
    expect(compareQuantities(q('1e999999'), q('1'))).toBe(1);
    expect(isWholeQuantity(q('1500m'))).toBe(false);
    expect(isWholeQuantity(q('2000m'))).toBe(true);
  });
});
