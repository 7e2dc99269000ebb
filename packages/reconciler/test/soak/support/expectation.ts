/**
 * The soak test's independent expectation: which scheduled times each ScheduledJob must run, may
 * run, and must not run, computed from the schedule alone (`controllerSchedule(...).next()`
 * iteration, never `planSync`), the policy rules applied simply, what really happened to the
 * Jobs (the runner's record) and when a leader could act (the harness's record).
 *
 * What counts as missed. A fire time t has a catch-up window [t, w) in which the reconciler must
 * start its run, after which the run is legitimately superseded:
 *   - upstream semantics and catchUpPolicy Latest: w = the next fire time (a later due run replaces it);
 *   - catchUpPolicy UpTo K: w = the K-th next fire time (the K most recent missed runs start);
 *   - catchUpPolicy None: w = t + 60 s (only an on-time run starts);
 *   - startingDeadlineSeconds D: w is at most t + D.
 * The run of t is REQUIRED when, at some instant x in [t + jitter bound, w - slack], a leader was
 * able to act throughout [x, x + slack] (an effective leadership term: alive, connected, caches
 * listed; a renewal that lands at the very deadline and leads again within a second is not an
 * outage) and the overlap policy did not hold the run back at x (Skip and BufferOne: no Job of the
 * object running at x, by the runner's record). `slack` covers retries after injected API
 * failures. Such a run not created is MISSED. Every other fire time is optional, except that:
 *   - Skip and BufferOne must NOT start t when one other Job ran throughout [t, w + slack];
 *   - catchUpPolicy None must not start a run more than 60 s late;
 *   - BufferAll queues instead of skipping, so its runs are required (given the window to be
 *     found due) up to a margin before the end of the week.
 * Independently of windows: no scheduled time twice, every scheduled run at a fire time of the
 * schedule (minus exclusions and repeated wall times), never before its time, and no overlap
 * where the policy forbids it (Skip, BufferOne, BufferAll: nothing else running at creation;
 * CancelOther: the others gone by then).
 */
import { controllerSchedule } from 'cdk8s-batch/lib/src/schedule/controller-schedule';
import { FleetMember } from './fleet';
import { JobLife } from './job-runner';
import { Term } from './replicas';

export const SLACK_MS = 45_000;
/** BufferAll runs found due this close to the end may still be waiting in the queue. */
const QUEUE_MARGIN_PERIODS = 6;
const ON_TIME_MS = 60_000;

/** The member's run times in (from, to]: every schedule's fire times, united, minus exclusions and repeated wall times. */
export function fireTimes(member: FleetMember, from: number, to: number): number[] {
  const spec = member.spec as {
    schedule: string;
    schedules?: string[];
    timeZone?: string;
    dstPolicy?: string;
    exclusions?: unknown[];
  };
  const zone = spec.timeZone;
  const texts = [spec.schedule, ...(spec.schedules ?? [])].filter((s) => s !== '');
  const all = new Set<number>();
  for (const text of texts) {
    const parsed = controllerSchedule(text, zone);
    if (parsed.error !== undefined) throw new Error(`${member.name}: ${parsed.error}`);
    for (let t = parsed.schedule.next(from); t !== null && t <= to; t = parsed.schedule.next(t)) all.add(t);
  }
  let times = [...all].sort((a, b) => a - b);
  if (spec.exclusions !== undefined) times = times.filter((t) => !excluded(member, t));
  if (spec.dstPolicy === 'Once') {
    const seen = new Set<string>();
    times = times.filter((t) => {
      const wall = local(t, zone).wall;
      if (seen.has(wall)) return false;
      seen.add(wall);
      return true;
    });
  }
  return times;
}

/** The fleet's two exclusion shapes, judged on the zone's wall clock with Intl (not the plan's calendar). */
function excluded(member: FleetMember, t: number): boolean {
  const { weekday, hour } = local(t, (member.spec as { timeZone?: string }).timeZone);
  if (member.name === 'freeze-a') return weekday === 'Sat' || weekday === 'Sun' || (hour >= 1 && hour < 5);
  if (member.name === 'freeze-b') return hour >= 22 || hour < 6;
  throw new Error(`no independent exclusion rule for ${member.name}`);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function local(t: number, zone = 'UTC'): { wall: string; weekday: string; hour: number } {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { wall: `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`, weekday: p.weekday, hour: Number(p.hour) };
}

export interface Verdicts {
  readonly required: number[];
  readonly forbidden: number[];
  readonly optional: number[];
}

/** Sorted, disjoint half-open intervals [from, to), answering point and range questions by binary search. */
export class Intervals {
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  /** The union of `spans`; spans less than `joinGapMs` apart are joined. */
  constructor(spans: readonly { readonly from: number; readonly to: number }[], joinGapMs = 0) {
    for (const span of [...spans].filter((x) => x.to > x.from).sort((a, b) => a.from - b.from)) {
      const last = this.to.length - 1;
      if (last >= 0 && span.from <= this.to[last] + joinGapMs) this.to[last] = Math.max(this.to[last], span.to);
      else {
        this.from.push(span.from);
        this.to.push(span.to);
      }
    }
  }

  /** True when [a, b] lies inside one interval. */
  covers(a: number, b: number): boolean {
    const i = this.indexAtOrBefore(a);
    return i >= 0 && this.from[i] <= a && b < this.to[i];
  }

  contains(x: number): boolean {
    return this.covers(x, x);
  }

  /** Interval starts in [a, b]. */
  startsIn(a: number, b: number): number[] {
    return this.within(this.from, a, b);
  }

  /** Interval ends in [a, b]. */
  endsIn(a: number, b: number): number[] {
    return this.within(this.to, a, b);
  }

  private within(points: readonly number[], a: number, b: number): number[] {
    const found: number[] = [];
    for (let i = Math.max(0, lowerBound(points, a)); i < points.length && points[i] <= b; i++) found.push(points[i]);
    return found;
  }

  private indexAtOrBefore(x: number): number {
    return lowerBound(this.from, x + 1) - 1;
  }
}

/** The first index whose value is at least `x`. */
function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Leadership terms as one timeline; a replica that stops and starts leading within a second (a renewal at its deadline) is not an outage. */
export function actingLeader(terms: readonly Term[]): Intervals {
  return new Intervals(terms, 1000);
}

/**
 * @param times the member's fire times in (creation, end]
 * @param jobs every Job of the member, by the runner's record
 * @param leader when a leader could act (`actingLeader`)
 */
export function classify(
  member: FleetMember,
  times: readonly number[],
  jobs: readonly JobLife[],
  leader: Intervals,
  end: number,
): Verdicts {
  const spec = member.spec as {
    overlapPolicy?: string;
    catchUpPolicy?: string;
    catchUpLimit?: number;
    startingDeadlineSeconds?: number;
    jitterSeconds?: number;
  };
  const policy = spec.overlapPolicy ?? 'AllowAll';
  const holdsBack = policy === 'Skip' || policy === 'BufferOne';
  const busy = new Intervals(jobs.map((j) => ({ from: j.createdAt, to: j.endedAt })));
  const ran = new Set(jobs.map((j) => j.scheduledTime));
  const verdicts: Verdicts = { required: [], forbidden: [], optional: [] };
  const canAct = (x: number) => x + SLACK_MS <= end && leader.covers(x, x + SLACK_MS);
  times.forEach((t, i) => {
    const window = windowEnd(spec, times, i);
    const earliest = t + (spec.jitterSeconds ?? 0) * 1000;
    const latest = window - SLACK_MS;
    // Where the reconciler looks at the object: the run's time, each leadership start, each moment the object falls idle.
    const looks = [
      earliest,
      ...leader.startsIn(earliest, latest),
      ...(holdsBack ? busy.endsIn(earliest, latest) : []),
    ].filter((x) => x <= latest);
    const due = looks.some((x) => canAct(x) && !(holdsBack && busy.contains(x)));
    const queuedTooLate = policy === 'BufferAll' && t > end - QUEUE_MARGIN_PERIODS * member.periodMs;
    if (due && !queuedTooLate) verdicts.required.push(t);
    else if (
      holdsBack &&
      ran.has(t) &&
      busy.covers(t, window + SLACK_MS) &&
      jobs.some((j) => j.scheduledTime !== t && j.createdAt <= t && j.endedAt >= window + SLACK_MS)
    )
      verdicts.forbidden.push(t);
    else verdicts.optional.push(t);
  });
  return verdicts;
}

/** The end of t's catch-up window (see the module comment). */
function windowEnd(
  spec: { catchUpPolicy?: string; catchUpLimit?: number; startingDeadlineSeconds?: number },
  times: readonly number[],
  i: number,
): number {
  const t = times[i];
  const next = (k: number) => times[i + k] ?? Infinity;
  let end: number;
  if (spec.catchUpPolicy === 'None') end = t + ON_TIME_MS;
  else if (spec.catchUpPolicy === 'UpTo') end = next(spec.catchUpLimit ?? 1);
  else end = next(1);
  if (spec.startingDeadlineSeconds !== undefined) end = Math.min(end, t + spec.startingDeadlineSeconds * 1000);
  return end;
}

/** Overlap the policy forbids, at each Job's creation: a list of "job: why". */
export function overlapViolations(member: FleetMember, jobs: readonly JobLife[]): string[] {
  const policy = (member.spec as { overlapPolicy?: string }).overlapPolicy ?? 'AllowAll';
  if (policy === 'AllowAll') return [];
  const problems: string[] = [];
  for (const job of jobs) {
    const others = jobs.filter((o) => o !== job && o.createdAt <= job.createdAt && job.createdAt < o.endedAt);
    if (others.length > 0)
      problems.push(
        `${job.name} created at ${new Date(job.createdAt).toISOString()} while ${others.map((o) => o.name).join(', ')} still ran (${policy})`,
      );
  }
  return problems;
}

/** A catchUpPolicy None run started more than 60 s after its time. */
export function lateRuns(member: FleetMember, jobs: readonly JobLife[]): string[] {
  if ((member.spec as { catchUpPolicy?: string }).catchUpPolicy !== 'None') return [];
  return jobs
    .filter((j) => j.runKind === 'Scheduled' && j.createdAt - j.scheduledTime > ON_TIME_MS)
    .map((j) => `${j.name}: ${(j.createdAt - j.scheduledTime) / 1000} s late`);
}
