/**
 * Synth-time checks of a ScheduledJob manifest, as pure functions of the rendered object, so that
 * synthesis finds what the reconciler would refuse or report once the object is in a cluster.
 *
 * 1. The CronJob view (`cronJobViewOf`): the batch/v1 CronJob with the same schedule, zone,
 *    deadlines, history limits and job template, at the same field paths. Every CronJob rule
 *    judges it (schedule and zone as the API server parses them, the 52-character name, deadlines,
 *    daylight saving, pod security ...), with the policy and suppressions in force, through the
 *    same synth-validation path as a CronJob. Rules an extension makes moot are suppressed in the
 *    view only, with the reason (a catch-up policy replaces the 100-missed-starts limit, ...).
 * 2. What a CronJob cannot show (`scheduledJobFindings`, errors only, judged in the same pass and at
 *    the same instant as the view; `SCHEDULED_JOB_RULES` are its construct rules):
 *    - the spec as the reconciler reads it (`readResourceSpec`) and the plan's checks
 *      (`validatePlanSpec`), at `spec.<field>`;
 *    - each of `spec.schedules`, by the CronJob schedule rules, at `spec.schedules[i]`;
 *    - a jitter that is not shorter than the interval between runs;
 *    - the Job the reconciler would create for a run (`buildRunJob`, named `<name>-<unix minutes>`)
 *      under the rules that apply to Jobs but not to CronJobs (its name and pod hostnames), at the
 *      ScheduledJob's paths; and `scheduledTimeEnv` against the variables the containers set.
 */
import { checkConstructRules, ConstructRule } from '../../rules/construct-rule';
import { Finding, movedFinding, Severity } from '../../rules/finding';
import { RuleLevel, suppressionAnnotation } from '../../rules/policy';
import { ALL_RULES, validateBatchObject, ValidateOptions } from '../../rules/registry';
import { RuleOrigin, Violation } from '../../rules/rule';
import { scheduledJobName } from '../plan/job-names';
import { validatePlanSpec } from '../plan/spec-validation';
import { DstPolicy, OverlapPolicy, RunKind } from '../plan/types';
import { buildRunJob } from '../resource/run-job';
import {
  ENV_VAR_NAME_PATTERN,
  MAX_BACKFILL_RUNS,
  MAX_BUFFER_LIMIT,
  MAX_CATCH_UP_LIMIT,
  MAX_JITTER_SECONDS,
  MAX_PAUSE_AFTER_FAILURES,
} from '../resource/scheduled-job-model';
import { ScheduledJobResource } from '../resource/scheduled-job-resource';
import { readResourceSpec } from '../resource/spec-conversion';
import { unionShortestIntervalSeconds } from './scheduled-job-intervals';
import { registerConstructRules } from '../../constructs/construct-rules';

/** A spec field the reconciler would refuse (`invalidSpec`) or that `validatePlanSpec` rejects. */
export const SPEC_INVALID_RULE = 'scheduled-job-spec-invalid';
/** `overlapPolicy` and `concurrencyPolicy` both given, saying different things. */
export const OVERLAP_CONFLICT_RULE = 'scheduled-job-overlap-policy-conflict';
/** A jitter as long as the interval between runs. */
export const JITTER_TOO_LONG_RULE = 'scheduled-job-jitter-too-long';
/** `scheduledTimeEnv` names a variable a container sets itself. */
export const TIME_ENV_CONFLICT_RULE = 'scheduled-job-time-env-conflict';

/** How each overlap policy reads as a CronJob concurrencyPolicy (buffer policies never run two at once). */
const VIEW_CONCURRENCY: Readonly<Record<OverlapPolicy, string>> = {
  [OverlapPolicy.ALLOW_ALL]: 'Allow',
  [OverlapPolicy.SKIP]: 'Forbid',
  [OverlapPolicy.CANCEL_OTHER]: 'Replace',
  [OverlapPolicy.BUFFER_ONE]: 'Forbid',
  [OverlapPolicy.BUFFER_ALL]: 'Forbid',
};

/** CronJob rules an extension field makes moot, with the reason the view's suppression carries. */
function mootRules(spec: ScheduledJobResource['spec']): Record<string, string> {
  const moot: Record<string, string> = {};
  if (spec.catchUpPolicy !== undefined)
    moot['cronjob-too-many-missed-starts'] =
      `catchUpPolicy ${spec.catchUpPolicy} decides which missed runs start; there is no 100-missed-starts limit`;
  if (spec.dstPolicy === DstPolicy.ONCE)
    moot['cronjob-dst-doubled-runs'] = 'dstPolicy Once runs a repeated wall-clock time once';
  if (spec.overlapPolicy === OverlapPolicy.BUFFER_ONE || spec.overlapPolicy === OverlapPolicy.BUFFER_ALL) {
    moot['cronjob-forbid-deadline-exceeds-interval'] =
      `overlapPolicy ${spec.overlapPolicy} queues a run that is due while another is active instead of dropping it`;
  }
  return moot;
}

/** The batch/v1 CronJob the CronJob rules judge for a ScheduledJob manifest (same paths). */
export function cronJobViewOf(manifest: ScheduledJobResource, schedule: string = manifest.spec.schedule): unknown {
  const { spec, metadata } = manifest;
  const suppressions = Object.fromEntries(
    Object.entries(mootRules(spec)).map(([rule, reason]) => [suppressionAnnotation(rule), reason]),
  );
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata:
      Object.keys(suppressions).length > 0
        ? { ...metadata, annotations: { ...metadata.annotations, ...suppressions } }
        : metadata,
    spec: {
      schedule,
      timeZone: spec.timeZone,
      startingDeadlineSeconds: spec.startingDeadlineSeconds,
      // An unknown policy is the spec reader's finding, at spec.overlapPolicy; the view keeps the resource's default.
      concurrencyPolicy: VIEW_CONCURRENCY[spec.overlapPolicy ?? OverlapPolicy.ALLOW_ALL] ?? 'Allow',
      suspend: spec.suspend,
      successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit,
      failedJobsHistoryLimit: spec.failedJobsHistoryLimit,
      jobTemplate: spec.jobTemplate,
    },
  };
}

/** Where the fix for a spec problem points, by the field's first segment. */
const SPEC_FIXES: Readonly<Record<string, string>> = {
  schedule: 'Give a cron schedule such as "0 3 * * *".',
  schedules:
    'Give each additional schedule as a non-empty cron string read in the shared timeZone: no TZ= prefix, and no @every next to other schedules.',
  bufferLimit: `Use a bufferLimit from 1 to ${MAX_BUFFER_LIMIT}, with overlapPolicy BufferAll only.`,
  jitterSeconds: `Use a jitter of whole seconds, at most ${MAX_JITTER_SECONDS / 3600} hours, e.g. Duration.minutes(10).`,
  exclusions:
    'Write the window with at least one condition: dates YYYY-MM-DD or MM-DD (ranges A..B), weekdays such as Mon-Fri, hours HH:MM-HH:MM, from/until YYYY-MM-DDTHH:MM (until after from).',
  catchUpLimit: `Use CatchUp.upTo(n) with n from 1 to ${MAX_CATCH_UP_LIMIT}; other catch-up policies take no limit.`,
  pauseAfterFailures: `Use a whole number of failed runs from 1 to ${MAX_PAUSE_AFTER_FAILURES}.`,
  backfill: `Give from <= to and at most ${MAX_BACKFILL_RUNS} runs.`,
  scheduledTimeEnv:
    'Use an environment variable name of letters, digits, "_", "-" and ".", not starting with a digit, e.g. SCHEDULED_TIME.',
};
const DEFAULT_SPEC_FIX = 'Correct the field as the message says.';

function specViolation(field: string, message: string): Violation {
  const top = field.replace(/^spec\./, '').split(/[.[]/)[0];
  return { field, message, fix: SPEC_FIXES[top] ?? DEFAULT_SPEC_FIX };
}

/** `spec.X` of a Job is `spec.jobTemplate.spec.X` of the ScheduledJob; its labels and annotations come from the template's. */
function pathInScheduledJob(jobField: string): string {
  if (jobField.startsWith('spec.')) return `spec.jobTemplate.${jobField}`;
  if (jobField.startsWith('metadata.labels') || jobField.startsWith('metadata.annotations'))
    return `spec.jobTemplate.${jobField}`;
  return jobField;
}

/** Rules that judge a Job but not a CronJob: the only ones the view cannot run. */
const JOB_ONLY_RULES = new Set(
  ALL_RULES.filter((r) => r.kinds.includes('Job') && !r.kinds.includes('CronJob')).map((r) => r.id),
);

/** What the ScheduledJob rules judge: the manifest, and the two overlap props as given. */
export interface ScheduledJobCheck {
  readonly manifest: ScheduledJobResource;
  readonly overlapPolicy?: OverlapPolicy;
  readonly concurrencyPolicy?: string;
}

const SCHEDULED_JOB = ['ScheduledJob'];

/** The construct rules of a ScheduledJob; every one reports what the reconciler would refuse or not do as asked. */
export const SCHEDULED_JOB_RULES: readonly ConstructRule<ScheduledJobCheck>[] = [
  {
    id: SPEC_INVALID_RULE,
    origin: RuleOrigin.CONSTRUCT,
    constructs: SCHEDULED_JOB,
    summary:
      'A ScheduledJob spec field the reconciler would refuse: a bad buffer limit, jitter, exclusion window, catch-up limit, pause threshold, backfill or scheduledTimeEnv.',
    check: ({ manifest }) => {
      const reading = readResourceSpec(manifest.spec);
      return [
        ...reading.problems.map((p) => specViolation(p.field, p.message)),
        ...(reading.spec ? validatePlanSpec(reading.spec).map((p) => specViolation(`spec.${p.field}`, p.message)) : []),
        ...timeEnvNameViolations(manifest),
      ];
    },
  },
  {
    id: OVERLAP_CONFLICT_RULE,
    origin: RuleOrigin.CONSTRUCT,
    constructs: SCHEDULED_JOB,
    summary: 'A ScheduledJob given both overlapPolicy and a concurrencyPolicy that means another policy.',
    check: ({ overlapPolicy, concurrencyPolicy }) => overlapConflict(overlapPolicy, concurrencyPolicy),
  },
  {
    id: JITTER_TOO_LONG_RULE,
    origin: RuleOrigin.CONSTRUCT,
    constructs: SCHEDULED_JOB,
    summary: 'A jitter not shorter than the shortest interval between runs, which the reconciler would cap.',
    check: ({ manifest }) => jitterViolations(manifest),
  },
  {
    id: TIME_ENV_CONFLICT_RULE,
    origin: RuleOrigin.CONSTRUCT,
    constructs: SCHEDULED_JOB,
    summary: 'A container that sets the variable scheduledTimeEnv names, whose value the reconciler would replace.',
    check: ({ manifest }) => timeEnvConflicts(manifest),
  },
];
registerConstructRules(SCHEDULED_JOB_RULES);

/** The error findings of a ScheduledJob that its CronJob view cannot show, with the options of the view's pass. */
export function scheduledJobFindings(
  check: ScheduledJobCheck,
  options: ValidateOptions & { readonly now: number },
): Finding[] {
  const { manifest } = check;
  return [
    ...checkConstructRules(SCHEDULED_JOB_RULES, check, { levels: options.policy?.rules ?? {} }),
    ...additionalScheduleFindings(manifest, options),
    ...(readResourceSpec(manifest.spec).problems.length === 0 ? runJobFindings(manifest, options) : []),
  ];
}

/** Each of `spec.schedules` judged like a CronJob's schedule. */
function additionalScheduleFindings(manifest: ScheduledJobResource, options: ValidateOptions): Finding[] {
  return (manifest.spec.schedules ?? []).flatMap((schedule, i) =>
    validateBatchObject(cronJobViewOf(manifest, schedule), options)
      .filter((f) => f.severity === Severity.ERROR && f.field === 'spec.schedule')
      .map((f) => ({ ...f, field: `spec.schedules[${i}]` })),
  );
}

function jitterViolations(manifest: ScheduledJobResource): Violation[] {
  const { jitterSeconds, schedule, schedules, timeZone } = manifest.spec;
  if (jitterSeconds === undefined || jitterSeconds <= 0) return [];
  const all = [schedule, ...(schedules ?? [])].filter((s) => s !== '');
  const interval = unionShortestIntervalSeconds(all, timeZone ?? 'UTC');
  if (interval === undefined || jitterSeconds < interval) return [];
  return [
    {
      field: 'spec.jitterSeconds',
      message: `A jitter of ${jitterSeconds} s is not shorter than the shortest interval between runs (${interval} s); the reconciler would cap it below each gap, so the jitter asked for is not the one applied.`,
      fix: `Use a jitter below ${interval} s (a fraction of the interval, e.g. ${Math.max(1, Math.floor(interval / 10))} s), or space the runs further apart.`,
    },
  ];
}

/** The Job of a scheduled run, under the Job-only rules; and `scheduledTimeEnv` against the containers. */
function runJobFindings(
  manifest: ScheduledJobResource,
  options: ValidateOptions & { readonly now: number },
): Finding[] {
  const name = manifest.metadata.name;
  const job = buildRunJob(
    manifest,
    { kind: RunKind.SCHEDULED, scheduledTime: options.now, jobName: scheduledJobName(name, options.now) },
    undefined,
  );
  // A run is cleaned up by the history limits, like a CronJob's Jobs: no TTL is expected of it.
  const policy = { rules: { ...options.policy?.rules, 'job-missing-ttl': RuleLevel.OFF } };
  const findings = validateBatchObject(job, { ...options, policy })
    .filter((f) => f.severity === Severity.ERROR && JOB_ONLY_RULES.has(f.rule))
    .map((f) => ({
      ...movedFinding(f, pathInScheduledJob),
      message: `The Job of each run (${job.metadata.name}): ${f.message}`,
    }));
  return findings;
}

const ENV_VAR_NAME = new RegExp(ENV_VAR_NAME_PATTERN);

function timeEnvNameViolations(manifest: ScheduledJobResource): Violation[] {
  const variable = manifest.spec.scheduledTimeEnv;
  if (variable === undefined || ENV_VAR_NAME.test(variable)) return [];
  return [
    specViolation(
      'spec.scheduledTimeEnv',
      `${JSON.stringify(variable)} is not an environment variable name every Kubernetes release accepts (the CRD refuses it).`,
    ),
  ];
}

function timeEnvConflicts(manifest: ScheduledJobResource): Violation[] {
  const variable = manifest.spec.scheduledTimeEnv;
  if (variable === undefined || !ENV_VAR_NAME.test(variable)) return [];
  const podSpec =
    (manifest.spec.jobTemplate.spec as { template?: { spec?: Record<string, unknown> } }).template?.spec ?? {};
  const violations: Violation[] = [];
  for (const list of ['initContainers', 'containers']) {
    const containers = Array.isArray(podSpec[list])
      ? (podSpec[list] as { name?: string; env?: { name?: string }[] }[])
      : [];
    containers.forEach((container, i) => {
      const j = (container.env ?? []).findIndex((e) => e?.name === variable);
      if (j < 0) return;
      violations.push({
        field: `spec.jobTemplate.spec.template.spec.${list}[${i}].env[${j}]`,
        message: `Container "${container.name}" sets ${variable} itself, and scheduledTimeEnv names the same variable: the reconciler would replace the container's value with the scheduled time.`,
        fix: `Rename one of them (e.g. scheduledTimeEnv: "SCHEDULED_TIME"), or remove the container's own ${variable}.`,
      });
    });
  }
  return violations;
}

/** The overlap policy that `concurrencyPolicy` stands for, as the plan reads a CronJob. */
export const OVERLAP_OF_CONCURRENCY: Readonly<Record<string, OverlapPolicy>> = {
  Allow: OverlapPolicy.ALLOW_ALL,
  Forbid: OverlapPolicy.SKIP,
  Replace: OverlapPolicy.CANCEL_OTHER,
};

/** A violation when both policies are given and disagree. */
function overlapConflict(overlapPolicy: OverlapPolicy | undefined, concurrencyPolicy: string | undefined): Violation[] {
  if (overlapPolicy === undefined || concurrencyPolicy === undefined) return [];
  const meant = OVERLAP_OF_CONCURRENCY[concurrencyPolicy];
  if (meant === overlapPolicy) return [];
  return [
    {
      field: 'spec.overlapPolicy',
      message: `overlapPolicy ${overlapPolicy} contradicts concurrencyPolicy ${concurrencyPolicy} (which means ${meant ?? 'nothing here'}).`,
      fix: 'Give only overlapPolicy (concurrencyPolicy is accepted for props shared with a CronJob: Allow is AllowAll, Forbid is Skip, Replace is CancelOther).',
    },
  ];
}
