/**
 * Every case of test/data/controller-cases.json (the upstream controller's own table rows plus
 * DST, boundary and bookkeeping cases) through the plan command's core (the case read as the
 * ScheduledJob and Jobs it describes, then planned): the JSON answer must equal the case's
 * `expect` key for key, and the events must be upstream's, in order.
 */
import { planSync } from '../../../src/reconciler/plan/plan';
import { PlanEvent } from '../../../src/reconciler/plan/types';
import { PlanAnswer, planAnswer } from '../../../src/reconciler/resource/plan-case';
import { formatInstant } from '../../../src/schedule/instants';
import { readReferenceJson } from '../../support/reference-data';
import { ANSWER_KEYS, input } from './support';

interface ControllerCase {
  readonly name: string;
  readonly now: string;
  readonly expect: PlanAnswer & { readonly nextRequeueAt: string | null; readonly events: readonly string[] };
  readonly [key: string]: unknown;
}

const cases = readReferenceJson<ControllerCase[]>('controller-cases.json');

/** What `cdk8s-batch plan CASE --format json` computes, and the plan it comes from. */
function planCase(c: unknown) {
  const plan = planSync(input(c));
  return { plan, answer: planAnswer(plan) };
}

/** "Normal SuccessfulCreate mycronjob-24394200", the cases' event notation. */
function eventLine(e: PlanEvent): string {
  return e.jobName === undefined ? `${e.type} ${e.reason}` : `${e.type} ${e.reason} ${e.jobName}`;
}

describe('controller-cases.json through cdk8s-batch plan', () => {
  test('the table has all 125 cases', () => {
    expect(cases).toHaveLength(125);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { expect: expected, ...withoutExpect } = c;
    const { answer, plan } = planCase(withoutExpect);
    expect(Object.keys(answer)).toEqual(ANSWER_KEYS);
    const wanted = Object.fromEntries(ANSWER_KEYS.map((k) => [k, expected[k]]));
    expect(answer).toEqual(wanted);
    expect(plan.events.map(eventLine)).toEqual(expected.events);
    const requeueAt = answer.requeueAfterMs === null ? null : formatInstant(Date.parse(c.now) + answer.requeueAfterMs);
    expect(requeueAt).toEqual(expected.nextRequeueAt);
  });

  test('the case file may keep its expect: it is ignored', () => {
    const c = cases.find((x) => x.name === 'upstream: still active, is time, R') as ControllerCase;
    expect(planCase(c).answer.createJobName).toBe('mycronjob-24394200');
  });
});
