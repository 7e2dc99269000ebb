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

/** Parsed schedules by time zone ('' for none), then by schedule. */
const parsedSchedules = new Map<string, Map<string, ParseResult>>();

/**
 * The schedule exactly as the controller runs it. Results are memoised per schedule and zone,
 * because synthesis, rules and reconcile plans ask for the same few schedules many times.
 */
export function controllerSchedule(schedule: string, timeZone?: string): ParseResult {
  let byZone = parsedSchedules.get(timeZone ?? '');
  if (byZone === undefined) {
    byZone = new Map();
    parsedSchedules.set(timeZone ?? '', byZone);
  }
  let parsed = byZone.get(schedule);
  if (parsed === undefined) {
    parsed = parseStandard(formatSchedule(schedule, timeZone));
    byZone.set(schedule, parsed);
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
