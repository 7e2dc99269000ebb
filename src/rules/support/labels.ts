/**
 * Label maps and label selectors as the API server checks and evaluates them
 * (ValidateLabels, ValidateLabelSelector, LabelSelectorAsSelector in apimachinery).
 */
import { arrayOf, describeValue, isObject, objectOf, stringOf } from './access';
import { child, index } from './field-path';
import { labelValueProblems, qualifiedNameProblems } from './names';

/** One problem at one path. */
export interface PathProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * Problems with a label map. Like the API server, every problem is reported at the map's own
 * path (e.g. `metadata.labels`), naming the key in the message. Values that are not strings are
 * left to the `field-wrong-type` rule.
 */
export function labelMapProblems(labels: unknown, path: string): PathProblem[] {
  if (!isObject(labels)) return [];
  const problems: PathProblem[] = [];
  for (const labelKey of Object.keys(labels)) {
    for (const p of labelKeyProblems(labelKey)) {
      problems.push({ field: path, message: `label key ${describeValue(labelKey)}: ${p}` });
    }
    const value = labels[labelKey];
    if (typeof value !== 'string') continue;
    for (const p of labelValueProblems(value)) {
      problems.push({
        field: path,
        message: `label ${describeValue(labelKey)} has the value ${describeValue(value)}: ${p}`,
      });
    }
  }
  return problems;
}

/** Problems per label key: a fleet repeats a few keys (app, cdk8s.io/metadata.addr) on every object. */
const keyProblems = new Map<string, readonly string[]>();
const KEY_MEMO_LIMIT = 4096;

function labelKeyProblems(labelKey: string): readonly string[] {
  let problems = keyProblems.get(labelKey);
  if (problems === undefined) {
    if (keyProblems.size >= KEY_MEMO_LIMIT) keyProblems.clear();
    problems = qualifiedNameProblems(labelKey);
    keyProblems.set(labelKey, problems);
  }
  return problems;
}

const SET_OPERATORS = new Set(['In', 'NotIn']);
const EXISTENCE_OPERATORS = new Set(['Exists', 'DoesNotExist']);

/** ValidateLabelSelector checks matchExpressions values from 1.26 (kubernetes#113699); before, only their keys and operators. */
export const SELECTOR_VALUES_CHECKED_SINCE = 26;

/** ValidateLabelSelector: matchLabels as labels, and each matchExpressions entry's operator, key and values. */
export function labelSelectorProblems(selector: unknown, path: string): PathProblem[] {
  return labelSelectorProblemsWith(selector, path, true);
}

/**
 * ValidateLabelSelector with its option: `checkValues` false is AllowInvalidLabelValueInSelector,
 * what releases before 1.26 did for every selector (matchExpressions values were not checked).
 */
export function labelSelectorProblemsWith(selector: unknown, path: string, checkValues: boolean): PathProblem[] {
  if (!isObject(selector)) return [];
  const problems = labelMapProblems(selector.matchLabels, child(path, 'matchLabels'));
  const expressions = arrayOf(selector.matchExpressions) ?? [];
  const expressionsPath = child(path, 'matchExpressions');
  for (let i = 0; i < expressions.length; i++) {
    const expression = objectOf(expressions[i]) ?? {};
    const at = index(expressionsPath, i);
    const operator = stringOf(expression.operator) ?? '';
    const values = arrayOf(expression.values) ?? [];
    if (SET_OPERATORS.has(operator)) {
      if (values.length === 0)
        problems.push({
          field: child(at, 'values'),
          message: "values must be specified when `operator` is 'In' or 'NotIn'",
        });
    } else if (EXISTENCE_OPERATORS.has(operator)) {
      if (values.length > 0)
        problems.push({
          field: child(at, 'values'),
          message: "values may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        });
    } else {
      problems.push({
        field: child(at, 'operator'),
        message: `${describeValue(operator)} is not a valid selector operator (In, NotIn, Exists, DoesNotExist)`,
      });
    }
    const key = stringOf(expression.key) ?? '';
    for (const p of qualifiedNameProblems(key))
      problems.push({ field: child(at, 'key'), message: `key ${describeValue(key)}: ${p}` });
    for (let j = 0; checkValues && j < values.length; j++) {
      const value = values[j];
      if (typeof value !== 'string') continue;
      for (const p of labelValueProblems(value))
        problems.push({ field: index(child(at, 'values'), j), message: `${describeValue(value)}: ${p}` });
    }
  }
  return problems;
}

/**
 * Whether a well-formed selector (no labelSelectorProblems) selects a label set, with the
 * semantics of LabelSelectorAsSelector: an absent selector selects nothing, an empty one
 * everything. `labels` maps keys to values; a value no selector can name (see UNKNOWN_LABEL_VALUE)
 * stands for one the server assigns later, such as the Job's UID.
 */
export function selectorMatches(selector: unknown, labels: ReadonlyMap<string, string>): boolean {
  if (!isObject(selector)) return false;
  const matchLabels = objectOf(selector.matchLabels) ?? {};
  for (const labelKey of Object.keys(matchLabels)) {
    if (labels.get(labelKey) !== matchLabels[labelKey]) return false;
  }
  for (const raw of arrayOf(selector.matchExpressions) ?? []) {
    const expression = objectOf(raw) ?? {};
    const key = stringOf(expression.key) ?? '';
    const values = arrayOf(expression.values) ?? [];
    const actual = labels.get(key);
    switch (expression.operator) {
      case 'In':
        if (actual === undefined || !values.includes(actual)) return false;
        break;
      case 'NotIn':
        if (actual !== undefined && values.includes(actual)) return false;
        break;
      case 'Exists':
        if (actual === undefined) return false;
        break;
      case 'DoesNotExist':
        if (actual !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A label value no valid selector can name: stands for a value the server assigns, like a UID. */
export const UNKNOWN_LABEL_VALUE = '\u0000assigned-by-the-api-server';

/** The string entries of a label map (other values cannot be decoded, so they never match). */
export function labelEntries(labels: unknown): Map<string, string> {
  const entries = new Map<string, string>();
  if (!isObject(labels)) return entries;
  for (const labelKey of Object.keys(labels)) {
    const value = labels[labelKey];
    if (typeof value === 'string') entries.set(labelKey, value);
  }
  return entries;
}

/** The label keys a selector names, in matchLabels and matchExpressions. */
export function selectorKeys(selector: Readonly<Record<string, unknown>>): Set<string> {
  const keys = new Set(Object.keys(objectOf(selector.matchLabels) ?? {}));
  for (const expression of arrayOf(selector.matchExpressions) ?? []) {
    const key = stringOf(objectOf(expression)?.key);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/**
 * The matchLabelKeys entries validateMatchLabelKeysAndMismatchLabelKeys refuses as existing "in both
 * matchLabelKeys and labelSelector": a key that a matchExpressions entry names after matchLabels or
 * an earlier expression already did (the form pod affinity uses, and topology spread from 1.34).
 * Each is the key and the index of its last entry in `matchLabelKeys` (upstream maps key to index).
 */
export function matchLabelKeysNamedTwice(
  selector: Readonly<Record<string, unknown>>,
  matchLabelKeys: readonly unknown[],
): { readonly key: string; readonly index: number }[] {
  const found: { key: string; index: number }[] = [];
  const seen = new Set(Object.keys(objectOf(selector.matchLabels) ?? {}));
  for (const expression of arrayOf(selector.matchExpressions) ?? []) {
    const key = stringOf(objectOf(expression)?.key);
    if (key === undefined) continue;
    const i = matchLabelKeys.lastIndexOf(key);
    if (i >= 0 && seen.has(key)) found.push({ key, index: i });
    seen.add(key);
  }
  return found;
}
