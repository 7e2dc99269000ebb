/**
 * Realistic, valid Jobs and CronJobs produce no API-server findings in any supported release,
 * including ones that use the newer fields in the releases that have them.
 */
import { readManifestFile } from '../../../src/manifests/read';
import { Severity } from '../../../src/rules/finding';
import { NEWEST_KNOWN_MINOR, OLDEST_SUPPORTED_MINOR } from '../../../src/rules/kubernetes-version';
import { validateBatchObject } from '../../../src/rules/registry';
import { API_SERVER_RULES } from '../../../src/rules/api-server';
import { GA_SINCE_1_28_ERRORS_IN_1_28, GA_SINCE_1_28_FILE } from '../../support/ga-since-1-28';
import { apiServerFindings, goodCronJob, goodJob, Json, withJobSpec } from './fixtures';

const RELEASES = Array.from(
  { length: NEWEST_KNOWN_MINOR - OLDEST_SUPPORTED_MINOR + 1 },
  (_, i) => `1.${OLDEST_SUPPORTED_MINOR + i}`,
);

/** An Indexed Job using every field 1.32 enables by default. */
function modernIndexed(kind: 'Job' | 'CronJob'): Json {
  return withJobSpec(kind, (spec) => {
    spec.completionMode = 'Indexed';
    spec.completions = 10;
    spec.parallelism = 5;
    spec.backoffLimitPerIndex = 1;
    spec.maxFailedIndexes = 3;
    spec.podReplacementPolicy = 'Failed';
    spec.managedBy = 'kueue.x-k8s.io/multikueue';
    spec.successPolicy = { rules: [{ succeededIndexes: '0-2,5', succeededCount: 3 }, { succeededCount: 8 }] };
    spec.podFailurePolicy = {
      rules: [
        { action: 'FailIndex', onExitCodes: { containerName: 'main', operator: 'In', values: [1, 42] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        { action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [0, 1, 42] } },
      ],
    };
  });
}

describe('good objects', () => {
  test.each(RELEASES)('the realistic Job passes in %s', (release) => {
    expect(apiServerFindings(goodJob(), release)).toEqual([]);
  });

  test.each(RELEASES)('the realistic CronJob passes in %s', (release) => {
    expect(apiServerFindings(goodCronJob(), release)).toEqual([]);
  });

  test.each(['Job', 'CronJob'] as const)('an Indexed %s with every newer field passes in 1.32 and later', (kind) => {
    for (const release of RELEASES.slice(RELEASES.indexOf('1.32')))
      expect(apiServerFindings(modernIndexed(kind), release)).toEqual([]);
  });

  test('a minimal Job with only what the API server needs passes', () => {
    const minimal = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pi', image: 'perl' }] } } },
    };
    expect(apiServerFindings(minimal)).toEqual([]);
  });

  test('a manual selector that selects the template labels passes', () => {
    const job = goodJob();
    job.spec.manualSelector = true;
    job.spec.selector = {
      matchLabels: { app: 'report' },
      matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }],
    };
    expect(apiServerFindings(job)).toEqual([]);
  });

  test('rule ids are unique, kebab-case, at most 54 characters, with a summary', () => {
    const ids = API_SERVER_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of API_SERVER_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id.length).toBeLessThanOrEqual(54);
      expect(rule.origin).toBe('api-server');
      expect(rule.summary.length).toBeGreaterThan(20);
    }
  });
});

describe('a Job using every field that went GA since 1.28', () => {
  const read = readManifestFile(GA_SINCE_1_28_FILE);
  const job = 'documents' in read ? read.documents[0].value : undefined;
  const errors = (kubernetesVersion?: string) =>
    validateBatchObject(job, { kubernetesVersion, now: 0 }).filter((f) => f.severity === Severity.ERROR);

  test.each([undefined, '1.35', '1.36', '1.37'])('has no error finding for %s (undefined: the default)', (release) => {
    expect(job).toMatchObject({ kind: 'Job', spec: { managedBy: 'kueue.x-k8s.io/multikueue' } });
    expect(errors(release)).toEqual([]);
  });

  test('is flagged for 1.28, at every field 1.28 cannot use', () => {
    expect(errors('1.28').map((f) => `${f.rule} ${f.field}`)).toEqual(GA_SINCE_1_28_ERRORS_IN_1_28);
  });
});
