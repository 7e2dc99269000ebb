/**
 * A CronJob schedule: a cron string, or a typed builder that writes one. Jenkins-style `H` items
 * (`H`, `H(a-b)`, `H/n`) are resolved at synth time with the CronJob's construct path as the seed,
 * so the manifest holds a plain Kubernetes schedule that is identical on every synth and differs
 * between CronJobs (200 "nightly" jobs do not all start at 00:00). Kubernetes itself has no `H`,
 * so resolving it in any string is never a change of meaning.
 *
 * The builders do not validate: what they write is checked by the same rules as any string, at
 * `spec.schedule`, with the API server's reason and a fix.
 */
import { Duration } from 'cdk8s';
import { fixedScheduleFor } from '../schedule/every-equivalent';
import { resolveHashedSchedule } from '../schedule/hashed';

/** The five fields of a cron schedule; each is a robfig/cron field expression. */
export interface CronFields {
  /**
   * Minute (0-59).
   * @default "*"
   */
  readonly minute?: string;
  /**
   * Hour (0-23).
   * @default "*"
   */
  readonly hour?: string;
  /**
   * Day of the month (1-31).
   * @default "*"
   */
  readonly day?: string;
  /**
   * Month (1-12 or JAN-DEC).
   * @default "*"
   */
  readonly month?: string;
  /**
   * Day of the week (0-6 or SUN-SAT; Kubernetes rejects 7).
   * @default "*"
   */
  readonly weekDay?: string;
}

/** A time of day. */
export interface TimeOfDay {
  /** Hour, 0-23. */
  readonly hour: number;
  /**
   * Minute, 0-59.
   * @default 0
   */
  readonly minute?: number;
}

/** Days of the week, as Kubernetes numbers them (Sunday is 0; 7 is rejected). */
export enum WeekDay {
  SUNDAY = '0',
  MONDAY = '1',
  TUESDAY = '2',
  WEDNESDAY = '3',
  THURSDAY = '4',
  FRIDAY = '5',
  SATURDAY = '6',
}

export interface WeeklyOptions extends TimeOfDay {
  /** The day of the week. */
  readonly weekDay: WeekDay;
}

export interface MonthlyOptions extends TimeOfDay {
  /** Day of the month, 1-31 (a day a month lacks is skipped that month; 1-28 runs every month). */
  readonly day: number;
}

export class Schedule {
  /** A cron string as Kubernetes reads it, e.g. `"0 3 * * *"` or `"@daily"`; `H` items are resolved. */
  public static expression(expression: string): Schedule {
    return new Schedule(expression);
  }

  /**
   * A hashed schedule such as `"H H * * *"` (daily at a time spread by the construct path) or
   * `"H/15 * * * *"`. Same as `expression`, named for readers of the calling code.
   */
  public static hashed(expression: string): Schedule {
    return new Schedule(expression);
  }

  /** A schedule from its five fields; unset fields are `*`. */
  public static cron(fields: CronFields = {}): Schedule {
    const f = (value: string | undefined) => value ?? '*';
    return new Schedule(
      [f(fields.minute), f(fields.hour), f(fields.day), f(fields.month), f(fields.weekDay)].join(' '),
    );
  }

  /** Every hour at `minute`. */
  public static hourly(minute: number = 0): Schedule {
    return Schedule.cron({ minute: String(minute) });
  }

  /** Every day at a time of day. */
  public static daily(time: TimeOfDay): Schedule {
    return Schedule.cron({ minute: String(time.minute ?? 0), hour: String(time.hour) });
  }

  /** Every week on a day, at a time of day. */
  public static weekly(options: WeeklyOptions): Schedule {
    return Schedule.cron({ minute: String(options.minute ?? 0), hour: String(options.hour), weekDay: options.weekDay });
  }

  /** Every month on a day, at a time of day. */
  public static monthly(options: MonthlyOptions): Schedule {
    return Schedule.cron({ minute: String(options.minute ?? 0), hour: String(options.hour), day: String(options.day) });
  }

  /**
   * At a fixed interval. Intervals that divide an hour or a day, and a week, are written as fixed
   * times (`every(Duration.minutes(15))` is `"*\/15 * * * *"`, `every(Duration.hours(6))` is
   * `"0 *\/6 * * *"`, a week is Sundays at 00:00), which is what people expect from "every 15
   * minutes". Any other interval becomes robfig's `@every <duration>`, which Kubernetes accepts but
   * counts from when the CronJob was created; the `cronjob-every-schedule` rule warns about it.
   */
  public static every(interval: Duration): Schedule {
    return new Schedule(everyExpression(interval.toSeconds()));
  }

  /** The schedule as written, possibly with `H` items. */
  public readonly expressionString: string;

  private constructor(expression: string) {
    this.expressionString = expression;
  }

  /** The schedule Kubernetes receives: `H` items resolved from `seed` (the CronJob's construct path). */
  public resolve(seed: string): string {
    return this.expressionString.includes('H')
      ? resolveHashedSchedule(this.expressionString, seed)
      : this.expressionString;
  }
}

const MINUTE = 60;
const HOUR = 3600;

/** Fixed times when the interval divides an hour or a day (or is a week); robfig's `@every` otherwise. */
function everyExpression(seconds: number): string {
  return fixedScheduleFor(seconds) ?? `@every ${goDuration(seconds)}`;
}

/** Seconds as a Go duration string, e.g. 5400 -> "1h30m", 45 -> "45s". */
function goDuration(seconds: number): string {
  const h = Math.floor(seconds / HOUR);
  const m = Math.floor((seconds % HOUR) / MINUTE);
  const s = seconds % MINUTE;
  const text = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return text === '' ? '0s' : text;
}

/** A schedule prop (a string or a builder) as a Schedule. */
export function scheduleOf(schedule: string | Schedule): Schedule {
  return typeof schedule === 'string' ? Schedule.expression(schedule) : schedule;
}
