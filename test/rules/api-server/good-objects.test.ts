/**
 * Realistic, valid Jobs and CronJobs produce no API-server findings in any supported release,
 * including ones that use the newer fields in the releases that have them.
 */
import { NEWEST_SUPPORTED_MINOR, OLDEST_SUPPORTED_MINOR } from '../../../src/rules/kubernetes-version';
import { API_SERVER_RULES } from '../../../src/rules/api-server';
import { apiServerFindings, goodCronJob, goodJob, Json, withJobSpec } from './fixtures';

const RELEASES = Array.from(
  { length: NEWEST_SUPPORTED_MINOR - OLDEST_SUPPORTED_MINOR + 1 },
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
    for (const release of ['1.32', '1.33', '1.34']) expect(apiServerFindings(modernIndexed(kind), release)).toEqual([]);
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
