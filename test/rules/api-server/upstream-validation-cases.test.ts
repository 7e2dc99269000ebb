/**
 * The API server's own validation tests, each case written out as a Job or CronJob
 * (test/data/README.md): pod validation (upstream-pod-validation.json), Job, CronJob and object
 * metadata validation on create (upstream-batch-validation.json), and what the create strategies and
 * defaulting do before validation (upstream-create-cases.json). What upstream accepts gets no
 * API-server error, what it rejects gets an error at the field upstream names (or within it, or at
 * a parent deep enough to point at the same place).
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
  /** The never-works rule that reports what the API server accepts but the pods cannot survive. */
  readonly podsRefusedBy?: string;
  /** The API server drops a field of it (its feature gate is off): field-unavailable-in-version reports that. */
  readonly fieldDropped?: boolean;
  /** The Job or CronJob; `{{repeat "c" N}}` stands for N copies of c (the size-limit cases). */
  readonly yaml: string;
}

const CASES = [
  ...readReferenceJson<UpstreamCase[]>('upstream-pod-validation.json'),
  ...readReferenceJson<UpstreamCase[]>('upstream-batch-validation.json'),
  ...readReferenceJson<UpstreamCase[]>('upstream-create-cases.json'),
];
const RELEASES = ['1.35', '1.36', '1.37'];
const ORIGIN = new Map(ALL_RULES.map((r) => [r.id, r.origin]));

/** The error findings of the case's Job at `release`, as `lint` reads the YAML. */
function errorsOf(c: UpstreamCase, release: string) {
  const yaml = c.yaml.replace(/\{\{repeat ("(?:[^"\\]|\\.)*") (\d+)\}\}/g, (_, text: string, count: string) =>
    (JSON.parse(text) as string).repeat(Number(count)),
  );
  const read = parseManifestBytes(Buffer.from(yaml), `${c.name}.yaml`, 'kubernetes-yaml');
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

test('the tables hold both verdicts and name their sources', () => {
  expect(CASES.filter((c) => c.verdict === 'accepted').length).toBeGreaterThan(700);
  expect(CASES.filter((c) => c.verdict === 'rejected').length).toBeGreaterThan(1100);
  expect(CASES.every((c) => c.source !== '' && c.case !== '')).toBe(true);
});

describe.each(RELEASES)('upstream validation cases at %s', (release) => {
  const cases = CASES.filter((c) => c.versions === undefined || c.versions.includes(release));

  test.each(cases.filter((c) => c.verdict === 'accepted').map((c) => [c.name, c] as const))(
    '%s is accepted',
    (_name, c) => {
      const errors = errorsOf(c, release);
      const dropped = (rule: string) => c.fieldDropped === true && rule === 'field-unavailable-in-version';
      expect(errors.filter((f) => ORIGIN.get(f.rule) !== RuleOrigin.NEVER_WORKS && !dropped(f.rule))).toEqual([]);
      const explained = [
        ...(c.podsRefusedBy ? [c.podsRefusedBy] : []),
        ...(c.fieldDropped ? ['field-unavailable-in-version'] : []),
      ];
      expect([...new Set(errors.map((f) => f.rule))]).toEqual(explained);
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
