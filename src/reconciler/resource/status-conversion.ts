/**
 * A ScheduledJob's status in both directions: the resource's JSON (RFC 3339 strings) read into the
 * plan's `ScheduledJobStatus` (milliseconds), and a plan's status written back as the resource's,
 * with the derived fields the printer columns show (`activeCount`, `nextScheduleTime`) and
 * `observedGeneration`. Writing then reading gives the plan's status back unchanged.
 *
 * The status is the reconciler's own record, but a person may have patched it: a malformed field
 * is reported and read as absent, never fatal.
 */
import { formatInstant } from '../plan/instants';
import { BackfillProgress, Condition, ConditionStatus, FailureWatermark, ScheduledJobStatus } from '../plan/types';
import { FieldProblem, FieldReader } from './field-reader';
import { ConditionResource, ScheduledJobResourceStatus } from './scheduled-job-resource';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The derived fields written next to the plan's status. */
export interface StatusExtras {
  /** The next scheduled time the controller aims at (`SyncPlan.nextScheduleTime`). */
  readonly nextScheduleTime?: number;
  /** metadata.generation of the spec the status was computed from. */
  readonly observedGeneration?: number;
}

export function readResourceStatus(value: unknown): { status: ScheduledJobStatus; problems: readonly FieldProblem[] } {
  const r = new FieldReader();
  if (value === undefined || value === null) return { status: { active: [] }, problems: [] };
  const fields = r.object('status', value);
  if (fields === undefined) return { status: { active: [] }, problems: r.problems };
  const at = (name: string) => `status.${name}`;
  const has = (name: string) => fields[name] !== undefined && fields[name] !== null;

  const active = has('active')
    ? (r.array(at('active'), fields.active, (p, v) => {
        const ref = r.object(p, v);
        return ref === undefined ? undefined : r.string(`${p}.name`, ref.name);
      }) ?? [])
    : [];
  const status: Mutable<ScheduledJobStatus> = { active };
  if (has('lastScheduleTime')) status.lastScheduleTime = r.instant(at('lastScheduleTime'), fields.lastScheduleTime);
  if (has('lastSuccessfulTime'))
    status.lastSuccessfulTime = r.instant(at('lastSuccessfulTime'), fields.lastSuccessfulTime);
  if (has('queue')) status.queue = r.array(at('queue'), fields.queue, (p, v) => r.instant(p, v));
  if (has('consecutiveFailures'))
    status.consecutiveFailures = r.number(at('consecutiveFailures'), fields.consecutiveFailures);
  if (has('failureWatermark'))
    status.failureWatermark = readWatermark(r, at('failureWatermark'), fields.failureWatermark);
  if (has('lastRunNowAt')) status.lastRunNowAt = r.instant(at('lastRunNowAt'), fields.lastRunNowAt);
  if (has('backfill')) status.backfill = readBackfillProgress(r, at('backfill'), fields.backfill);
  if (has('conditions'))
    status.conditions = r.array(at('conditions'), fields.conditions, (p, v) => readCondition(r, p, v));
  for (const key of Object.keys(status) as (keyof ScheduledJobStatus)[]) {
    if (status[key] === undefined) delete status[key];
  }
  return { status, problems: r.problems };
}

function readWatermark(r: FieldReader, path: string, value: unknown): FailureWatermark | undefined {
  const fields = r.object(path, value);
  if (fields === undefined) return undefined;
  const finishedAt = r.instant(`${path}.finishedAt`, fields.finishedAt);
  const jobName = r.string(`${path}.jobName`, fields.jobName);
  return finishedAt === undefined || jobName === undefined ? undefined : { finishedAt, jobName };
}

function readBackfillProgress(r: FieldReader, path: string, value: unknown): BackfillProgress | undefined {
  const fields = r.object(path, value);
  if (fields === undefined) return undefined;
  const from = r.instant(`${path}.from`, fields.from);
  const to = r.instant(`${path}.to`, fields.to);
  const through = fields.through === undefined ? undefined : r.instant(`${path}.through`, fields.through);
  const created = r.number(`${path}.created`, fields.created ?? 0);
  const complete = r.boolean(`${path}.complete`, fields.complete ?? false);
  const truncated = r.boolean(`${path}.truncated`, fields.truncated ?? false);
  if (
    from === undefined ||
    to === undefined ||
    created === undefined ||
    complete === undefined ||
    truncated === undefined
  )
    return undefined;
  return through === undefined
    ? { from, to, created, complete, truncated }
    : { from, to, through, created, complete, truncated };
}

function readCondition(r: FieldReader, path: string, value: unknown): Condition | undefined {
  const fields = r.object(path, value);
  if (fields === undefined) return undefined;
  const type = r.string(`${path}.type`, fields.type);
  const status = r.oneOf(`${path}.status`, fields.status, Object.values(ConditionStatus));
  const reason = r.string(`${path}.reason`, fields.reason ?? '');
  const message = r.string(`${path}.message`, fields.message ?? '');
  const lastTransitionTime = r.instant(`${path}.lastTransitionTime`, fields.lastTransitionTime);
  if (
    type === undefined ||
    status === undefined ||
    reason === undefined ||
    message === undefined ||
    lastTransitionTime === undefined
  )
    return undefined;
  return { type, status, reason, message, lastTransitionTime };
}

/** The resource status for a plan's status. Unset fields are left out; `active` is left out when empty (as CronJob's is). */
export function writeResourceStatus(status: ScheduledJobStatus, extras: StatusExtras = {}): ScheduledJobResourceStatus {
  const out: Mutable<ScheduledJobResourceStatus> = {};
  if (status.active.length > 0) out.active = status.active.map((name) => ({ name }));
  out.activeCount = status.active.length;
  if (status.lastScheduleTime !== undefined) out.lastScheduleTime = formatInstant(status.lastScheduleTime);
  if (status.lastSuccessfulTime !== undefined) out.lastSuccessfulTime = formatInstant(status.lastSuccessfulTime);
  if (extras.nextScheduleTime !== undefined) out.nextScheduleTime = formatInstant(extras.nextScheduleTime);
  if (status.queue !== undefined) out.queue = status.queue.map(formatInstant);
  if (status.consecutiveFailures !== undefined) out.consecutiveFailures = status.consecutiveFailures;
  if (status.failureWatermark !== undefined)
    out.failureWatermark = {
      finishedAt: formatInstant(status.failureWatermark.finishedAt),
      jobName: status.failureWatermark.jobName,
    };
  if (status.lastRunNowAt !== undefined) out.lastRunNowAt = formatInstant(status.lastRunNowAt);
  if (status.backfill !== undefined) {
    const b = status.backfill;
    out.backfill = {
      from: formatInstant(b.from),
      to: formatInstant(b.to),
      ...(b.through === undefined ? {} : { through: formatInstant(b.through) }),
      created: b.created,
      complete: b.complete,
      truncated: b.truncated,
    };
  }
  if (status.conditions !== undefined) out.conditions = status.conditions.map(writeCondition);
  if (extras.observedGeneration !== undefined) out.observedGeneration = extras.observedGeneration;
  return out;
}

function writeCondition(c: Condition): ConditionResource {
  return {
    type: c.type,
    status: c.status,
    reason: c.reason,
    message: c.message,
    lastTransitionTime: formatInstant(c.lastTransitionTime),
  };
}
