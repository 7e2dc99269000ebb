/**
 * A ScheduledJob's status in both directions, by the status's description (scheduled-job-model.ts):
 * the resource's JSON (RFC 3339 strings) read into the plan's `ScheduledJobStatus` (milliseconds),
 * and a plan's status written back as the resource's, with the derived fields the printer columns
 * show (`activeCount`, `nextScheduleTime`) and `observedGeneration`. Writing then reading gives
 * the plan's status back unchanged.
 *
 * The status is the reconciler's own record, but a person may have patched it: a malformed field
 * is reported and read as absent, never fatal.
 */
import { ScheduledJobStatus } from '../plan/types';
import { FieldProblem, FieldReader, FieldReaderOptions } from './field-reader';
import { ScheduledJobResourceStatus } from './scheduled-job-resource';
import { STATUS_FIELDS_OF_THE_RESOURCE_ONLY, STATUS_MODEL } from './scheduled-job-model';
import { readWire, writeWire } from './wire-model';

/** The derived fields written next to the plan's status. */
export interface StatusExtras {
  /** The next scheduled time the controller aims at (`SyncPlan.nextScheduleTime`). */
  readonly nextScheduleTime?: number;
  /** metadata.generation of the spec the status was computed from. */
  readonly observedGeneration?: number;
}

export function readResourceStatus(
  value: unknown,
  options: FieldReaderOptions = {},
): { status: ScheduledJobStatus; problems: readonly FieldProblem[] } {
  if (value === undefined || value === null) return { status: { active: [] }, problems: [] };
  const r = new FieldReader(options);
  const read = readWire(r, 'status', STATUS_MODEL, value) as Record<string, unknown> | undefined;
  if (read === undefined) return { status: { active: [] }, problems: r.problems };
  const status: Record<string, unknown> = { ...read };
  for (const name of STATUS_FIELDS_OF_THE_RESOURCE_ONLY) delete status[name];
  // The wire lists the active Jobs as references; the plan, by name.
  status.active = ((read.active as readonly { name: string }[] | undefined) ?? []).map((ref) => ref.name);
  return { status: status as unknown as ScheduledJobStatus, problems: r.problems };
}

/** The resource status for a plan's status. Unset fields are left out; `active` is left out when empty (as CronJob's is). */
export function writeResourceStatus(status: ScheduledJobStatus, extras: StatusExtras = {}): ScheduledJobResourceStatus {
  return writeWire(STATUS_MODEL, {
    ...status,
    active: status.active.length > 0 ? status.active.map((name) => ({ name })) : undefined,
    activeCount: status.active.length,
    nextScheduleTime: extras.nextScheduleTime,
    observedGeneration: extras.observedGeneration,
  }) as ScheduledJobResourceStatus;
}
