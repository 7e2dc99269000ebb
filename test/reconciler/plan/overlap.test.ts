/** Overlap policies: the three CronJob ones under their new names, and the two buffers. */
import { OverlapPolicy, RunKind } from '../../../src/reconciler/plan/types';
import { readReferenceJson } from '../../support/reference-data';
import { answer, caseOf, input } from './support';
import { jobFor, World } from './world';

interface SharedCase {
  readonly name: string;
  readonly cronJob: Record<string, unknown>;
  readonly [key: string]: unknown;
}

const RENAMED: Record<string, OverlapPolicy> = {
  Allow: OverlapPolicy.ALLOW_ALL,
  Forbid: OverlapPolicy.SKIP,
  Replace: OverlapPolicy.CANCEL_OTHER,
};

describe('Skip, AllowAll and CancelOther are Forbid, Allow and Replace', () => {
  const cases = readReferenceJson<SharedCase[]>('controller-cases.json');

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { expect: _expected, ...rest } = c;
    const { concurrencyPolicy, ...cronJob } = c.cronJob as { concurrencyPolicy: string };
    const renamed = { ...rest, cronJob: { ...cronJob, overlapPolicy: RENAMED[concurrencyPolicy] } };
    expect(answer(renamed as never)).toEqual(answer(rest as never));
  });

  test('both fields may be given when they agree; a contradiction names the field', () => {
    expect(
      input(
        caseOf({
          cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid', overlapPolicy: 'Skip' },
          now: '2026-03-01T00:00:00Z',
        }),
      ).spec.overlapPolicy,
    ).toBe('Skip');
    expect(() =>
      input(
        caseOf({
          cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Forbid', overlapPolicy: 'AllowAll' },
          now: '2026-03-01T00:00:00Z',
        }),
      ),
    ).toThrow(
      new Error(
        'cronJob.overlapPolicy: AllowAll contradicts concurrencyPolicy Forbid (Forbid is Skip); give one of them',
      ),
    );
  });

  test('no policy at all is AllowAll (the API default Allow)', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *' },
        lastScheduleTime: '2026-03-01T09:00:00Z',
        now: '2026-03-01T10:00:01Z',
        activeJobs: [{ name: 'x' }],
      }),
    );
    expect(a.statusActiveAfter).toEqual(['x', jobFor('2026-03-01T10:00:00Z')]);
  });
});

describe('BufferOne: start the next run as soon as the current one finishes', () => {
  const created = Date.parse('2026-03-01T00:00:00Z');

  test('a run due while one is active waits in the queue and starts when that one finishes, under its own name', () => {
    const w = new World({ schedule: '0 * * * *', overlapPolicy: OverlapPolicy.BUFFER_ONE }, created);
    expect(w.sync('2026-03-01T09:00:00.1Z').create?.jobName).toBe(jobFor('2026-03-01T09:00:00Z'));
    const queued = w.sync('2026-03-01T10:00:00.1Z');
    expect(queued).toMatchObject({ skipReason: 'queued', create: undefined });
    expect(queued.status.queue).toEqual([Date.parse('2026-03-01T10:00:00Z')]);
    expect(queued.events.map((e) => e.reason)).toEqual(['RunQueued']);
    // The queued time counts as handled: syncing again queues nothing new.
    expect(w.sync('2026-03-01T10:20:00Z').status.queue).toEqual([Date.parse('2026-03-01T10:00:00Z')]);

    w.finishAll(true, '2026-03-01T10:30:00Z');
    const started = w.sync('2026-03-01T10:30:00Z');
    expect(started.create).toEqual({
      kind: RunKind.QUEUED,
      scheduledTime: Date.parse('2026-03-01T10:00:00Z'),
      jobName: jobFor('2026-03-01T10:00:00Z'),
    });
    expect(started.status).toMatchObject({
      queue: [],
      lastScheduleTime: Date.parse('2026-03-01T10:00:00Z'),
      // The finished run, still listed as active, counts in this sync.
      lastSuccessfulTime: Date.parse('2026-03-01T10:30:00Z'),
    });
    expect(started.nextScheduleTime).toBe(Date.parse('2026-03-01T11:00:00Z'));
  });

  test('a newer due run replaces the queued one (the newest is kept), with a QueuedRunDropped warning', () => {
    const w = new World({ schedule: '0 * * * *', overlapPolicy: OverlapPolicy.BUFFER_ONE }, created);
    w.sync('2026-03-01T09:00:00.1Z');
    w.sync('2026-03-01T10:00:00.1Z');
    const p = w.sync('2026-03-01T11:00:00.1Z');
    expect(p.status.queue).toEqual([Date.parse('2026-03-01T11:00:00Z')]);
    expect(p.droppedRuns).toEqual([Date.parse('2026-03-01T10:00:00Z')]);
    expect(p.events.map((e) => `${e.type} ${e.reason}`)).toEqual(['Normal RunQueued', 'Warning QueuedRunDropped']);
  });

  test('with nothing active and nothing queued a due run starts at once, like AllowAll', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', overlapPolicy: 'BufferOne' },
        lastScheduleTime: '2026-03-01T09:00:00Z',
        now: '2026-03-01T10:00:00.1Z',
      }),
    );
    expect(a).toMatchObject({ createJobName: jobFor('2026-03-01T10:00:00Z'), skippedReason: null });
  });

  test('a queued run starts even after its starting deadline: the deadline is checked when it becomes due', () => {
    const w = new World(
      { schedule: '0 * * * *', overlapPolicy: OverlapPolicy.BUFFER_ONE, startingDeadlineSeconds: 60 },
      created,
    );
    w.sync('2026-03-01T09:00:00.1Z');
    w.sync('2026-03-01T10:00:00.1Z');
    w.finishAll(false, '2026-03-01T10:45:00Z');
    expect(w.sync('2026-03-01T10:45:00Z').create?.scheduledTime).toBe(Date.parse('2026-03-01T10:00:00Z'));
  });
});

describe('BufferAll: a bounded queue, oldest first', () => {
  const created = Date.parse('2026-03-01T00:00:00Z');

  test('queues up to bufferLimit, drops the oldest beyond, and drains one run at a time', () => {
    const w = new World({ schedule: '0 * * * *', overlapPolicy: OverlapPolicy.BUFFER_ALL, bufferLimit: 2 }, created);
    w.sync('2026-03-01T08:00:00.1Z');
    for (const h of ['09', '10', '11']) w.sync(`2026-03-01T${h}:00:00.1Z`);
    expect(w.status.queue).toEqual(['10', '11'].map((h) => Date.parse(`2026-03-01T${h}:00:00Z`)));
    w.finishAll(true, '2026-03-01T11:10:00Z');
    expect(w.sync('2026-03-01T11:10:00Z').create?.jobName).toBe(jobFor('2026-03-01T10:00:00Z'));
    // Still active: the next one waits.
    expect(w.sync('2026-03-01T11:20:00Z').create).toBeUndefined();
    w.finishAll(true, '2026-03-01T11:30:00Z');
    expect(w.sync('2026-03-01T11:30:00Z').create?.jobName).toBe(jobFor('2026-03-01T11:00:00Z'));
    expect(w.status.queue).toEqual([]);
    expect(w.created).toEqual(['08', '10', '11'].map((h) => jobFor(`2026-03-01T${h}:00:00Z`)));
  });

  test('the queue lives in status: a fresh planner continues where the last left off', () => {
    const a = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', overlapPolicy: 'BufferAll' },
        lastScheduleTime: '2026-03-01T08:00:00Z',
        status: { queue: ['2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z'] },
        now: '2026-03-01T10:30:00Z',
        finishedJobs: [
          {
            name: jobFor('2026-03-01T08:00:00Z'),
            succeeded: true,
            finishedAt: '2026-03-01T10:29:00Z',
            inStatusActive: true,
          },
        ],
      }),
    );
    expect(a).toMatchObject({
      createJobFor: '2026-03-01T09:00:00Z',
      lastScheduleTimeAfter: '2026-03-01T09:00:00Z',
      nextScheduleTime: '2026-03-01T11:00:00Z',
    });
  });

  test('bufferLimit defaults to 10, is bounded, and belongs to BufferAll only', () => {
    const w = new World({ schedule: '* * * * *', overlapPolicy: OverlapPolicy.BUFFER_ALL }, created);
    w.sync('2026-03-01T00:01:00.1Z');
    for (let m = 2; m <= 20; m++) w.sync(`2026-03-01T00:${String(m).padStart(2, '0')}:00.1Z`);
    expect(w.status.queue).toHaveLength(10);
    expect(() =>
      input(
        caseOf({
          cronJob: { schedule: '0 * * * *', overlapPolicy: 'BufferAll', bufferLimit: 101 },
          now: '2026-03-01T00:00:00Z',
        }),
      ),
    ).toThrow(/cronJob.bufferLimit: must be a whole number from 1 to 100/);
    expect(() =>
      input(
        caseOf({
          cronJob: { schedule: '0 * * * *', overlapPolicy: 'BufferOne', bufferLimit: 3 },
          now: '2026-03-01T00:00:00Z',
        }),
      ),
    ).toThrow(/cronJob.bufferLimit: applies to overlapPolicy BufferAll only/);
  });

  test('switching away from a buffer policy forgets the queue', () => {
    const p = answer(
      caseOf({
        cronJob: { schedule: '0 * * * *', overlapPolicy: 'Skip' },
        status: { queue: ['2026-03-01T09:00:00Z'] },
        lastScheduleTime: '2026-03-01T08:00:00Z',
        now: '2026-03-01T09:30:00Z',
      }),
    );
    // The 09:00 run is simply due again under Skip.
    expect(p.createJobFor).toBe('2026-03-01T09:00:00Z');
  });
});
