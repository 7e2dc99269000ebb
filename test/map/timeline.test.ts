import { rowRects, timelineJobs } from '../../src/map/timeline';
import { fixtureMap } from './support';

const scale = { fromMs: 0, toMs: 1000, x: 100, width: 100 };

describe('rowRects', () => {
  test('spans become rectangles on the scale', () => {
    expect(rowRects([{ fromMs: 0, toMs: 500, depth: 1 }], scale)).toEqual([{ x: 100, width: 50, depth: 1 }]);
  });

  test('neighbours of one depth closer than a pixel merge; a different depth stays apart', () => {
    const spans = [
      { fromMs: 0, toMs: 100, depth: 1 as const },
      { fromMs: 105, toMs: 200, depth: 1 as const },
      { fromMs: 200, toMs: 300, depth: 2 as const },
      { fromMs: 500, toMs: 600, depth: 1 as const },
    ];
    expect(rowRects(spans, scale)).toEqual([
      { x: 100, width: 20, depth: 1 },
      { x: 120, width: 10, depth: 2 },
      { x: 150, width: 10, depth: 1 },
    ]);
  });

  test('a run shorter than a pixel is still a pixel wide, and thousands of them cost at most the width', () => {
    const spans = Array.from({ length: 2000 }, (_, i) => ({ fromMs: i / 2, toMs: i / 2 + 0.01, depth: 1 as const }));
    const rects = rowRects(spans, scale);
    expect(rects.length).toBeLessThanOrEqual(100);
    expect(rects.every((r) => r.width >= 1)).toBe(true);
  });
});

test('timelineJobs puts jobs of overlap and double-run findings first, keeps only jobs with runs, and counts the rest', () => {
  const map = fixtureMap(['fleet.yaml']);
  const all = timelineJobs(map, 100);
  const ids = all.jobs.map((i) => map.jobs[i].id);
  expect(ids.slice(0, 4).sort()).toEqual([
    'orders/orders-backup',
    'orders/orders-reindex',
    'reports/nightly-dst',
    'sync/sync-every-15',
  ]);
  expect(ids).not.toContain('reports/leap-day-report');
  expect(ids).not.toContain('ops/paused-cleanup');
  expect(all.left).toBe(0);
  const two = timelineJobs(map, 2);
  expect(two.jobs).toHaveLength(2);
  expect(two.left).toBe(all.jobs.length - 2);
});
