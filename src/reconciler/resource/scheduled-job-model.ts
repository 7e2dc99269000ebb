/**
 * The ScheduledJob's fields, described once (wire-model.ts says how): the CRD schema is derived
 * from this file (crd/scheduled-job-schema.ts), the spec and status are read from untrusted JSON by
 * it (spec-conversion.ts, status-conversion.ts; plan case files are turned into the resource and
 * read the same way), the status is written by it, and `validatePlanSpec` takes its bounds, enums
 * and non-empty strings from it. A new spec field is a line here, its type in plan/types.ts (the
 * wire type follows from it), and the code that uses it.
 *
 * The schema refuses what it can say cheaply: types, ranges, enums, and the shape of dates,
 * weekdays, hour ranges, instants and time zones. What needs a parser is left to the reconciler,
 * which checks every spec with `validatePlanSpec` and the cron rules and reports what is wrong on
 * the resource's status (and `ScheduledJob` reports it at synth time): the cron expressions, a
 * date that does not exist, a window without conditions, field combinations.
 *
 * Patterns are never stricter than those parsers, so a spec the reconciler would run is never
 * refused by the API server (the tests check that on the parsers' own inputs). One exception, on
 * purpose: `scheduledTimeEnv` must be a name every Kubernetes release accepts in a container,
 * because the variable goes into every run's containers and an older API server would refuse each
 * run.
 */
import { JOB_SPEC_SCHEMA } from '../crd/job-template-schema';
import { CatchUpPolicy, ConditionStatus, DstPolicy, ExclusionWindow, OverlapPolicy } from '../plan/types';
import {
  BackfillRequestResource,
  ConditionResource,
  JobTemplateResource,
  ScheduledJobResourceSpec,
  ScheduledJobResourceStatus,
} from './scheduled-job-resource';
import {
  absentAs,
  choice,
  embedded,
  flag,
  instant,
  int32Field,
  int64Field,
  list,
  record,
  RecordModel,
  stringMap,
  text,
} from './wire-model';

export const DEFAULT_BUFFER_LIMIT = 10;
export const MAX_BUFFER_LIMIT = 100;
export const MAX_CATCH_UP_LIMIT = 100;
export const MAX_JITTER_SECONDS = 86_400;
export const MAX_PAUSE_AFTER_FAILURES = 1000;
export const DEFAULT_BACKFILL_MAX_RUNS = 100;
export const MAX_BACKFILL_RUNS = 1000;

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

const EXCLUSION_WINDOW = record<ExclusionWindow>(
  "A period, on the wall clock of the schedule's zone, in which scheduled runs are dropped. Every condition given must hold.",
  {
    name: text('A label for messages and events. Default: exclusions[i].'),
    dates: list(
      'Local dates: YYYY-MM-DD, MM-DD (every year), or inclusive ranges A..B (12-24..01-02 wraps over the new year).',
      text('A date or a range.', { pattern: EXCLUSION_DATE_PATTERN }),
      { minItems: 1 },
    ),
    weekdays: list(
      'Local weekdays: Mon, mon or 1, or ranges such as Mon-Fri or Fri-Mon (0 or Sun is Sunday).',
      text('A weekday or a range.', { pattern: EXCLUSION_WEEKDAY_PATTERN }),
      { minItems: 1 },
    ),
    hours: text(
      'A local time-of-day range HH:MM-HH:MM or HH-HH, start inclusive, end exclusive, wrapping past midnight when the end is not after the start.',
      { pattern: EXCLUSION_HOURS_PATTERN },
    ),
    from: text(
      'Local date-time YYYY-MM-DDTHH:MM[:SS] (or an RFC 3339 instant) from which the window applies, inclusive.',
      { pattern: LOCAL_DATE_TIME_PATTERN },
    ),
    until: text('Local date-time YYYY-MM-DDTHH:MM[:SS] (or an RFC 3339 instant) at which the window ends, exclusive.', {
      pattern: LOCAL_DATE_TIME_PATTERN,
    }),
  },
  {},
);

const BACKFILL_REQUEST = record<BackfillRequestResource>(
  'Replay the schedule over a past range (written by `cdk8s-batch backfill`).',
  {
    from: instant('First instant of the range, inclusive (RFC 3339).'),
    to: instant('Last instant of the range, inclusive (RFC 3339); runs after now are never backfilled.'),
    maxRuns: int32Field(
      `At most this many runs are created. Default ${DEFAULT_BACKFILL_MAX_RUNS}.`,
      1,
      MAX_BACKFILL_RUNS,
    ),
  },
  { from: 'the first instant of the range (RFC 3339)', to: 'the last instant of the range (RFC 3339)' },
);

/** Labels and annotations of a template's objects. */
const templateMetadata = (what: string) =>
  record<NonNullable<JobTemplateResource['metadata']>>(
    `Labels and annotations of ${what}.`,
    { labels: stringMap(`Labels of ${what}.`), annotations: stringMap(`Annotations of ${what}.`) },
    {},
  );

const JOB_TEMPLATE = record<JobTemplateResource>(
  "The Job every run is stamped from: what a CronJob's jobTemplate holds.",
  {
    metadata: templateMetadata('every run (merged with the labels and annotations the reconciler adds)'),
    spec: embedded(JOB_SPEC_SCHEMA),
  },
  { spec: 'a batch/v1 JobSpec' },
);

/** The spec: the CronJob fields the reconciler reads, the extensions, and what every run's Job is made from. */
export const SPEC_MODEL: RecordModel = record<ScheduledJobResourceSpec>(
  "When to run and what: the CronJob fields and the reconciler's extensions.",
  {
    schedule: text('The cron schedule, as Kubernetes parses a CronJob schedule. May be empty when schedules is given.'),
    timeZone: text('The IANA time zone the schedules are read in. Default: UTC.', { pattern: TIME_ZONE_PATTERN }),
    startingDeadlineSeconds: int64Field(
      'Runs whose (jittered) start is more than this many seconds ago are not started. Default: no deadline.',
      0,
    ),
    overlapPolicy: choice(
      'What to do when a run is due while earlier ones are active: AllowAll (CronJob Allow, the default), Skip (Forbid), CancelOther (Replace), BufferOne, BufferAll.',
      OverlapPolicy,
    ),
    suspend: flag('Stop starting scheduled runs; active runs are not affected.'),
    successfulJobsHistoryLimit: int32Field('Finished successful Jobs kept. Default: all.', 0),
    failedJobsHistoryLimit: int32Field('Finished failed Jobs kept. Default: all.', 0),
    schedules: list(
      'More cron schedules, in the same zone; runs happen at the union of all fire times.',
      text('A cron schedule.', { minLength: 1 }),
    ),
    bufferLimit: int32Field(`The queue bound for BufferAll. Default ${DEFAULT_BUFFER_LIMIT}.`, 1, MAX_BUFFER_LIMIT),
    jitterSeconds: int32Field(
      'Each run starts up to this many seconds late, by a stable per-run amount. Default 0.',
      0,
      MAX_JITTER_SECONDS,
    ),
    exclusions: list('Periods in which scheduled runs are dropped (change freezes, holidays).', EXCLUSION_WINDOW),
    catchUpPolicy: choice(
      'How many runs missed during downtime start: None, Latest, or UpTo catchUpLimit. Default: like the CronJob controller.',
      CatchUpPolicy,
    ),
    catchUpLimit: int32Field('How many missed runs UpTo starts.', 1, MAX_CATCH_UP_LIMIT),
    pauseAfterFailures: int32Field(
      'Stop starting scheduled runs after this many consecutive failed runs. Default: never.',
      1,
      MAX_PAUSE_AFTER_FAILURES,
    ),
    dstPolicy: choice(
      'A wall-clock time that happens twice when clocks fall back: Kubernetes (run at both, the default) or Once.',
      DstPolicy,
    ),
    runNowAt: instant('Start one run for this instant (once per distinct value); written by `cdk8s-batch trigger`.'),
    backfill: BACKFILL_REQUEST,
    scheduledTimeEnv: text(
      "Set this environment variable in every container to the run's scheduled time (RFC 3339, UTC).",
      {
        pattern: ENV_VAR_NAME_PATTERN,
        refuse: (name) =>
          name === '' || name.includes('=')
            ? `must be an environment variable name (not empty, no "="), not ${JSON.stringify(name)}`
            : undefined,
      },
    ),
    jobTemplate: JOB_TEMPLATE,
  },
  { schedule: 'a cron schedule such as "0 3 * * *"', jobTemplate: 'the Job template each run is created from' },
);

/** Spec fields the plan does not read: the Job builder reads them from the resource. */
export const SPEC_FIELDS_OF_THE_RESOURCE_ONLY = ['scheduledTimeEnv', 'jobTemplate'] as const;

const CONDITION = record<ConditionResource>(
  'A status condition.',
  {
    type: text('The condition type, e.g. Paused.'),
    status: choice('True or False.', ConditionStatus),
    reason: absentAs(text('A CamelCase reason.'), ''),
    message: absentAs(text('What happened, for people.'), ''),
    lastTransitionTime: instant('When status last changed.'),
  },
  {
    type: 'the condition type',
    status: 'True or False',
    reason: 'a CamelCase reason',
    message: 'what happened',
    lastTransitionTime: 'when status last changed (RFC 3339)',
  },
  { open: true },
);

type BackfillProgressResource = NonNullable<ScheduledJobResourceStatus['backfill']>;
type FailureWatermarkResource = NonNullable<ScheduledJobResourceStatus['failureWatermark']>;

/**
 * The status: the reconciler's own record (open: a field a newer version wrote is no mistake,
 * unless the reader is strict). A person may have patched it, so it is read like the spec.
 */
export const STATUS_MODEL: RecordModel = record<ScheduledJobResourceStatus>(
  'What the reconciler observed and decided.',
  {
    active: list(
      'Jobs believed to be running.',
      record<{ readonly name: string }>(
        'A running Job.',
        { name: text('The Job name.') },
        { name: 'the Job name' },
        { open: true },
      ),
    ),
    activeCount: int32Field('How many Jobs are active.', 0),
    lastScheduleTime: instant('Scheduled time of the most recently started scheduled run.'),
    lastSuccessfulTime: instant('Newest completion time of a succeeded run.'),
    nextScheduleTime: instant('The next scheduled time the reconciler aims at.'),
    queue: list('BufferOne/BufferAll: scheduled times waiting to start, oldest first.', instant('A scheduled time.')),
    consecutiveFailures: int32Field('Consecutive failed runs (counted with pauseAfterFailures).', 0),
    failureWatermark: record<FailureWatermarkResource>(
      'The last finished Job the failure count has taken into account.',
      { finishedAt: instant('Its finish time.'), jobName: text('Its name.') },
      { finishedAt: 'its finish time (RFC 3339)', jobName: 'its name' },
      { open: true },
    ),
    lastRunNowAt: instant('The run-now request most recently handled.'),
    backfill: record<BackfillProgressResource>(
      'How far the backfill request has got.',
      {
        from: instant("The request's first instant."),
        to: instant("The request's last instant."),
        through: instant('The scheduled time of the last run handled.'),
        created: absentAs(int32Field('Runs created for the request.', 0), 0),
        complete: absentAs(flag('No run is left (or maxRuns is reached).'), false),
        truncated: absentAs(flag('The range held more runs than maxRuns.'), false),
      },
      {
        from: "the request's first instant (RFC 3339)",
        to: "the request's last instant (RFC 3339)",
        created: 'runs created',
        complete: 'whether no run is left',
        truncated: 'whether the range held more runs than maxRuns',
      },
      { open: true },
    ),
    conditions: list('Conditions of the scheduled job (Paused, and why a run could not be created).', CONDITION, {
      mapKeys: ['type'],
    }),
    observedGeneration: int64Field('metadata.generation of the spec this status reflects.', 0),
  },
  {},
  { open: true },
);

/** Status fields the plan does not keep: derived when the status is written. */
export const STATUS_FIELDS_OF_THE_RESOURCE_ONLY = ['activeCount', 'nextScheduleTime', 'observedGeneration'] as const;
