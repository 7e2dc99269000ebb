/**
 * What the map reports beside the picture: pile-ups (many starts in one minute, with the `H`
 * spreading that fixes them), daylight-saving skips and double runs in the window, jobs whose runs
 * can overlap themselves, backups running at the same time as other jobs on their database, and
 * jobs that never run. Pure: the fleet and its runs in, findings out, in a stable order.
 */
import { analyzeSchedule } from '../schedule/analysis';
import { formatSeconds } from '../schedule/describe';
import { formatInstant } from '../schedule/instants';
import { TimeZone } from '../schedule/time-zone';
import { MappedJob } from './fleet';
import { JobRuns, mappedRuns, MapWindow, MappedRun, shortestGapMs } from './runs';
import { firstMinuteOf, spreadSuggestion, SpreadSuggestion } from './spread';

export enum MapFindingKind {
  PILE_UP = 'pile-up',
  DST_DOUBLE = 'dst-double-run',
  DST_SKIP = 'dst-skipped-run',
  SELF_OVERLAP = 'self-overlap',
  DATABASE_OVERLAP = 'database-overlap',
  NEVER_RUNS = 'never-runs',
}

export interface MapFinding {
  readonly kind: MapFindingKind;
  /** One line: what and when. */
  readonly message: string;
  /** The ids of the jobs concerned. */
  readonly jobs: readonly string[];
  /** One line per job or instant concerned. */
  readonly details: readonly string[];
  readonly fix: string;
}

/** What the findings are computed from. */
export interface FindingInput {
  readonly jobs: readonly MappedJob[];
  readonly runs: readonly JobRuns[];
  readonly window: MapWindow;
  /** The map's zone, in which pile-up times are named. */
  readonly zone: TimeZone;
  /** A minute with at least this many starts (and three times the average) is a pile-up. */
  readonly pileUpThreshold: number;
}

export function mapFindings(input: FindingInput): MapFinding[] {
  return [
    ...pileUps(input),
    ...daylightSaving(input),
    ...selfOverlaps(input),
    ...databaseOverlaps(input),
    ...neverRuns(input),
  ];
}

const MINUTE_MS = 60_000;
/** A pile-up has at least this many times the fleet's average starts per minute. */
const PILE_UP_FACTOR = 3;

/**
 * Pile-up minutes (at least `pileUpThreshold` starts, and three times the fleet's average per minute)
 * grouped by their local time of day: the same nightly crowd is one finding.
 */
export function pileUps({ jobs, runs, window, zone, pileUpThreshold }: FindingInput): MapFinding[] {
  // Jobs on one schedule share their list of starts: count each list once, times its jobs.
  const jobsByStarts = new Map<readonly number[], number[]>();
  runs.forEach((r, job) => jobsByStarts.set(r.starts, [...(jobsByStarts.get(r.starts) ?? []), job]));
  const perMinute = new Map<number, number>();
  let total = 0;
  for (const [starts, sharing] of jobsByStarts)
    for (const t of starts) {
      const minute = Math.floor(t / MINUTE_MS);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + sharing.length);
      total += sharing.length;
    }
  // In a big fleet even evenly spread jobs start by the dozen each minute: that is no pile-up.
  const average = total / ((window.toMs - window.fromMs) / MINUTE_MS);
  const threshold = Math.max(pileUpThreshold, PILE_UP_FACTOR * average);
  const groups = new Map<string, PileUpGroup>();
  /** Each pile-up minute's group, named by its local time of day. */
  const groupOfMinute = new Map<number, PileUpGroup>();
  for (const [minute, count] of perMinute) {
    if (count < threshold) continue;
    const seconds = minute * 60;
    const local = new Date((seconds + zone.offsetAt(seconds)) * 1000).toISOString();
    const time = local.slice(11, 16);
    const group = groups.get(time) ?? { time, peak: 0, dates: new Set<string>(), jobs: new Set<number>() };
    group.peak = Math.max(group.peak, count);
    group.dates.add(local.slice(0, 10));
    groups.set(time, group);
    groupOfMinute.set(minute, group);
  }
  if (groups.size === 0) return [];
  for (const [starts, sharing] of jobsByStarts) {
    const touched = new Set<PileUpGroup>();
    for (const t of starts) {
      const group = groupOfMinute.get(Math.floor(t / MINUTE_MS));
      if (group !== undefined) touched.add(group);
    }
    for (const group of touched) for (const job of sharing) group.jobs.add(job);
  }
  // A job in several pile-ups gets one suggestion (hashing it is the costly part).
  const suggestions = new Map<number, SpreadSuggestion | undefined>();
  const suggestionFor = (job: number) => {
    if (!suggestions.has(job)) {
      const { schedules, id } = jobs[job];
      suggestions.set(job, schedules.length === 1 ? spreadSuggestion(schedules[0], id) : undefined);
    }
    return suggestions.get(job);
  };
  return [...groups.values()]
    .sort((a, b) => b.peak - a.peak || (a.time < b.time ? -1 : 1))
    .map((group) => pileUpFinding(group, jobs, zone, suggestionFor));
}

interface PileUpGroup {
  /** Local `HH:MM`. */
  readonly time: string;
  peak: number;
  readonly dates: Set<string>;
  readonly jobs: Set<number>;
}

function pileUpFinding(
  group: PileUpGroup,
  jobs: readonly MappedJob[],
  zone: TimeZone,
  suggestionFor: (job: number) => SpreadSuggestion | undefined,
): MapFinding {
  const members = [...group.jobs].sort((a, b) => a - b);
  const afterSpreading = new Map<number, number>();
  const details = members.map((index) => {
    const job = jobs[index];
    const suggestion = suggestionFor(index);
    const minute = suggestion === undefined ? Number(group.time.slice(3)) : firstMinuteOf(suggestion.resolved);
    afterSpreading.set(minute, (afterSpreading.get(minute) ?? 0) + 1);
    return suggestion === undefined
      ? `${job.id} (${job.schedules.join(', ')}): spread by hand${job.kind === 'ScheduledJob' ? ' or with jitterSeconds' : ''}`
      : `${job.id}: "${job.schedules[0]}" -> "${suggestion.hashed}" (e.g. "${suggestion.resolved}")`;
  });
  const dates = [...group.dates].sort();
  const after = Math.max(...afterSpreading.values());
  return {
    kind: MapFindingKind.PILE_UP,
    message: `${group.peak} starts in the minute ${group.time} ${zone.name} (${members.length} jobs, on ${dates.length === 1 ? dates[0] : `${dates.length} days, ${dates[0]} to ${dates[dates.length - 1]}`})`,
    jobs: members.map((i) => jobs[i].id),
    details,
    fix: `spread the minute with H (Schedule.hashed in a construct; H is resolved at synth from the construct path): at most ${after} of these jobs would then start in the same minute`,
  };
}

/** Local times the clocks skip or repeat in the window, per job zone and date. */
export function daylightSaving({ jobs, runs, window }: FindingInput): MapFinding[] {
  const days = Math.ceil((window.toMs - window.fromMs) / 86_400_000);
  const events = new Map<
    string,
    { kind: MapFindingKind; zone: string; date: string; lines: string[]; jobs: string[] }
  >();
  jobs.forEach((job, index) => {
    if (job.timeZone === undefined || job.runTimes === undefined || job.suspended) return;
    const scheduled = new Set(runs[index].scheduled);
    for (const schedule of job.schedules) {
      const analysis = analyzeSchedule(schedule, job.timeZone, window.fromMs, days);
      for (const e of analysis?.doubled ?? []) {
        const instants = e.instants.filter((i) => scheduled.has(Date.parse(i)));
        if (instants.length < 2) continue;
        add(
          MapFindingKind.DST_DOUBLE,
          job,
          e.localTime,
          `${job.id} ("${schedule}"): ${e.localTime.slice(11)} runs at ${instants.join(' and ')}`,
        );
      }
      for (const e of analysis?.skipped ?? []) {
        add(
          MapFindingKind.DST_SKIP,
          job,
          e.localTime,
          `${job.id} ("${schedule}"): ${e.localTime.slice(11)} does not happen, no run`,
        );
      }
    }
  });
  function add(kind: MapFindingKind, job: MappedJob, localTime: string, line: string) {
    const key = `${kind}\u0000${job.timeZone}\u0000${localTime.slice(0, 10)}`;
    const event = events.get(key) ?? { kind, zone: job.timeZone!, date: localTime.slice(0, 10), lines: [], jobs: [] };
    event.lines.push(line);
    if (!event.jobs.includes(job.id)) event.jobs.push(job.id);
    events.set(key, event);
  }
  return [...events.values()]
    .sort((a, b) => (a.date + a.zone + a.kind < b.date + b.zone + b.kind ? -1 : 1))
    .map((e) =>
      e.kind === MapFindingKind.DST_DOUBLE
        ? {
            kind: e.kind,
            message: `${e.date} in ${e.zone}: the clocks go back and ${e.jobs.length} job${e.jobs.length === 1 ? ' runs' : 's run'} twice`,
            jobs: e.jobs,
            details: e.lines,
            fix: 'make the runs idempotent, schedule outside the repeated hour, use a zone without daylight saving, or use a ScheduledJob with dstPolicy: Once',
          }
        : {
            kind: e.kind,
            message: `${e.date} in ${e.zone}: the clocks go forward and ${e.jobs.length} job${e.jobs.length === 1 ? ' skips a run' : 's skip a run'}`,
            jobs: e.jobs,
            details: e.lines,
            fix: 'schedule outside the skipped hour, or use a zone without daylight saving (e.g. UTC)',
          },
    );
}

/** Jobs under Allow whose deadline (or lack of one) outlasts the gap between two of their starts. */
export function selfOverlaps({ jobs, runs }: FindingInput): MapFinding[] {
  const findings: MapFinding[] = [];
  jobs.forEach((job, index) => {
    const gap = shortestGapMs(runs[index].starts);
    if (!job.allowsOverlap || gap === undefined) return;
    const bound = job.deadlineSeconds === undefined ? Infinity : job.deadlineSeconds * 1000 + job.jitterSeconds * 1000;
    if (bound <= gap) return;
    const policy = job.kind === 'CronJob' ? 'concurrencyPolicy Allow' : 'overlapPolicy AllowAll';
    findings.push({
      kind: MapFindingKind.SELF_OVERLAP,
      message:
        job.deadlineSeconds === undefined
          ? `${job.id}: runs have no deadline and start as often as every ${formatSeconds(gap / 1000)} under ${policy}: a slow run overlaps the next`
          : `${job.id}: a run may last ${formatSeconds(bound / 1000)} but the next starts ${formatSeconds(gap / 1000)} later, under ${policy}`,
      jobs: [job.id],
      details: [`schedule "${job.schedules.join('", "')}"`],
      fix: `set ${job.kind === 'CronJob' ? 'concurrencyPolicy: Forbid' : 'overlapPolicy: Skip'}, or an activeDeadlineSeconds below ${gap / 1000}`,
    });
  });
  return findings;
}

/** Backups that may be running while another job works on the same database. */
export function databaseOverlaps({ jobs, runs, window }: FindingInput): MapFinding[] {
  const byDatabase = new Map<string, number[]>();
  jobs.forEach((job, index) => {
    if (job.database !== undefined) byDatabase.set(job.database, [...(byDatabase.get(job.database) ?? []), index]);
  });
  const findings: MapFinding[] = [];
  for (const [database, members] of [...byDatabase.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [jobs[members[i]], jobs[members[j]]];
        if (!a.backup && !b.backup) continue;
        const overlaps = overlapInstants(mappedRuns(runs[members[i]]), mappedRuns(runs[members[j]]), window.toMs);
        if (overlaps.length === 0) continue;
        findings.push({
          kind: MapFindingKind.DATABASE_OVERLAP,
          message: `${a.id} and ${b.id} may run at the same time on ${database} (${overlaps.length} time${overlaps.length === 1 ? '' : 's'} in the window, first at ${formatInstant(overlaps[0])})`,
          jobs: [a.id, b.id],
          details: overlaps.slice(0, 5).map((t) => `both may be active at ${formatInstant(t)}`),
          fix: 'start one after the other has surely ended (its start plus activeDeadlineSeconds), or shorten their deadlines',
        });
      }
  }
  return findings;
}

/** The instants at which a run of one list starts while a run of the other may be active. */
export function overlapInstants(a: readonly MappedRun[], b: readonly MappedRun[], horizonMs: number): number[] {
  const found: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [x, y] = [a[i], b[j]];
    const start = Math.max(x.startMs, y.startMs);
    if (start < Math.min(x.endMs ?? horizonMs, y.endMs ?? horizonMs)) found.push(start);
    if ((x.endMs ?? horizonMs) <= (y.endMs ?? horizonMs)) i++;
    else j++;
  }
  return found;
}

/** Jobs with no run at all: rejected, unparseable, suspended, or on a date that never comes. */
export function neverRuns({ jobs, window }: FindingInput): MapFinding[] {
  const findings: MapFinding[] = [];
  for (const job of jobs) {
    const reason =
      job.problem !== undefined
        ? `can never run: ${job.problem}`
        : job.suspended
          ? 'is suspended: no run starts until spec.suspend is false'
          : job.runTimes!.next(window.fromMs - 1) === null
            ? 'never fires: no date matches its schedule (e.g. February 30th), or every run is excluded'
            : undefined;
    if (reason === undefined) continue;
    findings.push({
      kind: MapFindingKind.NEVER_RUNS,
      message: `${job.id} ${reason}`,
      jobs: [job.id],
      details: [`${job.file} (document ${job.index}): "${job.schedules.join('", "')}"`],
      fix: job.suspended
        ? 'resume it or remove it'
        : 'fix the schedule (cdk8s-batch lint names the field), or remove the job',
    });
  }
  return findings;
}
