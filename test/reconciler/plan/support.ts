/** Builds plan inputs from case-file objects (the documented format) and runs the plan. */
import { planSync } from '../../../src/reconciler/plan/plan';
import { PlanInput, SyncPlan } from '../../../src/reconciler/plan/types';
import { describeProblems } from '../../../src/reconciler/resource/field-reader';
import { parsePlanCase, PlanAnswer, planAnswer } from '../../../src/reconciler/resource/plan-case';

export type CaseObject = Record<string, unknown> & { cronJob: Record<string, unknown> };

/** Defaults shared by most tests: created at midnight, nothing run yet, history limits 3/1. */
export function caseOf(overrides: Partial<CaseObject> & { cronJob: Record<string, unknown> }): CaseObject {
  return {
    creationTimestamp: '2026-03-01T00:00:00Z',
    lastScheduleTime: null,
    ...overrides,
    cronJob: { successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, ...overrides.cronJob },
  };
}

export function plan(c: CaseObject): SyncPlan {
  return planSync(input(c));
}

export function answer(c: CaseObject) {
  return planAnswer(plan(c));
}

/** The case's plan input; a case with problems throws them all, `field: message; field: message`. */
export function input(c: unknown): PlanInput {
  const read = parsePlanCase(c);
  if (read.input === undefined) throw new Error(describeProblems(read.problems));
  return read.input;
}

export const ms = (iso: string) => Date.parse(iso);

/** The fields of a plan answer, in the order `cdk8s-batch plan --format json` prints them (the contract). */
export const ANSWER_KEYS: readonly (keyof PlanAnswer)[] = [
  'createJobFor',
  'createJobName',
  'deleteActive',
  'skippedReason',
  'warnTooManyMissed',
  'nextScheduleTime',
  'requeueAfterMs',
  'deleteFinished',
  'statusActiveAfter',
  'lastScheduleTimeAfter',
  'lastSuccessfulTimeAfter',
];
