/**
 * The status conditions the controller itself maintains on a ScheduledJob (the plan maintains
 * `Paused`), and the Kubernetes rule for updating one: `lastTransitionTime` moves only when the
 * condition's status changes.
 */
import { Condition, ConditionStatus } from '../plan/types';

/** Whether the spec could be read and planned: False names every problem. */
export const SPEC_VALID_CONDITION = 'SpecValid';
/** Whether the last Job built from the template passed the rules: False lists the error findings. */
export const JOB_TEMPLATE_VALID_CONDITION = 'JobTemplateValid';

/** `conditions` with `next` in place of any condition of its type (appended when new). */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  next: Omit<Condition, 'lastTransitionTime'>,
  now: number,
): Condition[] {
  const list = conditions ?? [];
  const previous = list.find((c) => c.type === next.type);
  const condition: Condition = {
    ...next,
    lastTransitionTime: previous !== undefined && previous.status === next.status ? previous.lastTransitionTime : now,
  };
  if (previous === undefined) return [...list, condition];
  return list.map((c) => (c === previous ? condition : c));
}

export function trueCondition(type: string, reason: string, message: string): Omit<Condition, 'lastTransitionTime'> {
  return { type, status: ConditionStatus.TRUE, reason, message };
}

export function falseCondition(type: string, reason: string, message: string): Omit<Condition, 'lastTransitionTime'> {
  return { type, status: ConditionStatus.FALSE, reason, message };
}
