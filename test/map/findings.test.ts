import { readFleet } from '../../src/map/fleet';
import { MapFindingKind, overlapInstants } from '../../src/map/findings';
import { spreadSuggestion } from '../../src/map/spread';
import { buildScheduleMap } from '../../src/map/schedule-map';
import { cronJob, fixtureDocuments, fixtureMap } from './support';

const ofKind = (kind: MapFindingKind, names = ['fleet.yaml'], options = {}) =>
  fixtureMap(names, options).findings.filter((f) => f.kind === kind);

describe('pile-ups', () => {
  test('40 daily jobs at 00:00 are one pile-up, named by its local time, with the H form of each schedule', () => {
    const [pileUp, ...others] = ofKind(MapFindingKind.PILE_UP, ['pile-up.yaml']);
    expect(others).toEqual([]);
    expect(pileUp.message).toBe('40 starts in the minute 00:00 UTC (40 jobs, on 7 days, 2026-10-29 to 2026-11-04)');
    expect(pileUp.jobs).toHaveLength(40);
    expect(pileUp.details[0]).toMatch(/^daily-00: "0 0 \* \* \*" -> "H 0 \* \* \*" \(e\.g\. "\d+ 0 \* \* \*"\)$/);
    const after = Number(/at most (\d+) of these jobs/.exec(pileUp.fix)![1]);
    expect(after).toBeLessThan(5);
  });

  test('in another zone the same minute is named by its local time', () => {
    const [pileUp] = ofKind(MapFindingKind.PILE_UP, ['pile-up.yaml'], { timeZone: 'Asia/Tokyo' });
    expect(pileUp.message).toMatch(/^40 starts in the minute 09:00 Asia\/Tokyo/);
  });

  test('below the threshold there is no pile-up', () => {
    expect(ofKind(MapFindingKind.PILE_UP, ['pile-up.yaml'], { pileUpThreshold: 41 })).toEqual([]);
  });

  test('spreadSuggestion hashes a fixed or stepped minute and leaves other schedules alone', () => {
    expect(spreadSuggestion('0 0 * * *', 'a')?.hashed).toBe('H 0 * * *');
    expect(spreadSuggestion('*/15 * * * *', 'a')?.hashed).toBe('H/15 * * * *');
    expect(spreadSuggestion('0 0 * * *', 'a')).toEqual(spreadSuggestion('0 0 * * *', 'a'));
    expect(spreadSuggestion('0,30 * * * *', 'a')).toBeUndefined();
    expect(spreadSuggestion('@daily', 'a')).toBeUndefined();
  });
});

describe('daylight saving', () => {
  test('a 30 1 * * * job in New York runs twice on 2026-11-01, at both instants', () => {
    const [double] = ofKind(MapFindingKind.DST_DOUBLE);
    expect(double.message).toBe('2026-11-01 in America/New_York: the clocks go back and 1 job runs twice');
    expect(double.jobs).toEqual(['reports/nightly-dst']);
    expect(double.details).toEqual([
      'reports/nightly-dst ("30 1 * * *"): 01:30 runs at 2026-11-01T05:30:00Z and 2026-11-01T06:30:00Z',
    ]);
  });

  test('a ScheduledJob with dstPolicy Once at the same time is not a double run', () => {
    expect(ofKind(MapFindingKind.DST_DOUBLE).flatMap((f) => f.jobs)).not.toContain('reports/report-export');
  });

  test('a 30 2 * * * job in New York skips its run when the clocks go forward on 2027-03-14', () => {
    const skips = ofKind(MapFindingKind.DST_SKIP, ['fleet.yaml'], { fromMs: Date.parse('2027-03-10T00:00:00Z') });
    expect(skips.map((f) => f.message)).toEqual([
      '2027-03-14 in America/New_York: the clocks go forward and 1 job skips a run',
    ]);
    expect(skips[0].jobs).toEqual(['reports/spring-forward']);
  });

  test('no daylight-saving finding in a window without a change', () => {
    const map = fixtureMap(['fleet.yaml'], { fromMs: Date.parse('2026-06-01T00:00:00Z') });
    expect(
      map.findings.filter((f) => f.kind === MapFindingKind.DST_DOUBLE || f.kind === MapFindingKind.DST_SKIP),
    ).toEqual([]);
  });
});

describe('overlaps', () => {
  test('a job under Allow whose deadline outlasts its interval overlaps itself; under Forbid it cannot', () => {
    const findings = ofKind(MapFindingKind.SELF_OVERLAP);
    expect(findings.map((f) => f.message)).toEqual([
      'sync/sync-every-15: a run may last 30m but the next starts 15m later, under concurrencyPolicy Allow',
    ]);
  });

  test('a job under Allow without a deadline may overlap its next run', () => {
    const map = buildScheduleMap([cronJob('unbounded', { schedule: '0 * * * *' })], {
      fromMs: Date.parse('2026-10-29T00:00:00Z'),
    });
    expect(map.findings.map((f) => f.message)).toEqual([
      'unbounded: runs have no deadline and start as often as every 1h under concurrencyPolicy Allow: a slow run overlaps the next',
    ]);
  });

  test('a backup and a reindex of the same database, 30 minutes apart with 1h deadlines, may run at once every night', () => {
    const [overlap, ...others] = ofKind(MapFindingKind.DATABASE_OVERLAP);
    expect(others).toEqual([]);
    expect(overlap.jobs).toEqual(['orders/orders-backup', 'orders/orders-reindex']);
    expect(overlap.message).toBe(
      'orders/orders-backup and orders/orders-reindex may run at the same time on postgresql://orders-db:5432/orders (7 times in the window, first at 2026-10-29T02:30:00Z)',
    );
  });

  test('the database is read from libpq variables, the MySQL backup contract and DATABASE_URL, without credentials', () => {
    const env = (vars: Record<string, string>) =>
      cronJob(
        'x',
        { schedule: '0 0 * * *' },
        {
          template: { spec: { containers: [{ env: Object.entries(vars).map(([name, value]) => ({ name, value })) }] } },
        },
      );
    const databases = readFleet([
      env({ PGHOST: 'db', PGDATABASE: 'orders' }),
      env({ DB_HOST: 'maria', DB_NAME: 'shop' }),
      env({ DATABASE_URL: 'postgres://user:secret@db/orders?sslmode=require' }),
      env({ OTHER: 'x' }),
    ]).map((j) => j.database);
    expect(databases).toEqual([
      'postgresql://db:5432/orders',
      'mysql://maria:3306/shop',
      'postgresql://db:5432/orders',
      undefined,
    ]);
  });

  test('overlapInstants finds each start while the other list may be active', () => {
    const run = (startMs: number, endMs?: number) => ({ scheduledMs: startMs, startMs, latestStartMs: startMs, endMs });
    expect(overlapInstants([run(0, 10), run(100, 110)], [run(5, 8), run(50, 60), run(105, 120)], 1000)).toEqual([
      5, 105,
    ]);
    expect(overlapInstants([run(0)], [run(500, 510)], 1000)).toEqual([500]);
    expect(overlapInstants([run(0, 10)], [run(10, 20)], 1000)).toEqual([]);
  });
});

test('jobs that never run: a date that never comes, suspended, rejected', () => {
  const map = buildScheduleMap(
    [...fixtureDocuments('fleet.yaml'), cronJob('bad-zone', { schedule: '0 0 * * *', timeZone: 'Mars/Olympus' })],
    { fromMs: Date.parse('2026-10-29T00:00:00Z') },
  );
  expect(map.findings.filter((f) => f.kind === MapFindingKind.NEVER_RUNS).map((f) => f.message)).toEqual([
    'reports/leap-day-report never fires: no date matches its schedule (e.g. February 30th), or every run is excluded',
    'ops/paused-cleanup is suspended: no run starts until spec.suspend is false',
    expect.stringMatching(/^bad-zone can never run: rejected by the API server: spec.timeZone: /),
  ]);
});

test('findings come in a stable order: pile-ups, daylight saving, self-overlap, database overlap, never runs', () => {
  const kinds = fixtureMap(['fleet.yaml', 'pile-up.yaml']).findings.map((f) => f.kind);
  expect(kinds).toEqual([
    MapFindingKind.PILE_UP,
    MapFindingKind.DST_DOUBLE,
    MapFindingKind.SELF_OVERLAP,
    MapFindingKind.DATABASE_OVERLAP,
    MapFindingKind.NEVER_RUNS,
    MapFindingKind.NEVER_RUNS,
  ]);
});
