/**
 * Affinity (validateAffinity): node affinity's required nodeSelectorTerms (at least one) and its
 * preferred terms (weight 1 to 100), each term's matchExpressions (an operator of In, NotIn,
 * Exists, DoesNotExist, Gt or Lt with the values it takes, a label key, and from 1.32 valid label
 * values in the required terms) and matchFields (only metadata.name, In or NotIn with one node
 * name); pod affinity and anti-affinity terms (valid labelSelector and namespaceSelector, namespace
 * names, a topologyKey that is a label key, weight 1 to 100, and from 1.31 matchLabelKeys and
 * mismatchLabelKeys). Findings sit at the offending field, e.g.
 * `...nodeSelectorTerms[0].matchExpressions[0].values`.
 */
import { FEATURES, featureEnabled, isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, integerOf, isAbsent, isObject, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import {
  labelSelectorProblemsWith,
  matchLabelKeysNamedTwice,
  SELECTOR_VALUES_CHECKED_SINCE,
} from '../../support/labels';
import {
  dns1123LabelProblems,
  dns1123SubdomainProblems,
  labelValueProblems,
  qualifiedNameProblems,
} from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

/** Required node affinity's matchExpressions values are label values from 1.32 (kubernetes#128212). */
const NODE_AFFINITY_VALUES_CHECKED_SINCE = 32;

const SET_OPERATORS = new Set(['In', 'NotIn']);
const EXISTENCE_OPERATORS = new Set(['Exists', 'DoesNotExist']);
const COMPARISON_OPERATORS = new Set(['Gt', 'Lt']);
const WEIGHT_MIN = 1;
const WEIGHT_MAX = 100;

const NODE_FIX =
  'Use In or NotIn with values, Exists or DoesNotExist without, Gt or Lt with one whole number; label keys like "node.kubernetes.io/instance-type"; matchFields only { key: metadata.name, operator: In, values: [<one node>] }.';
const WEIGHT_FIX = 'Give each preferred term a weight from 1 to 100 (higher wins).';

type Out = Violation[];

/** A preferred term's weight: 1 to 100, and a missing one is 0. Fractions and strings fail to decode instead. */
function weightProblem(term: Readonly<Record<string, unknown>>, path: string, out: Out): void {
  const weight = term.weight;
  const value = isAbsent(weight) ? 0 : integerOf(weight);
  if (value === undefined || (value >= WEIGHT_MIN && value <= WEIGHT_MAX)) return;
  out.push({
    field: child(path, 'weight'),
    message: `weight ${isAbsent(weight) ? 'is not set (0)' : value} "must be in the range 1-100".`,
    fix: WEIGHT_FIX,
  });
}

/** One matchExpressions entry of a node selector term (ValidateNodeSelectorRequirement). */
function nodeExpressionProblems(
  expression: Readonly<Record<string, unknown>>,
  path: string,
  checkValues: boolean,
  out: Out,
): void {
  const operator = stringOf(expression.operator) ?? '';
  const values = arrayOf(expression.values) ?? [];
  const valuesPath = child(path, 'values');
  if (SET_OPERATORS.has(operator)) {
    if (values.length === 0)
      out.push({
        field: valuesPath,
        message: `values "must be specified when \`operator\` is 'In' or 'NotIn'" (Required value).`,
        fix: NODE_FIX,
      });
  } else if (EXISTENCE_OPERATORS.has(operator)) {
    if (values.length > 0)
      out.push({
        field: valuesPath,
        message: `values "may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'".`,
        fix: NODE_FIX,
      });
  } else if (COMPARISON_OPERATORS.has(operator)) {
    if (values.length !== 1)
      out.push({
        field: valuesPath,
        message: `operator ${operator} takes exactly one value, not ${values.length} ("must be specified single value when \`operator\` is 'Lt' or 'Gt'").`,
        fix: NODE_FIX,
      });
  } else {
    out.push({
      field: child(path, 'operator'),
      message: `${describeValue(operator)} is "not a valid selector operator" (In, NotIn, Exists, DoesNotExist, Gt, Lt; the case matters).`,
      fix: NODE_FIX,
    });
  }
  const key = stringOf(expression.key) ?? '';
  for (const p of qualifiedNameProblems(key))
    out.push({
      field: child(path, 'key'),
      message: `key ${describeValue(key)} is not a valid label key: ${p}.`,
      fix: NODE_FIX,
    });
  if (!checkValues) return;
  values.forEach((value, j) => {
    if (typeof value !== 'string') return;
    for (const p of labelValueProblems(value))
      out.push({
        field: index(valuesPath, j),
        message: `${describeValue(value)} is not a valid label value: ${p}.`,
        fix: NODE_FIX,
      });
  });
}

/** One matchFields entry (ValidateNodeFieldSelectorRequirement): metadata.name, In or NotIn, one node name. */
function nodeFieldProblems(requirement: Readonly<Record<string, unknown>>, path: string, out: Out): void {
  const operator = stringOf(requirement.operator) ?? '';
  const values = arrayOf(requirement.values) ?? [];
  if (SET_OPERATORS.has(operator)) {
    if (values.length !== 1)
      out.push({
        field: child(path, 'values'),
        message: `matchFields takes exactly one value with ${operator}, not ${values.length} ("must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector").`,
        fix: NODE_FIX,
      });
  } else {
    out.push({
      field: child(path, 'operator'),
      message: `${describeValue(operator)} is "not a valid selector operator" for matchFields (only In and NotIn).`,
      fix: NODE_FIX,
    });
  }
  const key = stringOf(requirement.key) ?? '';
  if (key !== 'metadata.name') {
    out.push({
      field: child(path, 'key'),
      message: `${describeValue(key)} is "not a valid field selector key": matchFields can only select metadata.name.`,
      fix: NODE_FIX,
    });
    return;
  }
  values.forEach((value, j) => {
    if (typeof value !== 'string') return;
    for (const p of dns1123SubdomainProblems(value))
      out.push({
        field: index(child(path, 'values'), j),
        message: `${describeValue(value)} is not a valid node name: ${p}.`,
        fix: NODE_FIX,
      });
  });
}

function nodeSelectorTermProblems(term: unknown, path: string, checkValues: boolean, out: Out): void {
  if (!isObject(term)) return;
  (arrayOf(term.matchExpressions) ?? []).forEach((expression, j) => {
    if (isObject(expression))
      nodeExpressionProblems(expression, index(child(path, 'matchExpressions'), j), checkValues, out);
  });
  (arrayOf(term.matchFields) ?? []).forEach((requirement, j) => {
    if (isObject(requirement)) nodeFieldProblems(requirement, index(child(path, 'matchFields'), j), out);
  });
}

export const podNodeAffinityInvalid = apiServerRule({
  id: 'pod-node-affinity-invalid',
  kinds: BOTH_KINDS,
  summary:
    'Node affinity the API server refuses: required terms without nodeSelectorTerms, an unknown operator or values that do not fit it, an invalid label key (or, from 1.32, label value), matchFields other than one metadata.name, a preferred weight outside 1 to 100.',
  check(input) {
    const pod = podTemplate(input);
    const nodeAffinity = objectOf(objectOf(pod.spec.affinity)?.nodeAffinity);
    if (!nodeAffinity) return [];
    const out: Out = [];
    const path = child(child(pod.specPath, 'affinity'), 'nodeAffinity');
    const required = objectOf(nodeAffinity[REQUIRED]);
    if (required) {
      const termsPath = child(child(path, REQUIRED), 'nodeSelectorTerms');
      const terms = arrayOf(required.nodeSelectorTerms) ?? [];
      if (terms.length === 0)
        out.push({
          field: termsPath,
          message: `The required node affinity "must have at least one node selector term" (Required value).`,
          fix: 'Add a nodeSelectorTerms entry with matchExpressions, or remove requiredDuringSchedulingIgnoredDuringExecution.',
        });
      const checkValues = isAtLeast(input.version, NODE_AFFINITY_VALUES_CHECKED_SINCE);
      terms.forEach((term, i) => nodeSelectorTermProblems(term, index(termsPath, i), checkValues, out));
    }
    (arrayOf(nodeAffinity[PREFERRED]) ?? []).forEach((item, i) => {
      if (!isObject(item)) return;
      const termPath = index(child(path, PREFERRED), i);
      weightProblem(item, termPath, out);
      nodeSelectorTermProblems(item.preference, child(termPath, 'preference'), false, out);
    });
    return out;
  },
});

const POD_FIX =
  'Give each term a labelSelector (In or NotIn with values, Exists or DoesNotExist without), a topologyKey such as "kubernetes.io/hostname", namespaces that are DNS labels, and a weight from 1 to 100 for preferred terms.';

/** validateLabelKeys plus the two overlaps validateMatchLabelKeysAndMismatchLabelKeys refuses. */
function labelKeysProblems(term: Readonly<Record<string, unknown>>, path: string, out: Out): void {
  const match = arrayOf(term.matchLabelKeys) ?? [];
  const mismatch = arrayOf(term.mismatchLabelKeys) ?? [];
  if (match.length === 0 && mismatch.length === 0) return;
  const selector = objectOf(term.labelSelector);
  const fix =
    'Set a labelSelector beside matchLabelKeys or mismatchLabelKeys, name each label key once, and leave keys of matchLabelKeys out of the labelSelector.';
  for (const [field, keys] of [
    ['matchLabelKeys', match],
    ['mismatchLabelKeys', mismatch],
  ] as const) {
    if (keys.length === 0) continue;
    const keysPath = child(path, field);
    if (!selector) {
      out.push({ field: keysPath, message: `${field} "must not be specified when labelSelector is not set".`, fix });
      continue;
    }
    keys.forEach((key, i) => {
      if (typeof key !== 'string') return;
      for (const p of qualifiedNameProblems(key))
        out.push({ field: index(keysPath, i), message: `${describeValue(key)} is not a valid label key: ${p}.`, fix });
    });
  }
  if (selector && match.length > 0)
    for (const { key, index: i } of matchLabelKeysNamedTwice(selector, match))
      out.push({
        field: index(child(path, 'matchLabelKeys'), i),
        message: `${describeValue(key)} "exists in both matchLabelKeys and labelSelector".`,
        fix,
      });
  if (mismatch.length > 0)
    match.forEach((key, i) => {
      if (typeof key === 'string' && mismatch.includes(key))
        out.push({
          field: index(child(path, 'matchLabelKeys'), i),
          message: `${describeValue(key)} "exists in both matchLabelKeys and mismatchLabelKeys".`,
          fix,
        });
    });
}

/** validatePodAffinityTerm. */
function podAffinityTermProblems(
  term: Readonly<Record<string, unknown>>,
  path: string,
  checkValues: boolean,
  labelKeys: boolean,
  out: Out,
): void {
  for (const selectorField of ['labelSelector', 'namespaceSelector'] as const)
    for (const p of labelSelectorProblemsWith(term[selectorField], child(path, selectorField), checkValues))
      out.push({ field: p.field, message: `Invalid ${selectorField}: ${p.message}.`, fix: POD_FIX });
  (arrayOf(term.namespaces) ?? []).forEach((name, i) => {
    if (typeof name !== 'string') return;
    for (const p of dns1123LabelProblems(name))
      out.push({
        field: index(child(path, 'namespaces'), i),
        message: `${describeValue(name)} is not a valid namespace name: ${p}.`,
        fix: POD_FIX,
      });
  });
  if (labelKeys) labelKeysProblems(term, path, out);
  const topologyKey = stringOf(term.topologyKey) ?? '';
  const topologyPath = child(path, 'topologyKey');
  if (topologyKey === '')
    out.push({ field: topologyPath, message: 'topologyKey "can not be empty" (Required value).', fix: POD_FIX });
  else
    for (const p of qualifiedNameProblems(topologyKey))
      out.push({
        field: topologyPath,
        message: `topologyKey ${describeValue(topologyKey)} is not a valid label key: ${p}.`,
        fix: POD_FIX,
      });
}

export const podAffinityInvalid = apiServerRule({
  id: 'pod-affinity-invalid',
  kinds: BOTH_KINDS,
  summary:
    'Pod affinity or anti-affinity the API server refuses: an invalid labelSelector or namespaceSelector, a namespace that is not a DNS label, a missing or invalid topologyKey, a preferred weight outside 1 to 100, or (from 1.31) invalid matchLabelKeys or mismatchLabelKeys.',
  check(input) {
    const pod = podTemplate(input);
    const affinity = objectOf(pod.spec.affinity);
    if (!affinity || (isAbsent(affinity.podAffinity) && isAbsent(affinity.podAntiAffinity))) return [];
    const out: Out = [];
    const checkValues = isAtLeast(input.version, SELECTOR_VALUES_CHECKED_SINCE);
    // MatchLabelKeysInPodAffinity: before its gate is on by default the create strategy drops the fields.
    const labelKeys = featureEnabled(FEATURES.podAffinityMatchLabelKeys, input.version);
    for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
      const spec = objectOf(affinity[kind]);
      if (!spec) continue;
      const path = child(child(pod.specPath, 'affinity'), kind);
      (arrayOf(spec[REQUIRED]) ?? []).forEach((term, i) => {
        if (isObject(term)) podAffinityTermProblems(term, index(child(path, REQUIRED), i), checkValues, labelKeys, out);
      });
      (arrayOf(spec[PREFERRED]) ?? []).forEach((item, i) => {
        if (!isObject(item)) return;
        const itemPath = index(child(path, PREFERRED), i);
        weightProblem(item, itemPath, out);
        const term = objectOf(item.podAffinityTerm) ?? {};
        podAffinityTermProblems(term, child(itemPath, 'podAffinityTerm'), checkValues, labelKeys, out);
      });
    }
    return out;
  },
});

export const AFFINITY_RULES = [podNodeAffinityInvalid, podAffinityInvalid];
