/**
 * The run times of a scheduled job: `schedule` and `schedules` parsed exactly as the CronJob
 * controller parses a schedule (`controllerSchedule`), united (two schedules firing at the same
 * instant give one run), then thinned by DstPolicy.ONCE and the exclusion windows.
 *
 * Compiled once per spec object (specs are immutable) and cached weakly, so a controller that
 * plans the same objects again and again parses nothing twice.
 */
import { controllerSchedule } from '../../schedule/controller-schedule';
import { ConstantDelaySchedule, CronSchedule, SpecSchedule } from '../../schedule/cron';
import { loadLocation, UTC } from '../../schedule/time-zone';
import { OnceAWallTime, repeatsEarlierWallTime } from './dst';
import { ExclusionCalendar } from './exclusions';
import { validatePlanSpec } from './spec-validation';
import { DstPolicy, ScheduledJobSpec, SkipReason, SpecProblem } from './types';

/** Why a fire time of the schedules is not a run time. */
export interface Rejection {
  readonly reason: SkipReason.EXCLUDED | SkipReason.REPEATED_WALL_TIME;
  readonly detail: string;
}

export interface RunSchedule {
  /** The run times. */
  readonly times: CronSchedule;
  /** The schedules' fire times before DstPolicy.ONCE and exclusions, to explain a dropped run. */
  readonly unfiltered: CronSchedule;
  /** Whether `times` drops any fire times at all. */
  readonly filtered: boolean;
  /** Whether due runs are found by exact enumeration (any schedule-shaping extension) instead of upstream's estimate. */
  readonly exact: boolean;
  /** Why `ms`, a fire time of `unfiltered`, is not in `times`; undefined when it is. */
  rejection(ms: number): Rejection | undefined;
}

export type CompiledRunSchedule =
  | { readonly kind: 'ok'; readonly schedule: RunSchedule }
  /** A schedule robfig refuses: upstream's UnparseableSchedule. */
  | { readonly kind: 'unparseable'; readonly field: string; readonly error: string }
  /** An extension field is malformed. */
  | { readonly kind: 'invalid'; readonly problems: readonly SpecProblem[] };

const compiled = new WeakMap<ScheduledJobSpec, CompiledRunSchedule>();

export function compileRunSchedule(spec: ScheduledJobSpec): CompiledRunSchedule {
  let result = compiled.get(spec);
  if (result === undefined) {
    result = compile(spec);
    compiled.set(spec, result);
  }
  return result;
}

/** At most this many exclusion windows are jumped over in one `next` (five years of daily windows, twice). */
const MAX_WINDOW_JUMPS = 4000;
const FIVE_YEARS_MS = 5 * 366 * 86_400_000;

function compile(spec: ScheduledJobSpec): CompiledRunSchedule {
  const problems = validatePlanSpec(spec);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const zone = loadLocation(spec.timeZone ?? '') ?? UTC;
  // Validation has compiled the windows once already, so this cannot fail.
  const exclusions =
    spec.exclusions !== undefined && spec.exclusions.length > 0
      ? ExclusionCalendar.compile(spec.exclusions, zone)
      : undefined;

  const sources = [{ field: 'schedule', text: spec.schedule }];
  (spec.schedules ?? []).forEach((text, i) => sources.push({ field: `schedules[${i}]`, text }));
  // An empty `schedule` next to `schedules` means "only the list".
  const used = sources.length > 1 && spec.schedule === '' ? sources.slice(1) : sources;
  const members: CronSchedule[] = [];
  for (const source of used) {
    const parsed = controllerSchedule(source.text, spec.timeZone);
    if (parsed.error !== undefined) return { kind: 'unparseable', field: source.field, error: parsed.error };
    members.push(parsed.schedule);
  }
  const scheduleZone = members.find((m): m is SpecSchedule => m instanceof SpecSchedule)?.zone ?? zone;
  const once = spec.dstPolicy === DstPolicy.ONCE;
  const unfiltered = members.length === 1 ? members[0] : new UnionSchedule(members);
  const thinned = once ? members.map((m) => (m instanceof SpecSchedule ? new OnceAWallTime(m, m.zone) : m)) : members;
  let times: CronSchedule = thinned.length === 1 ? thinned[0] : new UnionSchedule(thinned);
  const calendar = exclusions instanceof ExclusionCalendar ? exclusions : undefined;
  if (calendar) {
    const delay =
      members.length === 1 && members[0] instanceof ConstantDelaySchedule ? members[0].delaySeconds : undefined;
    times = new WithoutExclusions(times, calendar, delay);
  }
  const schedule: RunSchedule = {
    times,
    unfiltered,
    filtered: once || calendar !== undefined,
    exact:
      used.length > 1 ||
      once ||
      calendar !== undefined ||
      (spec.jitterSeconds ?? 0) > 0 ||
      spec.catchUpPolicy !== undefined,
    rejection: (ms) => {
      if (once && repeatsEarlierWallTime(ms, scheduleZone)) {
        return {
          reason: SkipReason.REPEATED_WALL_TIME,
          detail: 'this wall-clock time already ran before the clocks went back (dstPolicy Once)',
        };
      }
      const match = calendar?.match(ms);
      return match ? { reason: SkipReason.EXCLUDED, detail: `inside exclusion window ${match.label}` } : undefined;
    },
  };
  return { kind: 'ok', schedule };
}

/**
 * Remembers the last few answers of a schedule. One sync asks for the same fire time several times
 * (the due search and the requeue both start at the last handled time), and `next` is the costly part.
 * Meant to live for one sync.
 */
export class RecentAnswers implements CronSchedule {
  private readonly after = [NaN, NaN, NaN, NaN];
  private readonly answers: (number | null)[] = [null, null, null, null];
  private slot = 0;

  constructor(private readonly inner: CronSchedule) {}

  next(afterMs: number): number | null {
    for (let i = 0; i < 4; i++) if (this.after[i] === afterMs) return this.answers[i];
    const answer = this.inner.next(afterMs);
    this.after[this.slot] = afterMs;
    this.answers[this.slot] = answer;
    this.slot = (this.slot + 1) % 4;
    return answer;
  }
}

/** Several schedules as one: the earliest next fire time of any; equal instants are one run. */
class UnionSchedule implements CronSchedule {
  constructor(private readonly members: readonly CronSchedule[]) {}

  next(afterMs: number): number | null {
    let best: number | null = null;
    for (const member of this.members) {
      const t = member.next(afterMs);
      if (t !== null && (best === null || t < best)) best = t;
    }
    return best;
  }
}

/**
 * A schedule minus the fire times inside exclusion windows. Inside a window the walk jumps to the
 * earliest instant the window may end; `@every` jumps by whole delays so its phase is kept.
 */
class WithoutExclusions implements CronSchedule {
  constructor(
    private readonly inner: CronSchedule,
    private readonly calendar: ExclusionCalendar,
    private readonly delaySeconds: number | undefined,
  ) {}

  next(afterMs: number): number | null {
    const horizon = afterMs + FIVE_YEARS_MS;
    let t = this.inner.next(afterMs);
    for (let jumps = 0; t !== null && jumps < MAX_WINDOW_JUMPS; jumps++) {
      const window = this.calendar.match(t);
      if (window === undefined) return t;
      if (window.until > horizon) return null;
      if (this.delaySeconds !== undefined) {
        const delayMs = this.delaySeconds * 1000;
        t += Math.ceil((window.until - t) / delayMs) * delayMs;
      } else {
        // The first fire time at or after the window's end (fire times are whole seconds).
        t = this.inner.next(Math.ceil(window.until / 1000) * 1000 - 1000);
      }
    }
    return null;
  }
}
