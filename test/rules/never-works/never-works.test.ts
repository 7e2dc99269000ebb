/**
 * Objects the API server accepts but that can never run: each rule with its bad input (rule id,
 * field, error severity, the never-works wording) and its good input.
 */
import { NEVER_WORKS_RULES } from '../../../src/rules/never-works';
import { NEVER_WORKS_PREFIX } from '../../../src/rules/never-works/never-works-rule';
import { overlongSteps } from '../../../src/rules/never-works/schedule';
import { API_SERVER_RULES } from '../../../src/rules/api-server';
import { validateBatchObject } from '../../../src/rules/registry';
import { findingsOf, goodCronJob, Json, objectWith, withJobSpec } from '../api-server/fixtures';

interface NeverWorksCase {
  readonly row: string;
  readonly rule: string;
  readonly field: string;
  readonly bad: Json;
  readonly good: Json;
}

const cronJobWithSchedule = (schedule: string) => objectWith('CronJob', (o) => (o.spec.schedule = schedule));
const podSecurity = (kind: 'Job' | 'CronJob', pod: Json, container?: Json) =>
  withJobSpec(kind, (s) => {
    s.template.spec.securityContext = pod;
    if (container) s.template.spec.containers[0].securityContext = container;
  });

const CASES: NeverWorksCase[] = [
  {
    row: 'runAsNonRoot with runAsUser 0 on the pod',
    rule: 'container-run-as-root-with-non-root',
    field: 'spec.template.spec.securityContext.runAsUser',
    bad: podSecurity('Job', { runAsNonRoot: true, runAsUser: 0 }),
    good: podSecurity('Job', { runAsNonRoot: true, runAsUser: 1000 }),
  },
  {
    row: 'pod runAsNonRoot, container runAsUser 0 (merged)',
    rule: 'container-run-as-root-with-non-root',
    field: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsUser',
    bad: podSecurity('CronJob', { runAsNonRoot: true }, { runAsUser: 0 }),
    good: podSecurity('CronJob', { runAsNonRoot: true, runAsUser: 1000 }, { runAsNonRoot: false, runAsUser: 0 }),
  },
  {
    row: 'Job activeDeadlineSeconds 0',
    rule: 'job-active-deadline-zero',
    field: 'spec.activeDeadlineSeconds',
    bad: withJobSpec('Job', (s) => (s.activeDeadlineSeconds = 0)),
    good: withJobSpec('Job', (s) => (s.activeDeadlineSeconds = 1)),
  },
  {
    row: 'job template activeDeadlineSeconds 0',
    rule: 'job-active-deadline-zero',
    field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
    bad: withJobSpec('CronJob', (s) => (s.activeDeadlineSeconds = 0)),
    good: withJobSpec('CronJob', (s) => delete s.activeDeadlineSeconds),
  },
  {
    row: 'February 30th',
    rule: 'cronjob-schedule-never-fires',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('0 0 30 2 *'),
    good: cronJobWithSchedule('0 0 28 2 *'),
  },
  {
    row: 'a field that allows no value',
    rule: 'cronjob-schedule-never-fires',
    field: 'spec.schedule',
    bad: cronJobWithSchedule(', 0 * * *'),
    good: cronJobWithSchedule('0,15 0 * * *'),
  },
  {
    row: '*/90 in the minute field',
    rule: 'cronjob-schedule-step-beyond-field',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('*/90 * * * *'),
    good: cronJobWithSchedule('0 */3 * * *'),
  },
  {
    row: '*/30 in the hour field',
    rule: 'cronjob-schedule-step-beyond-field',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('0 */30 * * *'),
    good: cronJobWithSchedule('0 */12 * * *'),
  },
];

describe('never-works rules', () => {
  test.each(CASES.map((c) => [c.row, c] as const))('%s', (_row, c) => {
    const bad = findingsOf(c.rule, c.bad);
    expect(bad.map((f) => f.field)).toContain(c.field);
    for (const f of bad) {
      expect(f.severity).toBe('error');
      expect(f.message.startsWith(NEVER_WORKS_PREFIX)).toBe(true);
    }
    expect(findingsOf(c.rule, c.good)).toEqual([]);
  });

  test('a never-works finding cannot be suppressed or lowered', () => {
    const cronJob = cronJobWithSchedule('*/90 * * * *');
    cronJob.metadata.annotations = { 'cdk8s-batch.io/suppress-cronjob-schedule-step-beyond-field': 'we know' };
    const found = validateBatchObject(cronJob, {
      kubernetesVersion: '1.35',
      policy: { rules: { 'cronjob-schedule-step-beyond-field': 'off' } } as any,
      now: Date.UTC(2026, 0, 1),
    });
    expect(found.find((f) => f.rule === 'cronjob-schedule-step-beyond-field')?.severity).toBe('error');
    expect(found.find((f) => f.rule === 'suppression-not-allowed')?.message).toContain('cannot work');
  });

  test('every never-works rule has the never-works origin and an id no API-server rule has', () => {
    const apiServerIds = new Set(API_SERVER_RULES.map((r) => r.id));
    for (const rule of NEVER_WORKS_RULES) {
      expect(rule.origin).toBe('never-works');
      expect(apiServerIds.has(rule.id)).toBe(false);
    }
  });

  test('the realistic CronJob has no never-works finding', () => {
    const ids = new Set(NEVER_WORKS_RULES.map((r) => r.id));
    expect(
      findingsOf('', goodCronJob())
        .concat(validateBatchObject(goodCronJob(), { now: 0 }))
        .filter((f) => ids.has(f.rule)),
    ).toEqual([]);
  });
});

describe('overlong schedule steps', () => {
  test.each([
    ['*/90 * * * *', 'minute', 0],
    ['5/60 * * * *', 'minute', 5],
    ['0 0 */40 * *', 'day-of-month', 1],
    ['0 0 * 1-6/7 *', 'month', 1],
    ['TZ=UTC */61 * * * *', 'minute', 0],
  ])('%s leaves only %s %d', (schedule, field, only) => {
    expect(overlongSteps(schedule)).toEqual([
      expect.objectContaining({ field: expect.objectContaining({ name: field }), only }),
    ]);
  });
  test.each(['*/15 * * * *', '0 */2 * * *', '@hourly', '0 0 * * MON-FRI/2', '59/1 * * * *', '0 0 1 */6 *'])(
    '%s is fine',
    (schedule) => {
      expect(overlongSteps(schedule)).toEqual([]);
    },
  );
});
