/**
 * The openAPIV3Schema of the ScheduledJob resource, built field by field from its wire types
 * (src/reconciler/resource/scheduled-job-resource.ts) with the plan's bounds
 * (src/reconciler/plan/spec-validation.ts) and enums (src/reconciler/plan/types.ts).
 *
 * The schema refuses what it can say cheaply: types, ranges, enums, and the shape of dates,
 * weekdays, hour ranges, instants and time zones. What needs a parser is left to the reconciler,
 * which checks every spec with `validatePlanSpec` and the cron rules and reports what is wrong on
 * the resource's status (and `ScheduledJob` reports it at synth time): the cron expressions, a
 * date that does not exist, a window without conditions, field combinations.
 *
 * Patterns are never stricter than those parsers, so a spec the reconciler would run is never
 * refused here (the tests check that on the parsers' own inputs). One exception, on purpose:
 * `scheduledTimeEnv` must be a name every Kubernetes release accepts in a container, because the
 * variable goes into every run's containers and an older API server would refuse each run.
 */
import {
  DEFAULT_BACKFILL_MAX_RUNS,
  DEFAULT_BUFFER_LIMIT,
  MAX_BACKFILL_RUNS,
  MAX_BUFFER_LIMIT,
  MAX_CATCH_UP_LIMIT,
  MAX_JITTER_SECONDS,
  MAX_PAUSE_AFTER_FAILURES,
} from '../plan/spec-validation';
import { CatchUpPolicy, DstPolicy, ExclusionWindow, OverlapPolicy } from '../plan/types';
import {
  BackfillRequestResource,
  ConditionResource,
  ScheduledJobResourceSpec,
  ScheduledJobResourceStatus,
} from '../resource/scheduled-job-resource';
import { JOB_TEMPLATE_SCHEMA } from './job-template-schema';
import { arrayOf, bool, enumOf, int32, int64, JsonSchema, objectOf, str } from './json-schema';

/** An RFC 3339 instant with a zone (`Z` or an offset), seconds required, fractions allowed. */
export const RFC3339_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$';

/**
 * An IANA zone name as the API server screens `timeZone` before loading it: `/`-separated parts
 * of 1-14 letters, digits, `.`, `_`, `+`, `-`, none starting with `-` (the CronJob's check).
 */
export const TIME_ZONE_PATTERN = '^[A-Za-z0-9._+][A-Za-z0-9._+-]{0,13}(/[A-Za-z0-9._+][A-Za-z0-9._+-]{0,13})*$';

/** `YYYY-MM-DD` or `MM-DD`, or a range `A..B` of them. */
export const EXCLUSION_DATE_PATTERN = '^([0-9]{4}-)?[0-9]{2}-[0-9]{2}(\\.\\.([0-9]{4}-)?[0-9]{2}-[0-9]{2})?$';

/** A weekday (three letters or 0-6) or a range of two. */
export const EXCLUSION_WEEKDAY_PATTERN = '^([0-6]|[A-Za-z]{3})(-([0-6]|[A-Za-z]{3}))?$';

/** `HH:MM-HH:MM` or `HH-HH`. */
export const EXCLUSION_HOURS_PATTERN = '^[0-9]{1,2}(:[0-9]{2})?-[0-9]{1,2}(:[0-9]{2})?$';

/** A local date-time `YYYY-MM-DDTHH:MM[:SS]`, or an RFC 3339 instant. */
export const LOCAL_DATE_TIME_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$';

/**
 * An environment variable name every Kubernetes release accepts (C identifiers, plus `-` and
 * `.`); newer releases relax it, older ones do not.
 */
export const ENV_VAR_NAME_PATTERN = '^[-._a-zA-Z][-._a-zA-Z0-9]*$';

const instant = (description: string): JsonSchema =>
  str(description, { format: 'date-time', pattern: RFC3339_PATTERN });

const EXCLUSION_WINDOW = objectOf<ExclusionWindow>(
  "A period, on the wall clock of the schedule's zone, in which scheduled runs are dropped. Every condition given must hold.",
  {
    name: str('A label for messages and events. Default: exclusions[i].'),
    dates: arrayOf(
      'Local dates: YYYY-MM-DD, MM-DD (every year), or inclusive ranges A..B (12-24..01-02 wraps over the new year).',
      str('A date or a range.', { pattern: EXCLUSION_DATE_PATTERN }),
      {
        minItems: 1,
      },
    ),
    weekdays: arrayOf(
      'Local weekdays: Mon, mon or 1, or ranges such as Mon-Fri or Fri-Mon (0 or Sun is Sunday).',
      str('A weekday or a range.', { pattern: EXCLUSION_WEEKDAY_PATTERN }),
      {
        minItems: 1,
      },
    ),
    hours: str(
      'A local time-of-day range HH:MM-HH:MM or HH-HH, start inclusive, end exclusive, wrapping past midnight when the end is not after the start.',
      {
        pattern: EXCLUSION_HOURS_PATTERN,
      },
    ),
    from: str(
      'Local date-time YYYY-MM-DDTHH:MM[:SS] (or an RFC 3339 instant) from which the window applies, inclusive.',
      { pattern: LOCAL_DATE_TIME_PATTERN },
    ),
    until: str('Local date-time YYYY-MM-DDTHH:MM[:SS] (or an RFC 3339 instant) at which the window ends, exclusive.', {
      pattern: LOCAL_DATE_TIME_PATTERN,
    }),
  },
  {},
);

const BACKFILL_REQUEST = objectOf<BackfillRequestResource>(
  'Replay the schedule over a past range (written by `cdk8s-batch backfill`).',
  {
    from: instant('First instant of the range, inclusive (RFC 3339).'),
    to: instant('Last instant of the range, inclusive (RFC 3339); runs after now are never backfilled.'),
    maxRuns: int32(`At most this many runs are created. Default ${DEFAULT_BACKFILL_MAX_RUNS}.`, 1, MAX_BACKFILL_RUNS),
  },
  { from: true, to: true },
);

export const SCHEDULED_JOB_SPEC_SCHEMA: JsonSchema = objectOf<ScheduledJobResourceSpec>(
  "When to run and what: the CronJob fields and the reconciler's extensions.",
  {
    schedule: str('The cron schedule, as Kubernetes parses a CronJob schedule. May be empty when schedules is given.'),
    timeZone: str('The IANA time zone the schedules are read in. Default: UTC.', { pattern: TIME_ZONE_PATTERN }),
    startingDeadlineSeconds: int64(
      'Runs whose (jittered) start is more than this many seconds ago are not started. Default: no deadline.',
      0,
    ),
    overlapPolicy: enumOf(
      'What to do when a run is due while earlier ones are active: AllowAll (CronJob Allow, the default), Skip (Forbid), CancelOther (Replace), BufferOne, BufferAll.',
      OverlapPolicy,
    ),
    suspend: bool('Stop starting scheduled runs; active runs are not affected.'),
    successfulJobsHistoryLimit: int32('Finished successful Jobs kept. Default: all.', 0),
    failedJobsHistoryLimit: int32('Finished failed Jobs kept. Default: all.', 0),
    schedules: arrayOf(
      'More cron schedules, in the same zone; runs happen at the union of all fire times.',
      str('A cron schedule.', { minLength: 1 }),
    ),
    bufferLimit: int32(`The queue bound for BufferAll. Default ${DEFAULT_BUFFER_LIMIT}.`, 1, MAX_BUFFER_LIMIT),
    jitterSeconds: int32(
      'Each run starts up to this many seconds late, by a stable per-run amount. Default 0.',
      0,
      MAX_JITTER_SECONDS,
    ),
    exclusions: arrayOf('Periods in which scheduled runs are dropped (change freezes, holidays).', EXCLUSION_WINDOW),
    catchUpPolicy: enumOf(
      'How many runs missed during downtime start: None, Latest, or UpTo catchUpLimit. Default: like the CronJob controller.',
      CatchUpPolicy,
    ),
    catchUpLimit: int32('How many missed runs UpTo starts.', 1, MAX_CATCH_UP_LIMIT),
    pauseAfterFailures: int32(
      'Stop starting scheduled runs after this many consecutive failed runs. Default: never.',
      1,
      MAX_PAUSE_AFTER_FAILURES,
    ),
    dstPolicy: enumOf(
      'A wall-clock time that happens twice when clocks fall back: Kubernetes (run at both, the default) or Once.',
      DstPolicy,
    ),
    runNowAt: instant('Start one run for this instant (once per distinct value); written by `cdk8s-batch trigger`.'),
    backfill: BACKFILL_REQUEST,
    scheduledTimeEnv: str(
      "Set this environment variable in every container to the run's scheduled time (RFC 3339, UTC).",
      { pattern: ENV_VAR_NAME_PATTERN },
    ),
    jobTemplate: JOB_TEMPLATE_SCHEMA,
  },
  { schedule: true, jobTemplate: true },
);

const CONDITION = objectOf<ConditionResource>(
  'A status condition.',
  {
    type: str('The condition type, e.g. Paused.'),
    status: str('True or False.', { enum: ['True', 'False'] }),
    reason: str('A CamelCase reason.'),
    message: str('What happened, for people.'),
    lastTransitionTime: instant('When status last changed.'),
  },
  { type: true, status: true, reason: true, message: true, lastTransitionTime: true },
);

export const SCHEDULED_JOB_STATUS_SCHEMA: JsonSchema = objectOf<ScheduledJobResourceStatus>(
  'What the reconciler observed and decided.',
  {
    active: arrayOf(
      'Jobs believed to be running.',
      objectOf<{ readonly name: string }>('A running Job.', { name: str('The Job name.') }, { name: true }),
    ),
    activeCount: int32('How many Jobs are active.', 0),
    lastScheduleTime: instant('Scheduled time of the most recently started scheduled run.'),
    lastSuccessfulTime: instant('Newest completion time of a succeeded run.'),
    nextScheduleTime: instant('The next scheduled time the reconciler aims at.'),
    queue: arrayOf(
      'BufferOne/BufferAll: scheduled times waiting to start, oldest first.',
      instant('A scheduled time.'),
    ),
    consecutiveFailures: int32('Consecutive failed runs (counted with pauseAfterFailures).', 0),
    failureWatermark: objectOf<NonNullable<ScheduledJobResourceStatus['failureWatermark']>>(
      'The last finished Job the failure count has taken into account.',
      { finishedAt: instant('Its finish time.'), jobName: str('Its name.') },
      { finishedAt: true, jobName: true },
    ),
    lastRunNowAt: instant('The run-now request most recently handled.'),
    backfill: objectOf<NonNullable<ScheduledJobResourceStatus['backfill']>>(
      'How far the backfill request has got.',
      {
        from: instant("The request's first instant."),
        to: instant("The request's last instant."),
        through: instant('The scheduled time of the last run handled.'),
        created: int32('Runs created for the request.', 0),
        complete: bool('No run is left (or maxRuns is reached).'),
        truncated: bool('The range held more runs than maxRuns.'),
      },
      { from: true, to: true, created: true, complete: true, truncated: true },
    ),
    conditions: {
      ...arrayOf('Conditions of the scheduled job (Paused, and why a run could not be created).', CONDITION),
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['type'],
    },
    observedGeneration: int64('metadata.generation of the spec this status reflects.', 0),
  },
  {},
);
