/**
 * Schedules that never run as written.
 *
 * A schedule that names no time that ever comes (February 30th, April 31st): the API server accepts
 * it, and the controller reports InvalidSchedule on every sync and never creates a Job.
 *
 * A schedule step longer than its field: Kubernetes' cron parser (robfig/cron v3) accepts any
 * positive step, and a step that does not fit the field's range leaves only the range's first
 * value, so `*\/90 * * * *` fires at minute 0 of every hour, never every 90 minutes. The CronJob
 * never runs on the schedule it was written for. A step of exactly the field's cycle is the
 * exception: `*\/60` minutes leaves one minute per hour, which is every 60 minutes as written (so
 * are `*\/24` hours, `*\/12` months and `*\/7` days of the week).
 */
import { fieldValue, FieldBounds, STANDARD_FIELD_BOUNDS } from '../../schedule/cron';
import { cronJobTiming, scheduleAnalysis } from '../support/cronjob-timing';
import { CRON_JOB_ONLY } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

interface CronField {
  readonly name: string;
  readonly unit: string;
  readonly bounds: FieldBounds;
  /** The field's cycle, where it has a fixed one: one value per cycle recurs every `cycle` units. */
  readonly cycle?: number;
}

/** The five fields, with robfig's bounds and names (day of week 0-6). */
const FIELDS: readonly CronField[] = [
  { name: 'minute', unit: 'minutes', cycle: 60 },
  { name: 'hour', unit: 'hours', cycle: 24 },
  { name: 'day-of-month', unit: 'days' },
  { name: 'month', unit: 'months', cycle: 12 },
  { name: 'day-of-week', unit: 'days', cycle: 7 },
].map((field, i) => ({ ...field, bounds: STANDARD_FIELD_BOUNDS[i] }));
const TIME_ZONE_PREFIX = /^(CRON_)?TZ=\S+\s+/;
const STEPPED_ITEM = /^(\*|\?|\w+|\w+-\w+)\/(\d+)$/;

/** A stepped item whose step leaves one value: the item, its field and the one value. */
export interface OverlongStep {
  readonly item: string;
  readonly field: CronField;
  readonly step: number;
  readonly only: number;
}

/** Answers per schedule text: a fleet shares a few schedules. Callers must not modify them. */
const overlongStepsMemo = new Map<string, readonly OverlongStep[]>();
const MEMO_LIMIT = 4096;

/** Every stepped item of a five-field schedule whose step is longer than its range (and not its cycle). */
export function overlongSteps(schedule: string): readonly OverlongStep[] {
  let found = overlongStepsMemo.get(schedule);
  if (found === undefined) {
    if (overlongStepsMemo.size >= MEMO_LIMIT) overlongStepsMemo.clear();
    found = findOverlongSteps(schedule);
    overlongStepsMemo.set(schedule, found);
  }
  return found;
}

function findOverlongSteps(schedule: string): OverlongStep[] {
  const fields = schedule.trim().replace(TIME_ZONE_PREFIX, '').split(/\s+/);
  if (fields.length !== FIELDS.length) return [];
  const found: OverlongStep[] = [];
  fields.forEach((text, i) => {
    const field = FIELDS[i];
    for (const item of text.split(',')) {
      const match = STEPPED_ITEM.exec(item);
      if (!match) continue;
      const { min, max } = field.bounds;
      const [low, high] = match[1] === '*' || match[1] === '?' ? [min, max] : rangeOf(match[1], field.bounds);
      const step = Number(match[2]);
      if (high > low && step > high - low && step !== field.cycle) found.push({ item, field, step, only: low });
    }
  });
  return found;
}

/** `N` means N to the field's maximum; `N-M` is itself; a month or weekday may be named (`JAN-DEC`). NaN where robfig reads no value. */
function rangeOf(text: string, bounds: FieldBounds): [number, number] {
  const [low, high] = text.split('-').map((value) => fieldValue(value, bounds) ?? NaN);
  return [low, high ?? bounds.max];
}

export const scheduleNeverFires = neverWorksRule({
  id: 'cronjob-schedule-never-fires',
  kinds: CRON_JOB_ONLY,
  summary:
    'A schedule that names no time that ever comes (February 30th): the controller reports InvalidSchedule and never creates a Job.',
  check(input) {
    const timing = cronJobTiming(input);
    if (!timing || !scheduleAnalysis(input, timing)?.neverFires) return [];
    return [
      {
        field: 'spec.schedule',
        message: `the schedule ${JSON.stringify(timing.schedule)} names no time that ever comes (like February 30th): the controller reports InvalidSchedule and never creates a Job.`,
        fix: 'Correct the day-of-month, month and day-of-week fields so they name a date that exists, e.g. "0 0 28 2 *" for late February.',
      },
    ];
  },
});

export const cronJobScheduleStepBeyondField = neverWorksRule({
  id: 'cronjob-schedule-step-beyond-field',
  kinds: CRON_JOB_ONLY,
  summary:
    'A schedule step longer than its field (*/90 in the minute field), which leaves one value: */90 * * * * runs hourly, never every 90 minutes. A step of exactly the cycle (*/60 minutes, */24 hours) runs as written.',
  check(input) {
    const timing = cronJobTiming(input);
    if (!timing) return [];
    return overlongSteps(timing.schedule).map(({ item, field, step, only }) => ({
      field: 'spec.schedule',
      message: `${JSON.stringify(item)} in the ${field.name} field steps by ${step} ${field.unit}, more than the field's range, so it means only ${field.name} ${only}: the CronJob never runs every ${step} ${field.unit} as written.`,
      fix:
        field.name === 'minute' && step % 60 === 0
          ? `Step the hour field instead, e.g. "0 */${step / 60} * * *".`
          : `Use a step within the field (at most ${field.bounds.max - field.bounds.min}), or list the times you want; a period that does not divide the ${field.name === 'minute' ? 'hour' : 'day'} needs several schedules or an @every schedule.`,
    }));
  },
});

export const SCHEDULE_NEVER_WORKS_RULES = [scheduleNeverFires, cronJobScheduleStepBeyondField];
