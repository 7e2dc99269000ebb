/**
 * The CronJob's own fields.
 *
 * Checklist (k8s-validation.md §3 → rule id):
 * - spec.schedule empty                                     → cronjob-schedule-required
 * - spec.schedule rejected by cron.ParseStandard             → cronjob-schedule-invalid
 * - spec.schedule contains "TZ" on create (from 1.29; a warning before) → cronjob-schedule-time-zone-prefix
 * - spec.schedule on update with TZ and timeZone: update only, not checked (we validate what is created)
 * - spec.startingDeadlineSeconds < 0                         → cronjob-negative-value
 * - spec.timeZone "", bad component, "Local", unknown zone   → cronjob-time-zone-invalid
 * - spec.concurrencyPolicy "" (defaulted to Allow: never reported); not Allow/Forbid/Replace
 *                                                            → cronjob-concurrency-policy-unsupported
 * - spec.jobTemplate.spec.*: job-spec, pod-failure-policy, success-policy, selector and pod-template tests
 * - spec.successfulJobsHistoryLimit, failedJobsHistoryLimit < 0 (0 allowed) → cronjob-negative-value
 * - metadata.name longer than 52                             → object-metadata.test.ts
 */
import { findingsOf, objectWith, RuleCase, runRuleTable } from './fixtures';

const cronJob = (fields: Record<string, unknown>) => objectWith('CronJob', (o) => Object.assign(o.spec, fields));

describe('CronJob spec rules', () => {
  const cases: RuleCase[] = [
    {
      row: 'schedule missing',
      rule: 'cronjob-schedule-required',
      field: 'spec.schedule',
      bad: objectWith('CronJob', (o) => delete o.spec.schedule),
      good: cronJob({}),
    },
    {
      row: 'schedule empty',
      rule: 'cronjob-schedule-required',
      field: 'spec.schedule',
      bad: cronJob({ schedule: '' }),
      good: cronJob({ schedule: '@daily' }),
    },
    {
      row: 'schedule with day of week 7',
      rule: 'cronjob-schedule-invalid',
      field: 'spec.schedule',
      bad: cronJob({ schedule: '0 0 * * 7' }),
      good: cronJob({ schedule: '0 0 * * 0' }),
    },
    {
      row: 'schedule with Quartz extensions',
      rule: 'cronjob-schedule-invalid',
      field: 'spec.schedule',
      bad: cronJob({ schedule: '99 L # 13 foo' }),
      good: cronJob({ schedule: '0 0 28-31 * *' }),
    },
    {
      row: 'schedule with a TZ= prefix (1.29)',
      rule: 'cronjob-schedule-time-zone-prefix',
      field: 'spec.schedule',
      bad: cronJob({ schedule: 'TZ=Europe/Berlin 0 3 * * *', timeZone: undefined }),
      good: cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Berlin' }),
      version: '1.29',
    },
    {
      row: 'schedule with a CRON_TZ= prefix (1.31)',
      rule: 'cronjob-schedule-time-zone-prefix',
      field: 'spec.schedule',
      bad: cronJob({ schedule: 'CRON_TZ=UTC @hourly' }),
      good: cronJob({ schedule: '@hourly' }),
      version: '1.31',
    },
    {
      row: 'timeZone empty',
      rule: 'cronjob-time-zone-invalid',
      field: 'spec.timeZone',
      bad: cronJob({ timeZone: '' }),
      good: cronJob({ timeZone: 'UTC' }),
    },
    {
      row: 'timeZone Local',
      rule: 'cronjob-time-zone-invalid',
      field: 'spec.timeZone',
      bad: cronJob({ timeZone: 'local' }),
      good: cronJob({ timeZone: 'Etc/UTC' }),
    },
    {
      row: 'timeZone unknown',
      rule: 'cronjob-time-zone-invalid',
      field: 'spec.timeZone',
      bad: cronJob({ timeZone: 'Mars/Olympus' }),
      good: cronJob({ timeZone: 'America/New_York' }),
    },
    {
      row: 'timeZone component longer than 14 characters',
      rule: 'cronjob-time-zone-invalid',
      field: 'spec.timeZone',
      bad: cronJob({ timeZone: 'America/Argentina_Buenos_Aires' }),
      good: cronJob({ timeZone: 'America/Argentina/Buenos_Aires' }),
    },
    {
      row: 'timeZone wrong case',
      rule: 'cronjob-time-zone-invalid',
      field: 'spec.timeZone',
      bad: cronJob({ timeZone: 'europe/berlin' }),
      good: cronJob({}),
    },
    {
      row: 'startingDeadlineSeconds < 0',
      rule: 'cronjob-negative-value',
      field: 'spec.startingDeadlineSeconds',
      bad: cronJob({ startingDeadlineSeconds: -10 }),
      good: cronJob({ startingDeadlineSeconds: 0 }),
    },
    {
      row: 'successfulJobsHistoryLimit < 0',
      rule: 'cronjob-negative-value',
      field: 'spec.successfulJobsHistoryLimit',
      bad: cronJob({ successfulJobsHistoryLimit: -1 }),
      good: cronJob({ successfulJobsHistoryLimit: 0 }),
    },
    {
      row: 'failedJobsHistoryLimit < 0',
      rule: 'cronjob-negative-value',
      field: 'spec.failedJobsHistoryLimit',
      bad: cronJob({ failedJobsHistoryLimit: -1 }),
      good: cronJob({ failedJobsHistoryLimit: 0 }),
    },
    {
      row: 'concurrencyPolicy not Allow, Forbid or Replace',
      rule: 'cronjob-concurrency-policy-unsupported',
      field: 'spec.concurrencyPolicy',
      bad: cronJob({ concurrencyPolicy: 'forbid' }),
      good: cronJob({ concurrencyPolicy: 'Replace' }),
    },
  ];
  runRuleTable(cases);
});

describe('CronJob details', () => {
  test('"TZ" in the schedule is refused from 1.29 only (1.28 merely warns)', () => {
    const withPrefix = cronJob({ schedule: 'TZ=UTC 0 3 * * *', timeZone: undefined });
    expect(findingsOf('cronjob-schedule-time-zone-prefix', withPrefix, '1.28')).toEqual([]);
    expect(findingsOf('cronjob-schedule-time-zone-prefix', withPrefix, '1.29')).toHaveLength(1);
    expect(findingsOf('cronjob-schedule-invalid', withPrefix, '1.28')).toEqual([]);
  });

  test('a TZ= prefix without a space is a parse error in every release', () => {
    expect(findingsOf('cronjob-schedule-invalid', cronJob({ schedule: 'TZ=UTC' }), '1.28')).toHaveLength(1);
  });

  test('each ScheduleProblem keeps its fix', () => {
    const [finding] = findingsOf('cronjob-schedule-invalid', cronJob({ schedule: '0 0 0 * * *' }));
    expect(finding.fix).toContain('seconds');
  });

  test('an empty concurrencyPolicy is defaulted to Allow, so it is never reported', () => {
    expect(findingsOf('cronjob-concurrency-policy-unsupported', cronJob({ concurrencyPolicy: '' }))).toEqual([]);
  });

  test('a null timeZone counts as absent', () => {
    expect(findingsOf('cronjob-time-zone-invalid', cronJob({ timeZone: null }))).toEqual([]);
  });

  test('CronJob rules do not look at a Job', () => {
    expect(findingsOf('cronjob-schedule-required', objectWith('Job'))).toEqual([]);
  });
});
