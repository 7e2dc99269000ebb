/**
 * The CronJob's own fields (validateCronJobSpec on create): schedule, timeZone,
 * startingDeadlineSeconds, concurrencyPolicy and the history limits. The schedule and time zone
 * checks are the schedule layer's (validateSchedule, validateTimeZone); this module maps each
 * ScheduleProblem to a finding. The job template is checked by the JobSpec modules under
 * `spec.jobTemplate.spec`.
 */
import { isAtLeast } from '../kubernetes-version';
import { RuleInput, Violation } from '../rule';
import { describeValue, integerOf, isAbsent, stringOf } from '../support/access';
import { ScheduleProblem, ScheduleProblemKind, validateSchedule, validateTimeZone } from '../../schedule/validation';
import { apiServerRule, CRON_JOB_ONLY, cronJobSpecOf } from './api-server-rule';

/** The release from which create refuses "TZ" in the schedule (kubernetes/kubernetes#116252); before it was a warning. */
const TIME_ZONE_PREFIX_REJECTED_SINCE = 29;

/** Results per text: lint and synth see the same few schedules and zones many times. */
const MEMO_LIMIT = 4096;
const scheduleMemo = new Map<string, ScheduleProblem[]>();
const timeZoneMemo = new Map<string, ScheduleProblem[]>();

function memoised(
  memo: Map<string, ScheduleProblem[]>,
  text: string,
  compute: (text: string) => ScheduleProblem[],
): ScheduleProblem[] {
  let problems = memo.get(text);
  if (problems === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    problems = compute(text);
    memo.set(text, problems);
  }
  return problems;
}

/** Four rules read the same problems; they are worked out once per object. */
const problemsByInput = new WeakMap<RuleInput, ScheduleProblem[]>();

/** The schedule and time-zone problems of a CronJob, in the API server's order, for its release. */
function scheduleProblems(input: RuleInput): ScheduleProblem[] {
  let problems = problemsByInput.get(input);
  if (problems === undefined) {
    problems = computeScheduleProblems(input);
    problemsByInput.set(input, problems);
  }
  return problems;
}

function computeScheduleProblems(input: RuleInput): ScheduleProblem[] {
  const spec = cronJobSpecOf(input);
  const problems: ScheduleProblem[] = [];
  const schedule = spec.schedule;
  if (isAbsent(schedule)) problems.push(...validateSchedule(''));
  else if (typeof schedule === 'string') {
    for (const p of memoised(scheduleMemo, schedule, validateSchedule)) {
      if (
        p.kind !== ScheduleProblemKind.SCHEDULE_TIME_ZONE_PREFIX ||
        isAtLeast(input.version, TIME_ZONE_PREFIX_REJECTED_SINCE)
      )
        problems.push(p);
    }
  }
  const timeZone = stringOf(spec.timeZone);
  if (timeZone !== undefined) problems.push(...memoised(timeZoneMemo, timeZone, (zone) => validateTimeZone(zone)));
  return problems;
}

/** A rule reporting the schedule problems of some kinds. */
function scheduleRule(
  id: string,
  summary: string,
  kinds: readonly ScheduleProblemKind[],
  describe: (problem: ScheduleProblem, input: RuleInput) => string,
) {
  return apiServerRule({
    id,
    kinds: CRON_JOB_ONLY,
    summary,
    check(input) {
      return scheduleProblems(input)
        .filter((p) => kinds.includes(p.kind))
        .map((p) => ({ field: `spec.${p.field}`, message: describe(p, input), fix: p.fix }));
    },
  });
}

export const cronJobScheduleRequired = scheduleRule(
  'cronjob-schedule-required',
  'The CronJob has no schedule.',
  [ScheduleProblemKind.SCHEDULE_REQUIRED],
  () => 'The CronJob has no schedule ("Required value").',
);

export const cronJobScheduleInvalid = scheduleRule(
  'cronjob-schedule-invalid',
  "The schedule is not one Kubernetes' cron parser (robfig/cron v3, five fields or a descriptor) accepts.",
  [ScheduleProblemKind.SCHEDULE_SYNTAX],
  (p, input) => `Kubernetes cannot parse the schedule ${describeValue(cronJobSpecOf(input).schedule)}: "${p.reason}".`,
);

export const cronJobScheduleTimeZonePrefix = {
  ...scheduleRule(
    'cronjob-schedule-time-zone-prefix',
    'The schedule contains "TZ" (e.g. a TZ= or CRON_TZ= prefix), which create refuses from Kubernetes 1.29.',
    [ScheduleProblemKind.SCHEDULE_TIME_ZONE_PREFIX],
    (p) =>
      `The schedule names a time zone inline; from Kubernetes 1.29 the API server refuses any schedule containing "TZ" on create ("${p.reason}").`,
  ),
  since: TIME_ZONE_PREFIX_REJECTED_SINCE,
};

export const cronJobTimeZoneInvalid = scheduleRule(
  'cronjob-time-zone-invalid',
  'timeZone is empty, "Local", or not a zone in the IANA database (names are case-sensitive).',
  [ScheduleProblemKind.TIME_ZONE_EMPTY, ScheduleProblemKind.TIME_ZONE_LOCAL, ScheduleProblemKind.TIME_ZONE_UNKNOWN],
  (p, input) => `timeZone ${describeValue(cronJobSpecOf(input).timeZone)} is not accepted: "${p.reason}".`,
);

/** The non-negative CronJob counts, with what 0 means, for the fix. */
const NON_NEGATIVE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['startingDeadlineSeconds', 'leave it out to start late runs whenever the controller gets to them'],
  ['successfulJobsHistoryLimit', '0 keeps no finished Jobs'],
  ['failedJobsHistoryLimit', '0 keeps no failed Jobs'],
];

export const cronJobNegativeValue = apiServerRule({
  id: 'cronjob-negative-value',
  kinds: CRON_JOB_ONLY,
  summary: 'startingDeadlineSeconds, successfulJobsHistoryLimit or failedJobsHistoryLimit is negative.',
  check(input) {
    const spec = cronJobSpecOf(input);
    const violations: Violation[] = [];
    for (const [field, zero] of NON_NEGATIVE_FIELDS) {
      const value = integerOf(spec[field]);
      if (value === undefined || value >= 0) continue;
      violations.push({
        field: `spec.${field}`,
        message: `${field} is ${value}; it "must be greater than or equal to 0".`,
        fix: `Set ${field} to 0 or more (${zero}).`,
      });
    }
    return violations;
  },
});

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

export const cronJobConcurrencyPolicyUnsupported = apiServerRule({
  id: 'cronjob-concurrency-policy-unsupported',
  kinds: CRON_JOB_ONLY,
  summary: 'concurrencyPolicy is not Allow, Forbid or Replace.',
  check(input) {
    const policy = stringOf(cronJobSpecOf(input).concurrencyPolicy);
    if (policy === undefined || CONCURRENCY_POLICIES.includes(policy)) return [];
    return [
      {
        field: 'spec.concurrencyPolicy',
        message: `concurrencyPolicy ${describeValue(policy)} is not supported (supported values: "Allow", "Forbid", "Replace"; case-sensitive).`,
        fix: 'Set concurrencyPolicy to Forbid (skip a run while the last one is still going), Replace, or Allow (the default).',
      },
    ];
  },
});

export const CRONJOB_SPEC_RULES = [
  cronJobScheduleRequired,
  cronJobScheduleInvalid,
  cronJobScheduleTimeZonePrefix,
  cronJobTimeZoneInvalid,
  cronJobNegativeValue,
  cronJobConcurrencyPolicyUnsupported,
];
