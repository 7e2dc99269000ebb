/**
 * What the API server says about a CronJob's `spec.schedule` and `spec.timeZone` on create
 * (Kubernetes 1.29 and later), with a fix for each problem. Pure: text in, problems out.
 */
import { parseStandard } from './cron';
import { loadLocation } from './time-zone';

/** Which check a schedule problem comes from. */
export enum ScheduleProblemKind {
  /** `spec.schedule` is empty. */
  SCHEDULE_REQUIRED = 'schedule-required',
  /** robfig/cron's standard parser rejects the schedule. */
  SCHEDULE_SYNTAX = 'schedule-syntax',
  /** The schedule contains "TZ", which create refuses since 1.29. */
  SCHEDULE_TIME_ZONE_PREFIX = 'schedule-time-zone-prefix',
  /** `spec.timeZone` is the empty string. */
  TIME_ZONE_EMPTY = 'time-zone-empty',
  /** `spec.timeZone` is `Local` in any case. */
  TIME_ZONE_LOCAL = 'time-zone-local',
  /** `spec.timeZone` is malformed or not in the IANA database. */
  TIME_ZONE_UNKNOWN = 'time-zone-unknown',
}

/** One thing the API server would reject, with its own words and our fix. */
export interface ScheduleProblem {
  readonly kind: ScheduleProblemKind;
  /** `schedule` or `timeZone`: the field under the CronJob's `spec`. */
  readonly field: 'schedule' | 'timeZone';
  /** The API server's reason, e.g. `end of range (7) above maximum (6): 7`. */
  readonly reason: string;
  /** How to fix it. */
  readonly fix: string;
}

const TIME_ZONE_SEGMENT = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Memoises a pure check of one string: rules ask about the same few schedules and zones for every
 * object. Callers must not modify the arrays returned.
 */
function memoised(check: (text: string) => ScheduleProblem[]): (text: string) => ScheduleProblem[] {
  const answers = new Map<string, ScheduleProblem[]>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = check(text);
      answers.set(text, answer);
    }
    return answer;
  };
}

/** The API server's create-time checks of `spec.schedule`; an empty array means it is accepted. */
export const validateSchedule: (schedule: string) => ScheduleProblem[] = memoised(checkSchedule);

function checkSchedule(schedule: string): ScheduleProblem[] {
  if (schedule === '') {
    return [
      {
        kind: ScheduleProblemKind.SCHEDULE_REQUIRED,
        field: 'schedule',
        reason: 'Required value',
        fix: 'Set a five-field cron schedule such as "0 3 * * *", or a descriptor such as "@daily".',
      },
    ];
  }
  const problems: ScheduleProblem[] = [];
  const parsed = parseStandard(schedule);
  if (parsed.error !== undefined) {
    problems.push({
      kind: ScheduleProblemKind.SCHEDULE_SYNTAX,
      field: 'schedule',
      reason: parsed.error,
      fix: syntaxFix(schedule, parsed.error),
    });
  }
  if (schedule.includes('TZ')) {
    problems.push({
      kind: ScheduleProblemKind.SCHEDULE_TIME_ZONE_PREFIX,
      field: 'schedule',
      reason: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      fix: timeZonePrefixFix(schedule),
    });
  }
  return problems;
}

/** The API server's checks of `spec.timeZone` (undefined means the field is absent, which is allowed). */
export function validateTimeZone(timeZone: string | undefined): ScheduleProblem[] {
  return timeZone === undefined ? [] : validateTimeZoneName(timeZone);
}

const validateTimeZoneName = memoised(checkTimeZone);

function checkTimeZone(timeZone: string): ScheduleProblem[] {
  const unknown = (): ScheduleProblem => ({
    kind: ScheduleProblemKind.TIME_ZONE_UNKNOWN,
    field: 'timeZone',
    reason: `unknown time zone ${timeZone}`,
    fix: timeZoneFix(timeZone),
  });
  if (timeZone === '') {
    return [
      {
        kind: ScheduleProblemKind.TIME_ZONE_EMPTY,
        field: 'timeZone',
        reason: 'timeZone must be nil or non-empty string',
        fix: 'Leave timeZone out, or name an IANA zone such as "Etc/UTC" or "Europe/Berlin".',
      },
    ];
  }
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_SEGMENT.test(part)) return [unknown()];
  }
  const problems: ScheduleProblem[] = [];
  if (timeZone.toLowerCase() === 'local') {
    problems.push({
      kind: ScheduleProblemKind.TIME_ZONE_LOCAL,
      field: 'timeZone',
      reason: 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      fix: 'Name the zone explicitly, e.g. "Etc/UTC" or "America/New_York"; "Local" would mean the controller\'s zone.',
    });
  }
  if (!loadLocation(timeZone)) problems.push(unknown());
  return problems;
}

/** Both checks together, as a CronJob create would run them. */
export function validateCronSchedule(schedule: string, timeZone?: string): ScheduleProblem[] {
  return [...validateSchedule(schedule), ...validateTimeZone(timeZone)];
}

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Advice for a schedule robfig rejects, aimed at the dialect the author probably had in mind. */
function syntaxFix(schedule: string, error: string): string {
  const trimmed = schedule.trim();
  const fields = trimmed.split(/\s+/);
  if (trimmed.startsWith('@')) {
    if (schedule !== trimmed) return `Remove the white space around the descriptor: "${trimmed}".`;
    const lower = trimmed.toLowerCase();
    if (DESCRIPTORS.includes(lower)) return `Descriptors are case-sensitive: write "${lower}".`;
    if (lower === '@minutely') return 'Kubernetes has no @minutely: use "* * * * *".';
    if (lower === '@weekdays') return 'Kubernetes has no @weekdays: use "0 0 * * 1-5".';
    if (lower === '@weekends') return 'Kubernetes has no @weekends: use "0 0 * * 0,6".';
    if (lower === '@reboot') return 'Kubernetes has no @reboot: run a plain Job instead of a CronJob.';
    if (lower.startsWith('@every')) {
      return 'Write a Go duration after "@every ", with units h, m, s (there is no d unit): e.g. "@every 1h30m" or "@every 24h".';
    }
    return `Use one of ${DESCRIPTORS.join(', ')}, "@every <duration>", or five fields.`;
  }
  if (error.startsWith('expected exactly 5 fields')) {
    if (fields.length === 6) {
      return 'Kubernetes schedules have no seconds field (Quartz/Spring style): drop the first field and keep minute hour day-of-month month day-of-week.';
    }
    if (fields.length === 7)
      return 'Kubernetes schedules have neither seconds nor years: keep the five fields minute hour day-of-month month day-of-week.';
    return 'Write exactly five fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * *".';
  }
  if (/(^|[\s,/-])H(\(|\/|[\s,]|$)/.test(schedule)) {
    return 'Kubernetes does not understand Jenkins-style H; use a Schedule built with cdk8s-batch, which resolves H to fixed values at synth time.';
  }
  if (/#/.test(schedule)) {
    return 'Kubernetes has no "#" (nth weekday of the month): schedule the weekday, e.g. "0 0 * * 5", and let the job exit early unless the day of month is in the week you want.';
  }
  if (/\d?L\b|\bL\b|LW/.test(schedule)) {
    return 'Kubernetes has no "L" (last day): schedule days 28-31, e.g. "0 0 28-31 * *", and let the job exit early unless tomorrow is the 1st.';
  }
  if (/\d+W\b/.test(schedule)) {
    return 'Kubernetes has no "W" (nearest weekday): schedule the candidate days and let the job decide.';
  }
  const range = /^end of range \((\d+)\) above maximum \((\d+)\): (.*)$/.exec(error);
  if (range) {
    if (range[2] === '6' && /\b7\b/.test(range[3]))
      return 'Day of week runs 0-6 in Kubernetes: write 0 (or SUN) for Sunday instead of 7.';
    return `Keep ${range[3]} within its field's range (at most ${range[2]}).`;
  }
  const low = /^beginning of range \((\d+)\) below minimum \((\d+)\): (.*)$/.exec(error);
  if (low) return `Keep ${low[3]} within its field's range (at least ${low[2]}; days of month and months start at 1).`;
  if (error.startsWith('beginning of range')) {
    return 'Ranges do not wrap around in Kubernetes: split them, e.g. "FRI-MON" becomes "5-6,0-1" (or "FRI-SAT,SUN-MON").';
  }
  if (error.startsWith('step of range')) return 'Use a step of 1 or more, e.g. "*/5".';
  if (error.startsWith('too many')) return 'Write each list item as N, N-M, *, or one of those with a single /step.';
  if (error.startsWith('provided bad location') || error.startsWith('parser panic')) {
    return timeZonePrefixFix(schedule);
  }
  if (error.startsWith('failed to parse int')) {
    return 'Use numbers, "*", "?", 3-letter month names (JAN-DEC) in the month field and 3-letter day names (SUN-SAT) in the day-of-week field only.';
  }
  return 'Write a five-field schedule: minute hour day-of-month month day-of-week.';
}

function timeZonePrefixFix(schedule: string): string {
  const match = /^(?:CRON_)?TZ=(\S*)\s*(.*)$/.exec(schedule.trim());
  if (match && match[2] !== '')
    return `Remove the prefix and set the CronJob's timeZone to "${match[1]}": schedule "${match[2]}".`;
  return "Remove TZ=/CRON_TZ= from the schedule and set the CronJob's timeZone field instead.";
}

function timeZoneFix(timeZone: string): string {
  const lower = timeZone.toLowerCase();
  if (lower === 'utc' || lower === 'gmt' || lower === 'z' || lower === 'zulu') {
    return 'Zone names are case-sensitive: write "UTC" or "Etc/UTC".';
  }
  if (/^[+-]?\d/.test(timeZone) || /^(utc|gmt)[+-]/i.test(timeZone)) {
    return 'Use an IANA zone name, not an offset: e.g. "Europe/Berlin", or "Etc/GMT-2" for a fixed UTC+2 (the sign is inverted in Etc/ names).';
  }
  return 'Use a name from the IANA time zone database, spelled with its exact case, e.g. "America/New_York" or "Europe/Berlin".';
}
