import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { readFleet } from '../../src/map/fleet';
import { writeScheduleMapFile } from '../../src/map/map-file';
import { mappedRuns, runSpans, runsInWindow, shortestGapMs, MappedRun } from '../../src/map/runs';
import { buildScheduleMap, MapTooLarge, MAX_MAP_STARTS } from '../../src/map/schedule-map';
import { cronJob, fixtureDocuments, FROM_MS } from './support';

const HOUR = 3_600_000;
const window = { fromMs: FROM_MS, toMs: FROM_MS + 7 * 24 * HOUR };
const run = (startMs: number, endMs?: number): MappedRun => ({
  scheduledMs: startMs,
  startMs,
  latestStartMs: startMs,
  endMs,
});

describe('runsInWindow', () => {
  test('a CronJob starts at its fire times inside the window, each bounded by its deadline', () => {
    const [job] = readFleet([cronJob('daily', { schedule: '0 3 * * *' }, { activeDeadlineSeconds: 600 })]);
    const jobRuns = runsInWindow(job, window, 100);
    expect(jobRuns.truncated).toBe(false);
    expect(jobRuns.starts).toHaveLength(7);
    expect(jobRuns.deadlineMs).toBe(600_000);
    expect(mappedRuns(jobRuns)[0]).toEqual({
      scheduledMs: FROM_MS + 3 * HOUR,
      startMs: FROM_MS + 3 * HOUR,
      latestStartMs: FROM_MS + 3 * HOUR,
      endMs: FROM_MS + 3 * HOUR + 600_000,
    });
  });

  test('a start exactly at the window start is in; one at its end is out', () => {
    const [job] = readFleet([cronJob('midnight', { schedule: '0 0 * * *' })]);
    const jobRuns = runsInWindow(job, window, 100);
    expect(jobRuns.starts).toEqual(Array.from({ length: 7 }, (_, i) => FROM_MS + i * 24 * HOUR));
    expect(mappedRuns(jobRuns)[0].endMs).toBeUndefined();
  });

  test('a ScheduledJob starts late by its stable jitter, within its band, and keeps its exclusions and dstPolicy', () => {
    const jobs = readFleet(fixtureDocuments('fleet.yaml'));
    const job = jobs.find((j) => j.name === 'report-export')!;
    const runs = mappedRuns(runsInWindow(job, window, 100));
    for (const r of runs) {
      expect(r.startMs).toBeGreaterThanOrEqual(r.scheduledMs);
      expect(r.startMs).toBeLessThanOrEqual(r.latestStartMs);
      expect(r.latestStartMs - r.scheduledMs).toBe(300_000);
    }
    expect(runs.some((r) => r.startMs !== r.scheduledMs)).toBe(true);
    // dstPolicy Once: 01:30 on 2026-11-01 runs once (05:30Z), not again at 06:30Z.
    expect(runs.filter((r) => new Date(r.scheduledMs).toISOString().startsWith('2026-11-01T0')).length).toBe(1);
    // Excluded on 11-02 (local), so nothing is scheduled that day in New York.
    expect(runs.filter((r) => new Date(r.scheduledMs - 5 * HOUR).toISOString().startsWith('2026-11-02'))).toEqual([]);
    expect(mappedRuns(runsInWindow(job, window, 100))).toEqual(runs);
  });

  test('a job starting more often than maxRuns is cut short and says so', () => {
    const [job] = readFleet([cronJob('often', { schedule: '* * * * *' })]);
    const { starts, truncated } = runsInWindow(job, window, 50);
    expect(starts).toHaveLength(50);
    expect(truncated).toBe(true);
  });

  test('a suspended job and one the API server rejects have no runs', () => {
    const jobs = readFleet([
      cronJob('paused', { schedule: '0 3 * * *', suspend: true }),
      cronJob('bad', { schedule: '0 3 * * 7' }),
    ]);
    expect(jobs.map((j) => runsInWindow(j, window, 100).starts)).toEqual([[], []]);
    expect(jobs[1].problem).toMatch(/^rejected by the API server: spec.schedule/);
  });
});

describe('runSpans', () => {
  test('runs that never meet are separate one-run spans', () => {
    expect(runSpans([run(0, 10), run(20, 30)], { fromMs: 0, toMs: 100 })).toEqual([
      { fromMs: 0, toMs: 10, depth: 1 },
      { fromMs: 20, toMs: 30, depth: 1 },
    ]);
  });

  test('a run ending as the next starts does not overlap it, and touching spans merge', () => {
    expect(runSpans([run(0, 10), run(10, 20)], { fromMs: 0, toMs: 100 })).toEqual([{ fromMs: 0, toMs: 20, depth: 1 }]);
  });

  test('where runs of one job may be active together the span has depth 2', () => {
    expect(runSpans([run(0, 30), run(15, 45), run(30, 60)], { fromMs: 0, toMs: 100 })).toEqual([
      { fromMs: 0, toMs: 15, depth: 1 },
      { fromMs: 15, toMs: 45, depth: 2 },
      { fromMs: 45, toMs: 60, depth: 1 },
    ]);
  });

  test('unbounded runs last to the window end, so every later run overlaps them', () => {
    expect(runSpans([run(10), run(50)], { fromMs: 0, toMs: 100 })).toEqual([
      { fromMs: 10, toMs: 50, depth: 1 },
      { fromMs: 50, toMs: 100, depth: 2 },
    ]);
  });

  test('spans are clipped to the window end', () => {
    expect(runSpans([run(90, 130)], { fromMs: 0, toMs: 100 })).toEqual([{ fromMs: 90, toMs: 100, depth: 1 }]);
  });
});

test('shortestGapMs is the least time between consecutive starts', () => {
  expect(shortestGapMs([0, 30, 40, 100])).toBe(10);
  expect(shortestGapMs([0])).toBeUndefined();
});

test('jobs on the same schedule share one list of starts', () => {
  const jobs = readFleet([cronJob('a', { schedule: '0 3 * * *' }), cronJob('b', { schedule: '0 3 * * *' })]);
  const cache = new Map();
  const [a, b] = jobs.map((j) => runsInWindow(j, window, 100, cache));
  expect(a.starts).toBe(b.starts);
});

test('a map past its budget of starts is refused with a one-line reason, at the budget it is built', () => {
  // Three every-minute jobs over one day: 4,320 starts.
  const jobs = ['a', 'b', 'c'].map((name) => cronJob(name, { schedule: '* * * * *' }));
  const build = (maxStarts: number) => buildScheduleMap(jobs, { fromMs: FROM_MS, days: 1, maxStarts });
  expect(() => build(4_319)).toThrow(new MapTooLarge(4_319, 3, 1));
  expect(() => build(4_319)).toThrow(
    'the map of 3 jobs over 1 day would hold more than 4,319 starts; map fewer days or fewer jobs',
  );
  expect(build(4_320).runs.map((r) => r.starts.length)).toEqual([1_440, 1_440, 1_440]);
});

test('the map file of a synth says so instead of writing, when the map would be too large', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-map-budget-'));
  const manifest = join(dir, 'fleet.yaml');
  // 120 every-minute jobs over 31 days: 5,356,800 starts, past MAX_MAP_STARTS.
  writeFileSync(
    manifest,
    Array.from({ length: 120 }, (_, i) => stringify(cronJob(`j${i}`, { schedule: '* * * * *' }).value)).join('---\n'),
  );
  expect(MAX_MAP_STARTS).toBeLessThan(120 * 1_440 * 31);
  expect(writeScheduleMapFile([manifest], { file: join(dir, 'map.json'), days: 31 }, FROM_MS)).toEqual({
    problem: `the map of 120 jobs over 31 days would hold more than ${MAX_MAP_STARTS.toLocaleString('en-US')} starts; map fewer days or fewer jobs`,
  });
});
