/**
 * `--format json`: the data behind the picture. Instants are RFC 3339 in UTC; grid cells are listed
 * only when they hold a start, with the jobs in them by id.
 */
import { formatInstant } from '../schedule/instants';
import { MapFinding } from './findings';
import { ScheduleMap } from './schedule-map';

export interface ScheduleMapJson {
  readonly window: { from: string; to: string; days: number; timeZone: string; resolution: string };
  readonly jobs: Array<{
    id: string;
    kind: string;
    name: string;
    file: string;
    index: number;
    schedules: readonly string[];
    timeZone: string;
    deadlineSeconds: number | null;
    jitterSeconds: number;
    allowsOverlap: boolean;
    suspended: boolean;
    backup: boolean;
    database: string | null;
    problem: string | null;
    /** Start instants in the window (jitter included). */
    starts: string[];
    /** True when the job starts more often than the map keeps. */
    truncated: boolean;
  }>;
  readonly grid: {
    rows: readonly string[];
    columns: readonly string[];
    maxStarts: number;
    cells: Array<{ row: number; column: number; starts: number; jobs: Array<{ id: string; starts: number }> }>;
  };
  readonly findings: readonly MapFinding[];
}

export function scheduleMapJson(map: ScheduleMap): ScheduleMapJson {
  const { window, grid } = map;
  return {
    window: {
      from: formatInstant(window.fromMs),
      to: formatInstant(window.toMs),
      days: window.days,
      timeZone: window.timeZone,
      resolution: grid.resolution,
    },
    jobs: map.jobs.map((job, i) => ({
      id: job.id,
      kind: job.kind,
      name: job.name,
      file: job.file,
      index: job.index,
      schedules: job.schedules,
      timeZone: job.timeZone ?? 'UTC',
      deadlineSeconds: job.deadlineSeconds ?? null,
      jitterSeconds: job.jitterSeconds,
      allowsOverlap: job.allowsOverlap,
      suspended: job.suspended,
      backup: job.backup,
      database: job.database ?? null,
      problem: job.problem ?? null,
      starts: map.runs[i].starts.map(formatInstant),
      truncated: map.runs[i].truncated,
    })),
    grid: {
      rows: grid.rows,
      columns: grid.columns,
      maxStarts: grid.maxStarts,
      cells: grid.cells
        .filter((c) => c.starts > 0)
        .map((c) => ({
          row: c.row,
          column: c.column,
          starts: c.starts,
          jobs: c.jobs.map((j) => ({ id: map.jobs[j.job].id, starts: j.starts })),
        })),
    },
    findings: map.findings,
  };
}

export function renderScheduleMapJson(map: ScheduleMap): string {
  return `${JSON.stringify(scheduleMapJson(map))}\n`;
}
