/**
 * The heat map's grid: starts counted per local hour of each day (rows are dates, columns hours),
 * or, for a one-day map, per local minute (rows are hours, columns minutes), in the map's zone.
 * When the clocks fall back, both occurrences of the repeated hour land in one cell; an hour the
 * clocks skip has no instant of the window and shows as outside it.
 */
import { civilFromDays, TimeZone } from '../schedule/time-zone';
import { MapWindow } from './runs';

export type GridResolution = 'hour' | 'minute';

/** A job's share of a cell. */
export interface CellJob {
  /** Index of the job in the map's job list. */
  readonly job: number;
  readonly starts: number;
}

export interface GridCell {
  readonly row: number;
  readonly column: number;
  /** False for a cell no instant of the window falls in (before its start, after its end, skipped by the clocks). */
  readonly inWindow: boolean;
  readonly starts: number;
  /** The jobs starting in it, by index, in job order. */
  readonly jobs: readonly CellJob[];
}

export interface Grid {
  readonly resolution: GridResolution;
  /** Row labels: local dates `YYYY-MM-DD (Sun)`, or local hours `YYYY-MM-DD HH:00`. */
  readonly rows: readonly string[];
  /** Column labels: `00`..`23` or `00`..`59`. */
  readonly columns: readonly string[];
  /** Row-major: `cells[row * columns.length + column]`. */
  readonly cells: readonly GridCell[];
  /** The largest count of any cell. */
  readonly maxStarts: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Locates instants in the grid: a local day (hour resolution) or local hour (minute resolution) and a column. */
export class GridLayout {
  readonly columnCount: number;
  private readonly unitSeconds: number;
  private readonly firstRowUnit: number;
  readonly rowCount: number;

  constructor(
    readonly resolution: GridResolution,
    private readonly zone: TimeZone,
    private readonly window: MapWindow,
  ) {
    this.columnCount = resolution === 'hour' ? 24 : 60;
    this.unitSeconds = resolution === 'hour' ? 86_400 : 3600;
    this.firstRowUnit = this.rowUnit(window.fromMs);
    this.rowCount = this.rowUnit(window.toMs - 1) - this.firstRowUnit + 1;
  }

  /** The cell index of an instant, or -1 outside the grid. */
  cellOf(ms: number): number {
    const local = this.localSeconds(ms);
    const row = Math.floor(local / this.unitSeconds) - this.firstRowUnit;
    if (row < 0 || row >= this.rowCount) return -1;
    const column = Math.floor((local % this.unitSeconds) / (this.unitSeconds / this.columnCount));
    return row * this.columnCount + column;
  }

  rowLabels(): string[] {
    return Array.from({ length: this.rowCount }, (_, i) => {
      const unit = this.firstRowUnit + i;
      const day = this.resolution === 'hour' ? unit : Math.floor(unit / 24);
      const { year, month, day: dom } = civilFromDays(day);
      const date = `${year}-${pad(month)}-${pad(dom)}`;
      return this.resolution === 'hour'
        ? `${date} (${WEEKDAYS[(((day + 4) % 7) + 7) % 7]})`
        : `${date} ${pad(unit % 24)}:00`;
    });
  }

  columnLabels(): string[] {
    return Array.from({ length: this.columnCount }, (_, i) => pad(i));
  }

  /** Which cells some instant of the window falls in, probing every quarter hour (every minute for minutes). */
  coveredCells(): boolean[] {
    const covered = new Array<boolean>(this.rowCount * this.columnCount).fill(false);
    const stepMs = this.resolution === 'hour' ? 900_000 : 60_000;
    for (let t = this.window.fromMs; t < this.window.toMs; t += stepMs) {
      const cell = this.cellOf(t);
      if (cell >= 0) covered[cell] = true;
    }
    return covered;
  }

  private localSeconds(ms: number): number {
    const seconds = Math.floor(ms / 1000);
    return seconds + this.zone.offsetAt(seconds);
  }

  private rowUnit(ms: number): number {
    return Math.floor(this.localSeconds(ms) / this.unitSeconds);
  }
}

/** Ascending starts as `[cell, count, cell, count, ...]`, one pair per run of starts in one cell, outside the grid left out. */
function cellCounts(layout: GridLayout, starts: readonly number[]): number[] {
  const pairs: number[] = [];
  for (const ms of starts) {
    const cell = layout.cellOf(ms);
    if (cell < 0) continue;
    if (pairs.length > 0 && pairs[pairs.length - 2] === cell) pairs[pairs.length - 1]++;
    else pairs.push(cell, 1);
  }
  return pairs;
}

/**
 * Counts each job's start times into the grid. `startsByJob[j]` are job j's start instants in
 * ascending order; jobs share a list when they share a schedule, and each list is located in the
 * grid once. Jobs are taken in order, so a job's entry in a cell is the cell's last one.
 */
export function buildGrid(layout: GridLayout, startsByJob: readonly (readonly number[])[]): Grid {
  const size = layout.rowCount * layout.columnCount;
  const counts = new Array<number>(size).fill(0);
  const jobs: CellJob[][] = Array.from({ length: size }, () => []);
  const cellsOfStarts = new Map<readonly number[], number[]>();
  startsByJob.forEach((starts, job) => {
    let cells = cellsOfStarts.get(starts);
    if (cells === undefined) {
      cells = cellCounts(layout, starts);
      cellsOfStarts.set(starts, cells);
    }
    for (let i = 0; i < cells.length; i += 2) {
      const [cell, count] = [cells[i], cells[i + 1]];
      counts[cell] += count;
      const list = jobs[cell];
      const last = list[list.length - 1];
      // A clock that goes back can bring a job to the same cell twice.
      if (last !== undefined && last.job === job) list[list.length - 1] = { job, starts: last.starts + count };
      else list.push({ job, starts: count });
    }
  });
  const covered = layout.coveredCells();
  const cells = counts.map((starts, i) => ({
    row: Math.floor(i / layout.columnCount),
    column: i % layout.columnCount,
    inWindow: covered[i],
    starts,
    jobs: jobs[i],
  }));
  return {
    resolution: layout.resolution,
    rows: layout.rowLabels(),
    columns: layout.columnLabels(),
    cells,
    maxStarts: counts.reduce((a, b) => Math.max(a, b), 0),
  };
}
