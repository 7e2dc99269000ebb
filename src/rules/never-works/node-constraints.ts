/**
 * Node constraints no node can meet. The scheduler places a pod only on a node whose labels match
 * every `nodeSelector` entry and, with required node affinity, at least one `nodeSelectorTerms`
 * entry (all of its matchExpressions and matchFields); a term with neither matches no node at all.
 * A pod's `os.name` adds one more condition: the kubelet runs a pod only on a node of that operating
 * system, and every node carries its system in the `kubernetes.io/os` label. When these ask for a
 * label to hold two different values, to be both present and absent, or a number in an empty range,
 * the API server still accepts the Job, but each pod stays Pending (or is refused by the kubelet)
 * until activeDeadlineSeconds fails the Job, or forever.
 *
 * Only certain contradictions are reported: a malformed term (which the API server refuses, see
 * pod-node-affinity-invalid) or an operator this module does not model leaves the rule silent.
 */
import { Violation } from '../rule';
import { arrayOf, describeValue, objectOf, stringOf } from '../support/access';
import { child, key } from '../support/field-path';
import { parseGoInteger } from '../support/go-integers';
import { podTemplate } from '../support/pod-template';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { neverWorksRule } from './never-works-rule';

const OS_LABEL = 'kubernetes.io/os';
const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';

type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

/** One condition on a node label (or, for matchFields, a node field), with how a message names it. */
interface Requirement {
  /** The label key, or `field:<name>` for a node field, so labels and fields never mix. */
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
  readonly says: string;
}

/** Whether one node label (or field) can satisfy every requirement on it. */
function labelCanSatisfy(requirements: readonly Requirement[]): boolean {
  // Only NotIn and DoesNotExist are met by a node without the label.
  if (requirements.every((r) => r.operator === 'NotIn' || r.operator === 'DoesNotExist')) return true;
  if (requirements.some((r) => r.operator === 'DoesNotExist')) return false;
  const excluded = new Set(requirements.filter((r) => r.operator === 'NotIn').flatMap((r) => r.values));
  const bounds = requirements.filter((r) => r.operator === 'Gt' || r.operator === 'Lt');
  const fitsBounds = (value: string) => {
    const number = parseGoInteger(value, 64);
    return bounds.every((r) => {
      const bound = parseGoInteger(r.values[0], 64);
      return number !== undefined && bound !== undefined && (r.operator === 'Gt' ? number > bound : number < bound);
    });
  };
  const sets = requirements.filter((r) => r.operator === 'In').map((r) => r.values);
  if (sets.length > 0) {
    return sets[0].some((v) => sets.every((s) => s.includes(v)) && !excluded.has(v) && fitsBounds(v));
  }
  // Any value will do: without bounds a fresh one, with bounds any integer between them, written
  // with as many leading zeros as it takes to avoid the excluded texts.
  let low = -(2n ** 63n);
  let high = 2n ** 63n - 1n;
  for (const r of bounds) {
    const bound = parseGoInteger(r.values[0], 64) ?? 0n;
    if (r.operator === 'Gt' && bound + 1n > low) low = bound + 1n;
    if (r.operator === 'Lt' && bound - 1n < high) high = bound - 1n;
  }
  return low <= high;
}

/** A term's requirements, or undefined when it is malformed (the API server refuses it). */
function termRequirements(term: unknown): Requirement[] | undefined {
  const value = objectOf(term);
  if (value === undefined) return undefined;
  const requirements: Requirement[] = [];
  for (const [list, prefix] of [
    ['matchExpressions', ''],
    ['matchFields', 'field:'],
  ] as const) {
    for (const item of arrayOf(value[list]) ?? []) {
      const expression = objectOf(item);
      const name = stringOf(expression?.key);
      const operator = stringOf(expression?.operator);
      const values = (arrayOf(expression?.values) ?? []).map(stringOf);
      if (name === undefined || operator === undefined || !OPERATORS.has(operator)) return undefined;
      if (values.some((v) => v === undefined)) return undefined;
      const texts = values as string[];
      if (!isWellFormed(operator as Operator, texts, list === 'matchFields' ? name : undefined)) return undefined;
      const shown = texts.length === 0 ? '' : ` [${texts.map((v) => describeValue(v)).join(', ')}]`;
      requirements.push({
        key: prefix + name,
        operator: operator as Operator,
        values: texts,
        says: `${list === 'matchFields' ? 'field ' : ''}${name} ${operator}${shown}`,
      });
    }
  }
  return requirements;
}

/** The operator's values as the API server requires them (a node field: metadata.name, In or NotIn, one value). */
function isWellFormed(operator: Operator, values: readonly string[], field: string | undefined): boolean {
  if (field !== undefined && (field !== 'metadata.name' || (operator !== 'In' && operator !== 'NotIn'))) return false;
  if (field !== undefined) return values.length === 1;
  if (operator === 'In' || operator === 'NotIn') return values.length > 0;
  if (operator === 'Gt' || operator === 'Lt') return values.length === 1 && parseGoInteger(values[0], 64) !== undefined;
  return values.length === 0;
}

/** Why no node can meet `requirements` (a term's, with the pod's own), or undefined when some node can. */
function conflictOf(requirements: readonly Requirement[]): string | undefined {
  const byKey = new Map<string, Requirement[]>();
  for (const r of requirements) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const group of byKey.values()) {
    if (!labelCanSatisfy(group)) return group.map((r) => r.says).join(' and ');
  }
  return undefined;
}

export const podNodeConstraintsUnsatisfiable = neverWorksRule({
  id: 'pod-node-constraints-unsatisfiable',
  kinds: BOTH_KINDS,
  summary:
    'No node can meet the pod template: its nodeSelector, os.name and required node affinity ask one label for two things, or every required term is empty; no node ever runs the pods.',
  check(input) {
    const pod = podTemplate(input);
    const own: Requirement[] = [];
    const selector = objectOf(pod.spec.nodeSelector) ?? {};
    for (const name of Object.keys(selector)) {
      const value = stringOf(selector[name]);
      if (value === undefined) return [];
      own.push({ key: name, operator: 'In', values: [value], says: `nodeSelector ${name}: ${value}` });
    }
    const os = stringOf(objectOf(pod.spec.os)?.name);
    if (os === 'linux' || os === 'windows')
      own.push({ key: OS_LABEL, operator: 'In', values: [os], says: `os.name ${os} (the node's ${OS_LABEL})` });

    // nodeSelector has one value per label, so the pod's own constraints conflict only over the system.
    const ownConflict = conflictOf(own);
    if (ownConflict !== undefined)
      return [violation(key(child(pod.specPath, 'nodeSelector'), OS_LABEL), `${ownConflict} contradict each other`)];

    const required = objectOf(objectOf(objectOf(pod.spec.affinity)?.nodeAffinity)?.[REQUIRED]);
    const terms = arrayOf(required?.nodeSelectorTerms);
    // An empty list is refused by the API server (pod-node-affinity-invalid).
    if (terms === undefined || terms.length === 0) return [];
    const reasons: string[] = [];
    for (const [i, term] of terms.entries()) {
      const requirements = termRequirements(term);
      if (requirements === undefined) return [];
      if (requirements.length === 0) {
        reasons.push(`term ${i} is empty, and an empty term matches no node`);
        continue;
      }
      const conflict = conflictOf([...own, ...requirements]);
      if (conflict === undefined) return [];
      reasons.push(`term ${i} needs ${conflict}`);
    }
    const termsPath = child(
      child(child(child(pod.specPath, 'affinity'), 'nodeAffinity'), REQUIRED),
      'nodeSelectorTerms',
    );
    return [violation(termsPath, `no required node affinity term can match a node: ${reasons.join('; ')}`)];
  },
});

function violation(field: string, reason: string): Violation {
  return {
    field,
    message: `${reason}, so no node ever runs the pods: they stay Pending (or the kubelet refuses them) until activeDeadlineSeconds fails the Job, or forever.`,
    fix: 'Make nodeSelector, os.name and the required node affinity agree: one value per label (In with a value the nodeSelector also names), Exists or DoesNotExist but not both, a Gt/Lt range with room in it, and matchExpressions or matchFields in every term.',
  };
}

export const NODE_CONSTRAINT_NEVER_WORKS_RULES = [podNodeConstraintsUnsatisfiable];
