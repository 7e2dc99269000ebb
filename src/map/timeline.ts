/**
 * The timeline's layout: which jobs get a row, and each row's spans as rectangles in pixels.
 * Spans closer than a pixel merge (a `*\/5` job over a week would otherwise be two thousand
 * rectangles), so a row costs at most its width in rectangles whatever the schedule.
 */
import { MapFindingKind } from './findings';
import { mappedRuns, RunSpan, runSpans } from './runs';
import { ScheduleMap } from './schedule-map';

/** A horizontal mapping of instants to pixels. */
export interface TimeScale {
  readonly fromMs: number;
  readonly toMs: number;
  readonly x: number;
  readonly width: number;
}

/** A rectangle of a row: its left edge and width in pixels, and whether runs overlap in it. */
export interface RowRect {
  readonly x: number;
  readonly width: number;
  readonly depth: 1 | 2;
}

const MIN_WIDTH = 1;

/** The spans as rectangles, neighbours of the same depth less than a pixel apart merged, each at least a pixel wide. */
export function rowRects(spans: readonly RunSpan[], scale: TimeScale): RowRect[] {
  const perMs = scale.width / (scale.toMs - scale.fromMs);
  const rects: RowRect[] = [];
  for (const span of spans) {
    const x = scale.x + (span.fromMs - scale.fromMs) * perMs;
    const end = Math.max(scale.x + (span.toMs - scale.fromMs) * perMs, x + MIN_WIDTH);
    const last = rects[rects.length - 1];
    if (last !== undefined && last.depth === span.depth && x - (last.x + last.width) < 1) {
      rects[rects.length - 1] = { ...last, width: Math.max(last.width, end - last.x) };
    } else {
      rects.push({ x, width: end - x, depth: span.depth });
    }
  }
  return rects.map((r) => ({ x: round(r.x), width: round(r.width), depth: r.depth }));
}

/** The jitter bands of a job's runs (scheduled time to latest start), as depth-1 spans. */
export function jitterSpans(map: ScheduleMap, job: number): RunSpan[] {
  const { scheduled, latestStarts } = map.runs[job];
  return scheduled
    .map((t, i) => ({ fromMs: Math.max(t, map.window.fromMs), toMs: latestStarts[i], depth: 1 as const }))
    .filter((band) => band.toMs > band.fromMs);
}

/** A job's bars: start to deadline bound, clipped to the window. */
export function barSpans(map: ScheduleMap, job: number): RunSpan[] {
  return runSpans(mappedRuns(map.runs[job]), map.window);
}

/** Kinds of finding that put a job at the top of the timeline: the ones a timeline shows. */
const TIMELINE_KINDS: ReadonlySet<string> = new Set([
  MapFindingKind.SELF_OVERLAP,
  MapFindingKind.DATABASE_OVERLAP,
  MapFindingKind.DST_DOUBLE,
]);

/**
 * The jobs that get a row, at most `limit`: jobs with a run in the window, those named by an
 * overlap or double-run finding first, then in input order.
 */
export function timelineJobs(map: ScheduleMap, limit: number): { jobs: number[]; left: number } {
  const flagged = new Set<string>();
  for (const f of map.findings) if (TIMELINE_KINDS.has(f.kind)) for (const id of f.jobs) flagged.add(id);
  const running = map.jobs.map((_, i) => i).filter((i) => map.runs[i].starts.length > 0);
  const ordered = [
    ...running.filter((i) => flagged.has(map.jobs[i].id)),
    ...running.filter((i) => !flagged.has(map.jobs[i].id)),
  ];
  return { jobs: ordered.slice(0, limit), left: Math.max(0, ordered.length - limit) };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
