/**
 * How the CronJob controller turns `spec.schedule` and `spec.timeZone` into fire times:
 * its `formatSchedule` (prefix `TZ=<zone> ` when the zone loads, keep a schedule that already
 * mentions TZ verbatim) followed by robfig's parser.
 */
import { CronSchedule, parseStandard, ParseResult } from './cron';
import { loadLocation } from './time-zone';

/** The controller's `formatSchedule`: the string it hands to the parser. */
export function formatSchedule(schedule: string, timeZone?: string): string {
  if (schedule.includes('TZ')) return schedule;
  if (timeZone !== undefined && loadLocation(timeZone)) return `TZ=${timeZone} ${schedule}`;
  return schedule;
}

const parsedSchedules = new Map<string, ParseResult>();

/**
 * The schedule exactly as the controller runs it. Results are memoised per string, because
 * synthesis and reconcile plans ask for the same few schedules many times.
 */
export function controllerSchedule(schedule: string, timeZone?: string): ParseResult {
  const formatted = formatSchedule(schedule, timeZone);
  let parsed = parsedSchedules.get(formatted);
  if (parsed === undefined) {
    parsed = parseStandard(formatted);
    parsedSchedules.set(formatted, parsed);
  }
  return parsed;
}

/** Up to `count` fire times strictly after `afterMs`, each after the one before; fewer if the schedule stops firing. */
export function nextFireTimes(schedule: CronSchedule, afterMs: number, count: number): number[] {
  const times: number[] = [];
  let t = afterMs;
  for (let i = 0; i < count; i++) {
    const next = schedule.next(t);
    if (next === null) break;
    times.push(next);
    t = next;
  }
  return times;
}
