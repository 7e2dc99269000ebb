/** Builds plan inputs from case-file objects (the documented format) and runs the plan. */
import { parsePlanCase, planAnswer } from '../../../src/reconciler/plan/case-file';
import { planSync } from '../../../src/reconciler/plan/plan';
import { PlanInput, SyncPlan } from '../../../src/reconciler/plan/types';

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
  return planSync(parsePlanCase(c));
}

export function answer(c: CaseObject) {
  return planAnswer(plan(c));
}

export function input(c: CaseObject): PlanInput {
  return parsePlanCase(c);
}

export const ms = (iso: string) => Date.parse(iso);
