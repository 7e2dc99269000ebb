/**
 * The `H` spreading that would take a job out of a pile-up: its minute written as `H` (or `*\/n` as
 * `H/n`), which the constructs resolve at synth to a stable minute of their own, keeping the hour
 * and days the author chose. The resolved example uses the job's id as the seed; a construct
 * seeds with its path, so its minute may differ, but is just as spread.
 */
import { resolveHashedSchedule } from '../schedule/hashed';

export interface SpreadSuggestion {
  /** The schedule with `H` in its minute, e.g. `H 0 * * *`. */
  readonly hashed: string;
  /** One resolution of it, as plain Kubernetes cron, e.g. `37 0 * * *`. */
  readonly resolved: string;
}

/** The `H` form of a five-field schedule with a fixed or stepped minute; undefined for any other. */
export function spreadSuggestion(schedule: string, seed: string): SpreadSuggestion | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const step = /^(?:\*|0)\/(\d+)$/.exec(fields[0]);
  const minute = /^\d+$/.test(fields[0]) ? 'H' : step !== null ? `H/${step[1]}` : undefined;
  if (minute === undefined) return undefined;
  const hashed = [minute, ...fields.slice(1)].join(' ');
  return { hashed, resolved: resolveHashedSchedule(hashed, seed) };
}

/** The first minute a resolved schedule fires in its hour (its minute field's first number). */
export function firstMinuteOf(resolved: string): number {
  return Number(/^\d+/.exec(resolved)?.[0] ?? 0);
}
