/**
 * Where the pod may run: `nodeSelector` is a label map (ValidateLabels: qualified keys, label
 * values), and each toleration follows validateTolerations (a label-name key, Equal or Exists,
 * a value only with Equal, a known effect, tolerationSeconds only with NoExecute). Findings sit at
 * `nodeSelector[key]` and `tolerations[i].<field>`.
 */
import { Violation } from '../../rule';
import { arrayOf, describeValue, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, index, key } from '../../support/field-path';
import { labelValueProblems, qualifiedNameProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

export const podNodeSelectorInvalid = apiServerRule({
  id: 'pod-node-selector-invalid',
  kinds: BOTH_KINDS,
  summary: 'A nodeSelector key that is not a qualified name, or a value that is not a valid label value.',
  check(input) {
    const pod = podTemplate(input);
    const selector = objectOf(pod.spec.nodeSelector);
    if (!selector) return [];
    const path = child(pod.specPath, 'nodeSelector');
    const violations: Violation[] = [];
    for (const labelKey of Object.keys(selector)) {
      const field = key(path, labelKey);
      for (const p of qualifiedNameProblems(labelKey))
        violations.push({
          field,
          message: `nodeSelector key ${describeValue(labelKey)} is not a valid label key: ${p}.`,
          fix: 'Use the node label key as it appears on the nodes, e.g. "kubernetes.io/arch" or "node.example.com/pool".',
        });
      const value = selector[labelKey];
      if (typeof value !== 'string') continue;
      for (const p of labelValueProblems(value))
        violations.push({
          field,
          message: `nodeSelector ${describeValue(labelKey)} has the value ${describeValue(value)}, which is not a valid label value: ${p}.`,
          fix: 'Node label values are at most 63 letters, digits, "-", "_" and "." with alphanumeric ends; quote values like "true" in YAML.',
        });
    }
    return violations;
  },
});

const TAINT_EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
const COMPARISON_OPERATORS = new Set(['Lt', 'Gt']);
const TOLERATION_FIX =
  'Write { key, operator: Equal, value, effect } to tolerate one taint, or { key, operator: Exists } for any value; leave effect out to match every effect.';

/** The problems of one toleration, in validateTolerations' order. */
function tolerationProblems(toleration: Readonly<Record<string, unknown>>, path: string): Violation[] {
  const out: Violation[] = [];
  const problem = (field: string, message: string) =>
    out.push({ field: child(path, field), message, fix: TOLERATION_FIX });
  const tolerationKey = stringOf(toleration.key) ?? '';
  const operator = stringOf(toleration.operator) ?? '';
  const value = stringOf(toleration.value) ?? '';
  const effect = stringOf(toleration.effect) ?? '';
  for (const p of tolerationKey ? qualifiedNameProblems(tolerationKey) : [])
    problem('key', `key ${describeValue(tolerationKey)} is not a valid label key: ${p}.`);
  if (tolerationKey === '' && operator !== 'Exists')
    problem('operator', 'operator must be Exists when key is empty (which means "tolerate every taint").');
  if (!isAbsent(toleration.tolerationSeconds) && effect !== 'NoExecute')
    problem(
      'effect',
      'effect must be NoExecute when tolerationSeconds is set: only NoExecute taints evict after a while.',
    );
  if (operator === '' || operator === 'Equal') {
    for (const p of labelValueProblems(value))
      problem('operator', `value ${describeValue(value)} is not a valid label value: ${p}.`);
  } else if (operator === 'Exists') {
    if (value !== '') problem('operator', `value ${describeValue(value)} must be empty when operator is Exists.`);
  } else {
    const gated = COMPARISON_OPERATORS.has(operator)
      ? ' (Lt and Gt need the alpha TaintTolerationComparisonOperators feature gate, off by default)'
      : '';
    problem(
      'operator',
      `operator ${describeValue(operator)} is not supported (supported values: "Equal", "Exists")${gated}.`,
    );
  }
  if (effect !== '' && !TAINT_EFFECTS.has(effect))
    problem(
      'effect',
      `effect ${describeValue(effect)} is not supported (supported values: "NoSchedule", "PreferNoSchedule", "NoExecute").`,
    );
  return out;
}

export const podTolerationInvalid = apiServerRule({
  id: 'pod-toleration-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A toleration with an invalid key, an operator other than Equal or Exists, a value with Exists, an empty key without Exists, an unknown effect, or tolerationSeconds without NoExecute.',
  check(input) {
    const pod = podTemplate(input);
    const path = child(pod.specPath, 'tolerations');
    const violations: Violation[] = [];
    (arrayOf(pod.spec.tolerations) ?? []).forEach((item, i) => {
      const toleration = objectOf(item);
      if (toleration) violations.push(...tolerationProblems(toleration, index(path, i)));
    });
    return violations;
  },
});

export const SCHEDULING_RULES = [podNodeSelectorInvalid, podTolerationInvalid];
