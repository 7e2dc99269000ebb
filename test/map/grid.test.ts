import { buildGrid, GridLayout } from '../../src/map/grid';
import { loadLocation, UTC } from '../../src/schedule/time-zone';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('GridLayout', () => {
  test('hour cells: rows are the local dates of the window, columns the local hours', () => {
    const from = at('2026-10-29T00:00:00Z');
    const layout = new GridLayout('hour', UTC, { fromMs: from, toMs: from + 7 * 24 * HOUR });
    expect(layout.rowLabels()).toEqual([
      '2026-10-29 (Thu)',
      '2026-10-30 (Fri)',
      '2026-10-31 (Sat)',
      '2026-11-01 (Sun)',
      '2026-11-02 (Mon)',
      '2026-11-03 (Tue)',
      '2026-11-04 (Wed)',
    ]);
    expect(layout.cellOf(at('2026-10-29T00:00:00Z'))).toBe(0);
    expect(layout.cellOf(at('2026-10-29T23:59:59Z'))).toBe(23);
    expect(layout.cellOf(at('2026-11-01T05:30:00Z'))).toBe(3 * 24 + 5);
    expect(layout.cellOf(at('2026-11-05T00:00:00Z'))).toBe(-1);
  });

  test('a window starting mid-day has a partial first and last row; cells outside it are not in the window', () => {
    const from = at('2026-10-29T12:00:00Z');
    const layout = new GridLayout('hour', UTC, { fromMs: from, toMs: from + 2 * 24 * HOUR });
    expect(layout.rowCount).toBe(3);
    const covered = layout.coveredCells();
    expect(
      covered
        .slice(0, 24)
        .map((c, h) => (c ? h : -1))
        .filter((h) => h >= 0),
    ).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(covered.filter(Boolean)).toHaveLength(48);
  });

  test('in a zone, instants land in local hours; the repeated hour of a fall-back is one cell, a skipped hour is outside', () => {
    const ny = loadLocation('America/New_York')!;
    const fall = new GridLayout('hour', ny, { fromMs: at('2026-11-01T04:00:00Z'), toMs: at('2026-11-02T05:00:00Z') });
    // 01:30 EDT (05:30Z) and 01:30 EST (06:30Z) are both 01:00 on 2026-11-01.
    expect(fall.cellOf(at('2026-11-01T05:30:00Z'))).toBe(1);
    expect(fall.cellOf(at('2026-11-01T06:30:00Z'))).toBe(1);
    const spring = new GridLayout('hour', ny, { fromMs: at('2027-03-14T05:00:00Z'), toMs: at('2027-03-15T04:00:00Z') });
    const covered = spring.coveredCells();
    expect(covered[2]).toBe(false); // 02:00 does not exist on 2027-03-14
    expect(covered[1] && covered[3]).toBe(true);
  });

  test('half-hour zones fill every local hour', () => {
    const india = loadLocation('Asia/Kolkata')!;
    const from = at('2026-10-28T18:30:00Z'); // local midnight
    const layout = new GridLayout('hour', india, { fromMs: from, toMs: from + 24 * HOUR });
    expect(layout.rowCount).toBe(1);
    expect(layout.coveredCells().every(Boolean)).toBe(true);
  });

  test('minute cells: rows are local hours, columns minutes', () => {
    const from = at('2026-10-29T00:00:00Z');
    const layout = new GridLayout('minute', UTC, { fromMs: from, toMs: from + 24 * HOUR });
    expect(layout.rowCount).toBe(24);
    expect(layout.rowLabels()[13]).toBe('2026-10-29 13:00');
    expect(layout.cellOf(at('2026-10-29T13:07:00Z'))).toBe(13 * 60 + 7);
  });
});

test('buildGrid counts starts per cell, lists each job once per cell with its count, and finds the maximum', () => {
  const from = at('2026-10-29T00:00:00Z');
  const layout = new GridLayout('hour', UTC, { fromMs: from, toMs: from + 24 * HOUR });
  const grid = buildGrid(layout, [
    [from, from + 15 * 60_000, from + 30 * 60_000],
    [from + 10 * 60_000, from + 5 * HOUR],
    [],
  ]);
  expect(grid.cells[0]).toEqual({
    row: 0,
    column: 0,
    inWindow: true,
    starts: 4,
    jobs: [
      { job: 0, starts: 3 },
      { job: 1, starts: 1 },
    ],
  });
  expect(grid.cells[5].jobs).toEqual([{ job: 1, starts: 1 }]);
  expect(grid.maxStarts).toBe(4);
  expect(grid.columns).toHaveLength(24);
  expect(grid.cells.reduce((sum, c) => sum + c.starts, 0)).toBe(5);
});
