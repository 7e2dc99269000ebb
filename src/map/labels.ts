/** The words every rendering of a map shares: cell names, job lists, totals, the quiet hours. */
import { GridCell } from './grid';
import { ScheduleMap } from './schedule-map';

/** `2026-11-01 (Sun) 05:00 UTC` for an hour cell, `2026-11-01 05:30 UTC` for a minute cell. */
export function cellLabel(map: ScheduleMap, cell: GridCell): string {
  const row = map.grid.rows[cell.row];
  const column = map.grid.columns[cell.column];
  const when = map.grid.resolution === 'hour' ? `${row} ${column}:00` : `${row.slice(0, 13)}:${column}`;
  return `${when} ${map.window.timeZone}`;
}

/** The jobs of a cell, `a, b ×2, c`, at most `limit` of them and then `and N more`. */
export function cellJobList(map: ScheduleMap, cell: GridCell, limit: number): string {
  const names = cell.jobs
    .slice(0, limit)
    .map((j) => (j.starts > 1 ? `${map.jobs[j.job].id} ×${j.starts}` : map.jobs[j.job].id));
  const more = cell.jobs.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** Starts in the window, all jobs together. */
export function totalStarts(map: ScheduleMap): number {
  return map.runs.reduce((sum, r) => sum + r.starts.length, 0);
}

/** The busiest cell (the first of equals), or undefined when nothing starts. */
export function busiestCell(map: ScheduleMap): GridCell | undefined {
  let best: GridCell | undefined;
  for (const cell of map.grid.cells)
    if (cell.starts > 0 && (best === undefined || cell.starts > best.starts)) best = cell;
  return best;
}

/**
 * The hours of the day (minutes of the hour, for a one-day map) with the fewest starts over the
 * window: where a new job would start alone, or nearly. Whole hours are listed in column order.
 */
export function quietestColumns(map: ScheduleMap): { columns: string[]; starts: number } {
  const totals = map.grid.columns.map(() => 0);
  for (const cell of map.grid.cells) totals[cell.column] += cell.starts;
  const least = Math.min(...totals);
  return { columns: map.grid.columns.filter((_, i) => totals[i] === least), starts: least };
}

/** `1 job`, `2 jobs`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
