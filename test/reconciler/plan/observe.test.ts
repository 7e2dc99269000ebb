/**
 * reconcileActive, the first step of every sync: the same answer as upstream's list-walking
 * version (kept here as the oracle), duplicates in `active` included, in time linear in the
 * number of Jobs (a plan case with 80000 active Jobs once took minutes).
 */
import { reconcileActive } from '../../../src/reconciler/plan/observe';
import { EventType, JobPhase, ObservedJob, PlanEvent } from '../../../src/reconciler/plan/types';

/** The list-walking version reconcileActive replaced: quadratic, and what it must equal. */
function listWalkingOracle(
  active: readonly string[],
  jobs: readonly ObservedJob[],
  lastSuccessfulTime: number | undefined,
  events: PlanEvent[],
) {
  const current = active.slice();
  const remove = (name: string) => current.splice(current.indexOf(name), 1);
  let lastSuccess = lastSuccessfulTime;
  for (const job of jobs) {
    const listed = current.includes(job.name);
    const finished = job.phase !== JobPhase.RUNNING;
    if (!listed && !finished) {
      events.push({
        type: EventType.WARNING,
        reason: 'UnexpectedJob',
        jobName: job.name,
        message: `Job ${job.name} is owned by this object but not listed as active`,
      });
    } else if (finished) {
      if (listed) {
        remove(job.name);
        events.push({
          type: EventType.NORMAL,
          reason: 'SawCompletedJob',
          jobName: job.name,
          message: `Job ${job.name} finished: ${job.phase}`,
        });
      }
      if (job.phase === JobPhase.SUCCEEDED && job.finishedAt !== undefined) {
        if (lastSuccess === undefined || lastSuccess < job.finishedAt) lastSuccess = job.finishedAt;
      }
    }
  }
  for (let i = 0; i < current.length;) {
    const name = current[i];
    if (jobs.some((job) => job.name === name)) {
      i++;
      continue;
    }
    remove(name);
    events.push({
      type: EventType.NORMAL,
      reason: 'MissingJob',
      jobName: name,
      message: `Active Job ${name} no longer exists`,
    });
  }
  return { active: current, lastSuccessfulTime: lastSuccess };
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHASES = [JobPhase.RUNNING, JobPhase.SUCCEEDED, JobPhase.FAILED];

/** Names from a pool of four, so that lists repeat names and Jobs share them. */
function randomCase(next: () => number) {
  const name = () => `job-${Math.floor(next() * 4)}`;
  const active = Array.from({ length: Math.floor(next() * 6) }, name);
  const jobs: ObservedJob[] = Array.from({ length: Math.floor(next() * 6) }, () => ({
    name: name(),
    phase: PHASES[Math.floor(next() * 3)],
    ...(next() < 0.7 ? { finishedAt: Math.floor(next() * 100) } : {}),
  }));
  const lastSuccessfulTime = next() < 0.5 ? undefined : Math.floor(next() * 100);
  return { active, jobs, lastSuccessfulTime };
}

describe('reconcileActive', () => {
  test('gives what the list-walking version gives, event for event and in order, names repeated or not', () => {
    const next = random(20261208);
    for (let i = 0; i < 2000; i++) {
      const { active, jobs, lastSuccessfulTime } = randomCase(next);
      const events: PlanEvent[] = [{ type: EventType.NORMAL, reason: 'Earlier', message: 'kept first' }];
      const expectedEvents: PlanEvent[] = [{ type: EventType.NORMAL, reason: 'Earlier', message: 'kept first' }];
      const answer = reconcileActive(active, jobs, lastSuccessfulTime, events);
      const expected = listWalkingOracle(active, jobs, lastSuccessfulTime, expectedEvents);
      expect({ answer, events, case: { active, jobs, lastSuccessfulTime } }).toEqual({
        answer: expected,
        events: expectedEvents,
        case: { active, jobs, lastSuccessfulTime },
      });
    }
  });

  test('a name listed twice loses its first entry to a finished Job and keeps the other for the running one', () => {
    const events: PlanEvent[] = [];
    const answer = reconcileActive(
      ['a', 'b', 'a', 'gone'],
      [
        { name: 'a', phase: JobPhase.SUCCEEDED, finishedAt: 5 },
        { name: 'a', phase: JobPhase.RUNNING },
        { name: 'b', phase: JobPhase.RUNNING },
        { name: 'c', phase: JobPhase.RUNNING },
      ],
      3,
      events,
    );
    expect(answer).toEqual({ active: ['b', 'a'], lastSuccessfulTime: 5 });
    expect(events.map((e) => `${e.reason} ${e.jobName}`)).toEqual([
      'SawCompletedJob a',
      'UnexpectedJob c',
      'MissingJob gone',
    ]);
  });
});
