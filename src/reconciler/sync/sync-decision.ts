/**
 * Everything one sync of one ScheduledJob decides, as a pure function of the object, the Jobs it
 * owns and the clock: the resource read into the plan's terms, `planSync`, the Job for the planned
 * run built and checked by the rules, and the status to write (the plan's, in the resource's
 * format, with the controller's own conditions). The controller loop and `reconcile --dry-run`
 * both call this, so a dry run shows exactly what the controller would do.
 *
 * Two outcomes carry no run although the plan had one: the Job fails the rules (refused, reported
 * on the JobTemplateValid condition), and the create cannot succeed at the API (its name belongs
 * to someone else, or the API server refuses the Job: the caller asks for `decideWithoutRun`). Both
 * then write what a sync that starts nothing writes: history cleanup and the observed Jobs still
 * count, but no run is recorded as started.
 */
import { Finding } from '../../rules/finding';
import { ScheduledJobObject } from '../resource/objects';
import { planSync } from '../plan/plan';
import { heldJobNames, recordHeldRuns } from '../plan/run-records';
import {
  EventType,
  ObservedJob,
  PlanEvent,
  PlanInput,
  ScheduledJobSpec,
  ScheduledJobStatus,
  SyncPlan,
} from '../plan/types';
import { describeProblems, FieldProblem } from '../resource/field-reader';
import { parseRfc3339 } from '../../schedule/instants';
import { buildRunJob, RunJob } from '../resource/run-job';
import { ScheduledJobResource, ScheduledJobResourceStatus } from '../resource/scheduled-job-resource';
import { readResourceSpec, ResourceSpecReading } from '../resource/spec-conversion';
import { readResourceStatus, writeResourceStatus } from '../resource/status-conversion';
import {
  falseCondition,
  JOB_TEMPLATE_VALID_CONDITION,
  setCondition,
  SPEC_VALID_CONDITION,
  trueCondition,
} from './conditions';
import { describeRefusal, RunJobCheckOptions, runJobErrors } from './run-job-check';
import { specDefect } from './spec-validity';

export interface DecisionInput {
  /** The ScheduledJob as last read. */
  readonly object: ScheduledJobObject;
  /** The Jobs it controls (from the cache, plus those a live GET found). */
  readonly jobs: readonly ObservedJob[];
  readonly now: number;
  /** The creation time to assume when the object has none (read from a file). @default now */
  readonly assumedCreation?: number;
}

export interface SyncDecision {
  /** The plan carried out; undefined when the spec could not be read. */
  readonly plan?: SyncPlan;
  /** The Job to create: built from the template and clean of error findings. */
  readonly job?: RunJob;
  /** The status to write once `job` exists (or at once, without a job). */
  readonly status: ScheduledJobResourceStatus;
  readonly events: readonly PlanEvent[];
  /** The error findings that stopped the plan's run, if any. */
  readonly refusal?: { readonly jobName: string; readonly errors: readonly Finding[] };
  /** Problems reading the spec (nothing is planned) or the status (those fields are read as absent). */
  readonly problems: readonly FieldProblem[];
  /**
   * The Jobs whose run-record finalizer goes once `status` is stored: every observed Job holding
   * it (`status` records each one's run), and `job`, once created.
   */
  readonly release: readonly string[];
}

export function decideSync(input: DecisionInput, options: RunJobCheckOptions = {}): SyncDecision {
  const read = readObject(input);
  if (read.spec.spec === undefined) return unreadableSpec(input, read);
  const plan = planSync(planInput(input, read.spec.spec, read.status));
  if (plan.create === undefined) return decision(input, read, plan);
  const job = buildRunJob(asResource(input.object), plan.create, input.object.metadata.uid);
  const errors = runJobErrors(job, input.now, options);
  if (errors.length === 0)
    return decision(input, read, plan, {
      job,
      template: trueCondition(JOB_TEMPLATE_VALID_CONDITION, 'LintPassed', `Job ${job.metadata.name} passed the rules`),
    });
  const message = describeRefusal(job.metadata.name, errors);
  return decision(input, read, planWithoutRun(input, read.spec.spec, read.status), {
    template: falseCondition(JOB_TEMPLATE_VALID_CONDITION, 'LintErrors', message),
    events: [{ type: EventType.WARNING, reason: 'JobTemplateInvalid', jobName: job.metadata.name, message }],
    refusal: { jobName: job.metadata.name, errors },
  });
}

/** What a sync that creates nothing decides (the Job's name belongs to someone else, or the API server refuses the Job). */
export function decideWithoutRun(input: DecisionInput, event?: PlanEvent): SyncDecision {
  const read = readObject(input);
  if (read.spec.spec === undefined) return unreadableSpec(input, read);
  return decision(input, read, planWithoutRun(input, read.spec.spec, read.status), {
    events: event === undefined ? [] : [event],
  });
}

/** The object's spec and status in the plan's terms. */
interface ReadObject {
  readonly spec: ResourceSpecReading;
  readonly status: ScheduledJobStatus;
  readonly problems: readonly FieldProblem[];
}

function readObject(input: DecisionInput): ReadObject {
  const spec = readResourceSpec(input.object.spec);
  const status = readResourceStatus(input.object.status);
  return { spec, status: status.status, problems: [...spec.problems, ...status.problems] };
}

function planInput(input: DecisionInput, spec: ScheduledJobSpec, status: ScheduledJobStatus): PlanInput {
  const { metadata } = input.object;
  return {
    name: metadata.name ?? '',
    creationTimestamp:
      (metadata.creationTimestamp === undefined ? undefined : parseRfc3339(metadata.creationTimestamp)) ??
      input.assumedCreation ??
      input.now,
    beingDeleted: metadata.deletionTimestamp !== undefined,
    spec,
    status,
    jobs: input.jobs,
    now: input.now,
  };
}

/**
 * The plan with no run started: suspend stops every run but run-now, so a suspended copy of the
 * spec without its run-now request observes and cleans up exactly as the real plan does, and
 * starts nothing (lastScheduleTime, the queue, run-now and backfill progress stay as they were).
 */
function planWithoutRun(input: DecisionInput, spec: ScheduledJobSpec, status: ScheduledJobStatus): SyncPlan {
  const { runNowAt: _ignored, ...rest } = spec;
  return planSync(planInput(input, { ...rest, suspend: true }, status));
}

interface Extra {
  readonly job?: RunJob;
  readonly template?: ReturnType<typeof trueCondition>;
  readonly events?: readonly PlanEvent[];
  readonly refusal?: SyncDecision['refusal'];
}

function decision(input: DecisionInput, read: ReadObject, plan: SyncPlan, extra: Extra = {}): SyncDecision {
  const { now } = input;
  // Only called once the spec has been read (the callers checked).
  const defect = specDefect(read.spec.spec!, now);
  let conditions = setCondition(
    plan.status.conditions,
    defect === undefined
      ? trueCondition(SPEC_VALID_CONDITION, 'Valid', 'The spec was read and its schedule has a next run time')
      : falseCondition(SPEC_VALID_CONDITION, defect.reason, defect.message),
    now,
  );
  if (extra.template !== undefined) conditions = setCondition(conditions, extra.template, now);
  const status = writeResourceStatus(
    { ...plan.status, conditions },
    {
      nextScheduleTime: plan.requeueAfterMs === undefined ? undefined : plan.nextScheduleTime,
      observedGeneration: input.object.metadata.generation,
    },
  );
  return {
    plan,
    job: extra.job,
    status,
    events: [...plan.events, ...(extra.events ?? [])],
    refusal: extra.refusal,
    problems: read.problems,
    release: [...new Set([...heldJobNames(input.jobs), ...(extra.job === undefined ? [] : [extra.job.metadata.name])])],
  };
}

/** The spec cannot be read: nothing is planned; the status keeps what it had (runs recorded late added) and says why. */
function unreadableSpec(input: DecisionInput, read: ReadObject): SyncDecision {
  const message = describeProblems(read.spec.problems);
  const events: PlanEvent[] = [];
  const status = recordHeldRuns(read.status, input.jobs, events);
  const conditions = setCondition(
    status.conditions,
    falseCondition(SPEC_VALID_CONDITION, 'InvalidSpec', message),
    input.now,
  );
  return {
    status: writeResourceStatus({ ...status, conditions }, { observedGeneration: input.object.metadata.generation }),
    events: [...events, { type: EventType.WARNING, reason: 'InvalidSpec', message }],
    problems: read.problems,
    release: heldJobNames(input.jobs),
  };
}

/** The object as the typed resource; only called once its spec has been read without problems. */
function asResource(object: ScheduledJobObject): ScheduledJobResource {
  return object as unknown as ScheduledJobResource;
}
