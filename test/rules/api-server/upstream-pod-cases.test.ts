/**
 * The API server's own pod validation tests, each case written out as a Job (test/data/README.md):
 * what upstream accepts gets no API-server error, what it rejects gets an error at the field
 * upstream names (or within it, or at a parent deep enough to point at the same place).
 */
import { parseManifestBytes } from '../../../src/manifests/parse';
import { Severity } from '../../../src/rules/finding';
import { ALL_RULES, validateBatchObject } from '../../../src/rules/registry';
import { RuleOrigin } from '../../../src/rules/rule';
import { readReferenceJson } from '../../support/reference-data';

interface UpstreamCase {
  readonly name: string;
  readonly source: string;
  readonly case: string;
  readonly verdict: 'accepted' | 'rejected';
  readonly field?: string;
  readonly alsoAt?: readonly string[];
  readonly versions?: readonly string[];
  readonly podsRefusedBy?: string;
  readonly yaml: string;
}

const CASES = readReferenceJson<UpstreamCase[]>('upstream-pod-validation.json');
const RELEASES = ['1.35', '1.36', '1.37'];
const ORIGIN = new Map(ALL_RULES.map((r) => [r.id, r.origin]));

/** The error findings of the case's Job at `release`, as `lint` reads the YAML. */
function errorsOf(c: UpstreamCase, release: string) {
  const read = parseManifestBytes(Buffer.from(c.yaml), `${c.name}.yaml`, 'kubernetes-yaml');
  if ('problem' in read) throw new Error(`${c.name}: ${read.problem.reason}`);
  return validateBatchObject(read.documents[0].value, { kubernetesVersion: release, now: Date.UTC(2026, 0, 1) }).filter(
    (f) => f.severity === Severity.ERROR,
  );
}

/** Whether a finding at `found` reports the mistake upstream reports at `expected`. */
function samePlace(found: string, expected: string): boolean {
  if (found === expected) return true;
  const within = (inner: string, outer: string) =>
    inner.startsWith(outer) && (inner[outer.length] === '.' || inner[outer.length] === '[');
  // A parent counts only below the container or volume level, where it still names one thing.
  return within(found, expected) || (within(expected, found) && found.split('.').length >= 4);
}

test('the table holds both verdicts and names its sources', () => {
  expect(CASES.filter((c) => c.verdict === 'accepted').length).toBeGreaterThan(300);
  expect(CASES.filter((c) => c.verdict === 'rejected').length).toBeGreaterThan(500);
  expect(CASES.every((c) => c.source !== '' && c.case !== '')).toBe(true);
});

describe.each(RELEASES)('upstream pod validation cases at %s', (release) => {
  const cases = CASES.filter((c) => c.versions === undefined || c.versions.includes(release));

  test.each(cases.filter((c) => c.verdict === 'accepted').map((c) => [c.name, c] as const))(
    '%s is accepted',
    (_name, c) => {
      const errors = errorsOf(c, release);
      expect(errors.filter((f) => ORIGIN.get(f.rule) !== RuleOrigin.NEVER_WORKS)).toEqual([]);
      expect([...new Set(errors.map((f) => f.rule))]).toEqual(c.podsRefusedBy ? [c.podsRefusedBy] : []);
    },
  );

  test.each(cases.filter((c) => c.verdict === 'rejected').map((c) => [c.name, c] as const))(
    '%s is rejected at its field',
    (_name, c) => {
      const expected = [c.field!, ...(c.alsoAt ?? [])];
      const fields = errorsOf(c, release).map((f) => f.field);
      expect(fields.some((found) => expected.some((e) => samePlace(found, e)))).toBe(true);
    },
  );
});
