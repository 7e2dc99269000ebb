/** Container resources: quantities as Kubernetes parses them, names, values, requests against limits. */
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  isWholeQuantity,
  parseQuantity,
  scaledValue,
} from '../../../../src/rules/support/quantity';
import { findingsOf, withJobSpec } from '../fixtures';
import { main, runPodCases } from './pod-cases';

const set = (section: string, name: string, value: unknown) => (p: any) => {
  main(p).resources = { ...main(p).resources, [section]: { ...main(p).resources?.[section], [name]: value } };
};

/** Memory and `value` of huge-page resource `name`, requested and limited alike. */
const hugePages = (name: string, value: string) => (p: any) => {
  main(p).resources = { limits: { memory: '1Gi', [name]: value }, requests: { memory: '1Gi', [name]: value } };
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
    row: 'a huge-page limit that is not whole pages',
    rule: 'container-huge-pages-invalid',
    field: 'containers[0].resources.limits[hugepages-2Mi]',
    bad: hugePages('hugepages-2Mi', '3Mi'),
    good: hugePages('hugepages-2Mi', '4Mi'),
  },
  {
    row: 'a huge-page request that is not whole pages',
    rule: 'container-huge-pages-invalid',
    field: 'containers[0].resources.requests[hugepages-1Gi]',
    bad: hugePages('hugepages-1Gi', '1536Mi'),
    good: hugePages('hugepages-1Gi', '1Gi'),
  },
  {
    row: 'a huge-page name with no page size',
    rule: 'container-huge-pages-invalid',
    field: 'containers[0].resources.limits[hugepages-large]',
    bad: hugePages('hugepages-large', '2Mi'),
    good: hugePages('hugepages-2Mi', '2Mi'),
  },
  {
    row: 'huge pages without cpu or memory',
    rule: 'container-huge-pages-invalid',
    field: 'containers[0].resources',
    bad: (p) => (main(p).resources = { limits: { 'hugepages-2Mi': '4Mi' }, requests: { 'hugepages-2Mi': '4Mi' } }),
    good: (p) =>
      (main(p).resources = { limits: { 'hugepages-2Mi': '4Mi' }, requests: { cpu: '1', 'hugepages-2Mi': '4Mi' } }),
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
    field: 'containers[0].resources.limits',
    bad: (p) => (main(p).resources = { requests: { 'nvidia.com/gpu': '1' } }),
    good: (p) => (main(p).resources = { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } }),
  },
]);

describe('huge pages', () => {
  test('a value is rounded up to whole bytes before it is divided into pages', () => {
    // 4194303.5 bytes rounds up to 4194304, two 2 MiB pages; 4194303 bytes is not.
    const job = (value: string) => withJobSpec('Job', (s) => hugePages('hugepages-2Mi', value)(s.template.spec));
    expect(findingsOf('container-huge-pages-invalid', job('4194303500m'))).toEqual([]);
    expect(findingsOf('container-huge-pages-invalid', job('4194303')).map((f) => f.field)).toEqual([
      'spec.template.spec.containers[0].resources.limits[hugepages-2Mi]',
      'spec.template.spec.containers[0].resources.requests[hugepages-2Mi]',
    ]);
  });
  test.each(['hugepages-0', 'hugepages-1500m', 'hugepages--2Mi'])('%s names no page size', (name) => {
    const job = withJobSpec('Job', (s) => hugePages(name, '2Mi')(s.template.spec));
    expect(findingsOf('container-huge-pages-invalid', job)[0].message).toContain('does not name a page size');
  });
  test('the fix names the next whole number of pages', () => {
    const job = withJobSpec('Job', (s) => hugePages('hugepages-2Mi', '5Mi')(s.template.spec));
    expect(findingsOf('container-huge-pages-invalid', job)[0].fix).toBe('Use a whole multiple of 2Mi, e.g. "6Mi".');
  });
});

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
  test('messages write a quantity as Kubernetes would: binary suffixes kept, thousandths as m', () => {
    const q = (t: string) => parseQuantity(t)!;
    expect(formatQuantity(addQuantities(q('600Mi'), q('600Mi')))).toBe('1200Mi');
    expect(formatQuantity(addQuantities(q('512Mi'), q('0.5Gi')))).toBe('1Gi');
    expect(formatQuantity(q('1024'))).toBe('1024');
    expect(formatQuantity(q('1.5'))).toBe('1500m');
    expect(formatQuantity(addQuantities(q('500m'), q('1500m')))).toBe('2');
    expect(formatQuantity(q('3e3'))).toBe('3000');
  });
  test('scaled values round up, away from zero, as resource.Quantity does', () => {
    const q = (t: string) => parseQuantity(t)!;
    expect(scaledValue(q('1Mi'), 0)).toBe(1048576n);
    expect(scaledValue(q('1.5'), 0)).toBe(2n);
    expect(scaledValue(q('-1.5'), 0)).toBe(-2n);
    expect(scaledValue(q('1500m'), 3)).toBe(1500n);
    expect(scaledValue(q('0.0001'), 3)).toBe(1n);
    expect(scaledValue(q('0'), 0)).toBe(0n);
    expect(scaledValue(q('8Ei'), 0)).toBeUndefined();
    expect(scaledValue(q('1e999999'), 0)).toBeUndefined();
  });
});
