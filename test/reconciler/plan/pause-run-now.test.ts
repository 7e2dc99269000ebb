/** pauseAfterFailures (with its condition), and run-now requests. */
import { countConsecutiveFailures } from '../../../src/reconciler/plan/failures';
import { runNowJobName } from '../../../src/reconciler/plan/job-names';
import { JobPhase, OverlapPolicy, RunKind } from '../../../src/reconciler/plan/types';
import { answer, caseOf, input, ms, plan } from './support';
import { jobFor, World } from './world';

const created = ms('2026-03-01T00:00:00Z');
const hourly = (extra: object = {}) => ({
  schedule: '0 * * * *',
  successfulJobsHistoryLimit: 3,
  failedJobsHistoryLimit: 1,
  ...extra,
});

/** Runs hourly from 01:00, each finishing at :10 with the given outcomes. */
function runHours(w: World, outcomes: boolean[], firstHour = 1) {
  outcomes.forEach((ok, i) => {
    const h = String(firstHour + i).padStart(2, '0');
    w.sync(`2026-03-01T${h}:00:00.1Z`);
    w.finishAll(ok, `2026-03-01T${h}:10:00Z`);
    w.sync(`2026-03-01T${h}:10:00Z`);
  });
}

describe('pauseAfterFailures', () => {
  test('counts consecutive failures, a success resets, and at the limit the schedule pauses with a condition', () => {
    const w = new World(hourly({ pauseAfterFailures: 3 }), created);
    runHours(w, [false, true, false, false]);
    expect(w.status.consecutiveFailures).toBe(2);
    expect(w.status.conditions).toEqual([
      expect.objectContaining({ type: 'Paused', status: 'False', reason: 'BelowFailureLimit' }),
    ]);
    runHours(w, [false], 5);
    expect(w.status.consecutiveFailures).toBe(3);
    const paused = w.sync('2026-03-01T06:00:00.1Z');
    expect(paused).toMatchObject({ create: undefined, skipReason: 'paused', requeueAfterMs: undefined });
    expect(paused.status.conditions).toEqual([
      {
        type: 'Paused',
        status: 'True',
        reason: 'ConsecutiveFailures',
        message: expect.stringContaining('3 consecutive runs failed'),
        lastTransitionTime: ms('2026-03-01T05:10:00Z'),
      },
    ]);
  });

  test('each finished Job counts once, even when history cleanup deletes it in the same sync', () => {
    const w = new World(hourly({ pauseAfterFailures: 5, failedJobsHistoryLimit: 0 }), created);
    runHours(w, [false, false]);
    expect(w.jobs).toEqual([]);
    w.sync('2026-03-01T02:30:00Z');
    expect(w.status.consecutiveFailures).toBe(2);
  });

  test('finished Jobs are taken in finish order (ties by name), past the watermark', () => {
    const jobs = [
      { name: 'b', phase: JobPhase.FAILED, finishedAt: 2 },
      { name: 'a', phase: JobPhase.SUCCEEDED, finishedAt: 2 },
      { name: 'c', phase: JobPhase.FAILED, finishedAt: 1 },
      { name: 'r', phase: JobPhase.RUNNING },
    ];
    expect(countConsecutiveFailures(0, undefined, jobs)).toEqual({
      consecutiveFailures: 1,
      watermark: { finishedAt: 2, jobName: 'b' },
    });
    expect(countConsecutiveFailures(4, { finishedAt: 2, jobName: 'a' }, jobs)).toEqual({
      consecutiveFailures: 5,
      watermark: { finishedAt: 2, jobName: 'b' },
    });
    expect(countConsecutiveFailures(4, { finishedAt: 2, jobName: 'b' }, jobs)).toEqual({
      consecutiveFailures: 4,
      watermark: { finishedAt: 2, jobName: 'b' },
    });
  });

  test('a run-now request still starts while paused, and its success resumes the schedule', () => {
    const w = new World(hourly({ pauseAfterFailures: 2 }), created);
    runHours(w, [false, false]);
    expect(w.sync('2026-03-01T03:00:00.1Z').skipReason).toBe('paused');
    w.spec = { ...w.spec, runNowAt: ms('2026-03-01T03:05:00Z') };
    const manual = w.sync('2026-03-01T03:05:01Z');
    expect(manual.create).toEqual({
      kind: RunKind.RUN_NOW,
      scheduledTime: ms('2026-03-01T03:05:00Z'),
      jobName: runNowJobName('mycronjob', ms('2026-03-01T03:05:00Z')),
    });
    w.finishAll(true, '2026-03-01T03:15:00Z');
    const resumed = w.sync('2026-03-01T03:15:00Z');
    expect(resumed.status.consecutiveFailures).toBe(0);
    expect(resumed.status.conditions?.[0]).toMatchObject({
      status: 'False',
      lastTransitionTime: ms('2026-03-01T03:15:00Z'),
    });
    // The 03:00 run missed while paused is due again, like unsuspending.
    expect(resumed.create?.jobName).toBe(jobFor('2026-03-01T03:00:00Z'));
  });

  test('raising the limit resumes; the condition keeps its transition time while its status holds', () => {
    const c = {
      lastScheduleTime: '2026-03-01T02:00:00Z',
      now: '2026-03-01T03:00:00.1Z',
      status: {
        consecutiveFailures: 2,
        conditions: [
          {
            type: 'Paused',
            status: 'True',
            reason: 'ConsecutiveFailures',
            message: 'x',
            lastTransitionTime: '2026-03-01T02:10:00Z',
          },
        ],
      },
    };
    expect(
      plan(caseOf({ ...c, cronJob: { schedule: '0 * * * *', pauseAfterFailures: 2 } })).status.conditions?.[0]
        .lastTransitionTime,
    ).toBe(ms('2026-03-01T02:10:00Z'));
    expect(answer(caseOf({ ...c, cronJob: { schedule: '0 * * * *', pauseAfterFailures: 3 } })).createJobFor).toBe(
      '2026-03-01T03:00:00Z',
    );
  });

  test('without pauseAfterFailures nothing is counted and a stale Paused condition is removed', () => {
    const p = plan(
      caseOf({
        cronJob: hourly(),
        now: '2026-03-01T03:00:00.1Z',
        finishedJobs: [{ name: 'x', succeeded: false, finishedAt: '2026-03-01T02:00:00Z' }],
        status: {
          conditions: [
            { type: 'Paused', status: 'True', lastTransitionTime: '2026-03-01T02:00:00Z' },
            { type: 'Other', status: 'True', lastTransitionTime: '2026-03-01T02:00:00Z' },
          ],
        },
      }),
    );
    expect(p.status.consecutiveFailures).toBeUndefined();
    expect(p.status.conditions?.map((c) => c.type)).toEqual(['Other']);
  });

  test('the limit is bounded', () => {
    expect(() =>
      input(caseOf({ cronJob: { schedule: '0 * * * *', pauseAfterFailures: 0 }, now: '2026-03-01T00:00:00Z' })),
    ).toThrow(/cronJob.pauseAfterFailures: must be a whole number from 1 to 1000, not 0/);
  });
});

describe('run-now', () => {
  const at = '2026-03-01T10:20:00Z';

  test('creates <name>-r<base-36 seconds>, a name no scheduled run can have, and leaves lastScheduleTime alone', () => {
    const a = answer(
      caseOf({
        cronJob: hourly({ runNowAt: at }),
        lastScheduleTime: '2026-03-01T10:00:00Z',
        now: '2026-03-01T10:20:01Z',
      }),
    );
    expect(a).toMatchObject({
      createJobFor: at,
      createJobName: 'mycronjob-rtb7u1c',
      lastScheduleTimeAfter: '2026-03-01T10:00:00Z',
      requeueAfterMs: 0,
    });
    expect(parseInt('tb7u1c', 36) * 1000).toBe(ms(at));
    expect(a.createJobName).not.toMatch(/^mycronjob-\d+$/);
  });

  test('is handled once (status.lastRunNowAt); a newer request starts another', () => {
    const w = new World(hourly({ runNowAt: ms(at) }), created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-01T10:00:00Z') };
    expect(w.sync('2026-03-01T10:20:01Z').create?.kind).toBe(RunKind.RUN_NOW);
    expect(w.status.lastRunNowAt).toBe(ms(at));
    expect(w.sync('2026-03-01T10:20:02Z').create).toBeUndefined();
    w.spec = { ...w.spec, runNowAt: ms('2026-03-01T10:25:00Z') };
    expect(w.sync('2026-03-01T10:25:00Z').create?.jobName).toBe(runNowJobName('mycronjob', ms('2026-03-01T10:25:00Z')));
    // An older value than the last handled is ignored.
    w.spec = { ...w.spec, runNowAt: ms('2026-03-01T10:21:00Z') };
    expect(w.sync('2026-03-01T10:26:00Z').create).toBeUndefined();
  });

  test('a request in the future waits: the requeue aims at it', () => {
    const p = plan(caseOf({ cronJob: hourly({ runNowAt: at, suspend: true }), now: '2026-03-01T10:19:58Z' }));
    expect(p).toMatchObject({ create: undefined, skipReason: 'suspended', requeueAfterMs: 2000 });
    expect(
      plan(
        caseOf({
          cronJob: hourly({ runNowAt: at }),
          lastScheduleTime: '2026-03-01T10:00:00Z',
          now: '2026-03-01T10:19:58Z',
        }),
      ).requeueAfterMs,
    ).toBe(2000);
  });

  test('ignores suspend, exclusions and the overlap policy, like kubectl create job --from', () => {
    const a = answer(
      caseOf({
        cronJob: hourly({
          runNowAt: at,
          suspend: true,
          overlapPolicy: OverlapPolicy.SKIP,
          exclusions: [{ hours: '10:00-11:00' }],
        }),
        now: '2026-03-01T10:20:01Z',
        activeJobs: [{ name: 'busy' }],
      }),
    );
    expect(a).toMatchObject({ createJobFor: at, statusActiveAfter: ['busy', 'mycronjob-rtb7u1c'] });
  });

  test('goes first when a scheduled run is due too; that one follows at once', () => {
    const w = new World(hourly({ runNowAt: ms('2026-03-01T10:00:00Z') }), created);
    w.status = { active: [], lastScheduleTime: ms('2026-03-01T09:00:00Z') };
    expect(w.drain('2026-03-01T10:00:00.1Z').map((p) => p.create?.kind)).toEqual([RunKind.RUN_NOW, RunKind.SCHEDULED]);
    expect(new Set(w.created).size).toBe(2);
  });

  test('not while the object is being deleted', () => {
    expect(
      answer(caseOf({ cronJob: hourly({ runNowAt: at }), beingDeleted: true, now: '2026-03-01T10:20:01Z' })),
    ).toMatchObject({ createJobFor: null, skippedReason: 'beingDeleted', requeueAfterMs: null });
  });
});
