/**
 * Topology spread constraints as validateTopologySpreadConstraints checks them: maxSkew above 0, a
 * topologyKey (only required: upstream does not check its syntax), whenUnsatisfiable DoNotSchedule
 * or ScheduleAnyway, no two constraints with the same {topologyKey, whenUnsatisfiable} (reported at
 * the first of them), minDomains above 0 and only with DoNotSchedule, nodeAffinityPolicy and
 * nodeTaintsPolicy Honor or Ignore, matchLabelKeys only beside a labelSelector, each a label key the
 * selector does not already name (from 1.34 only a key named twice by matchExpressions, see
 * SPREAD_SELECTOR_MERGE_SINCE), and (from 1.27, kubernetes#111802) a valid labelSelector.
 *
 * minDomains, matchLabelKeys and the two node inclusion policies are gated: while the gate is off by
 * default the create strategy drops them, field-unavailable-in-version reports them, and their values
 * are not checked here.
 */
import { FeatureAvailability, FEATURES, featureEnabled, isAtLeast } from '../../kubernetes-version';
import { Violation } from '../../rule';
import { arrayOf, describeValue, integerOf, isAbsent, objectOf, stringOf } from '../../support/access';
import { child, index } from '../../support/field-path';
import { labelSelectorProblems, matchLabelKeysNamedTwice, selectorKeys } from '../../support/labels';
import { qualifiedNameProblems } from '../../support/names';
import { podTemplate } from '../../support/pod-template';
import { apiServerRule, BOTH_KINDS } from '../api-server-rule';

/** The gated fields of each topology spread constraint, for field-unavailable-in-version. */
export const TOPOLOGY_SPREAD_FEATURES: readonly FeatureAvailability[] = [
  FEATURES.topologySpreadMinDomains,
  FEATURES.nodeAffinityPolicy,
  FEATURES.nodeTaintsPolicy,
  FEATURES.topologySpreadMatchLabelKeys,
];

/** Validation of the constraint's labelSelector arrived with kubernetes#111802 (1.27). */
export const TOPOLOGY_LABEL_SELECTOR_CHECKED_SINCE = 27;

const WHEN_UNSATISFIABLE = new Set(['DoNotSchedule', 'ScheduleAnyway']);
const NODE_INCLUSION_POLICIES = new Set(['Honor', 'Ignore']);
const NODE_POLICY_FIELDS = [
  ['nodeAffinityPolicy', FEATURES.nodeAffinityPolicy],
  ['nodeTaintsPolicy', FEATURES.nodeTaintsPolicy],
] as const;

const FIX =
  'Write each constraint as { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: DoNotSchedule or ScheduleAnyway, labelSelector: { matchLabels: { app: ... } } }.';

/**
 * MatchLabelKeysInPodTopologySpreadSelectorMerge (beta, on by default from 1.34): the API server
 * merges matchLabelKeys into each pod's labelSelector on create, and a template is validated as pod
 * affinity terms are: only a key that a matchExpressions entry names a second time is refused.
 * Before, any key the labelSelector names is.
 */
export const SPREAD_SELECTOR_MERGE_SINCE = 34;

/** The matchLabelKeys entries a selector already names (the check before 1.34). */
function keysNamedBy(named: ReadonlySet<string>, matchLabelKeys: readonly unknown[]): { key: string; index: number }[] {
  return matchLabelKeys.flatMap((key, index) => (typeof key === 'string' && named.has(key) ? [{ key, index }] : []));
}

export const podTopologySpreadInvalid = apiServerRule({
  id: 'pod-topology-spread-invalid',
  kinds: BOTH_KINDS,
  summary:
    'A topology spread constraint with maxSkew below 1, no topologyKey, a whenUnsatisfiable other than DoNotSchedule or ScheduleAnyway, the same topologyKey and whenUnsatisfiable as a later one, a bad minDomains, nodeAffinityPolicy or nodeTaintsPolicy, matchLabelKeys without labelSelector or repeating its keys, or an invalid labelSelector (1.27+).',
  check(input) {
    const pod = podTemplate(input);
    const constraints = arrayOf(pod.spec.topologySpreadConstraints);
    if (constraints === undefined || constraints.length === 0) return [];
    const { version } = input;
    const minDomainsOn = featureEnabled(FEATURES.topologySpreadMinDomains, version);
    const matchLabelKeysOn = featureEnabled(FEATURES.topologySpreadMatchLabelKeys, version);
    const nodePoliciesOn = featureEnabled(FEATURES.nodeAffinityPolicy, version);
    const selectorChecked = isAtLeast(version, TOPOLOGY_LABEL_SELECTOR_CHECKED_SINCE);
    const selectorMerge = isAtLeast(version, SPREAD_SELECTOR_MERGE_SINCE);
    const listPath = child(pod.specPath, 'topologySpreadConstraints');
    let out: Violation[] | undefined;
    const problem = (field: string, message: string, fix = FIX) => (out ??= []).push({ field, message, fix });

    for (let i = 0; i < constraints.length; i++) {
      const constraint = objectOf(constraints[i]);
      if (!constraint) continue;
      const at = index(listPath, i);
      const maxSkew = constraint.maxSkew;
      const skew = integerOf(maxSkew);
      if (isAbsent(maxSkew) || (skew !== undefined && skew <= 0))
        problem(
          child(at, 'maxSkew'),
          `maxSkew is ${skew ?? 0}; it "must be greater than zero" (1 spreads the pods as evenly as possible).`,
        );
      const topologyKey = constraint.topologyKey;
      if (isAbsent(topologyKey) || topologyKey === '')
        problem(child(at, 'topologyKey'), 'The constraint has no topologyKey ("Required value: can not be empty").');
      const action = constraint.whenUnsatisfiable;
      if (isAbsent(action) || (typeof action === 'string' && !WHEN_UNSATISFIABLE.has(action)))
        problem(
          child(at, 'whenUnsatisfiable'),
          `whenUnsatisfiable ${describeValue(action ?? '')} is not supported (supported values: "DoNotSchedule", "ScheduleAnyway").`,
        );
      const key = stringOf(topologyKey) ?? '';
      const when = stringOf(action) ?? '';
      for (let j = i + 1; j < constraints.length; j++) {
        const later = objectOf(constraints[j]);
        if (
          later &&
          (stringOf(later.topologyKey) ?? '') === key &&
          (stringOf(later.whenUnsatisfiable) ?? '') === when
        ) {
          problem(
            child(at, '{topologyKey, whenUnsatisfiable}'),
            `Constraints ${i} and ${j} both spread over ${describeValue(key)} with ${describeValue(when)} (Duplicate value: "{${key}, ${when}}"); each {topologyKey, whenUnsatisfiable} pair may appear once.`,
            'Merge the two constraints into one, or change the topologyKey or whenUnsatisfiable of one of them.',
          );
          break;
        }
      }
      if (minDomainsOn && !isAbsent(constraint.minDomains)) {
        const minDomains = integerOf(constraint.minDomains);
        if (minDomains !== undefined && minDomains <= 0)
          problem(child(at, 'minDomains'), `minDomains is ${minDomains}; it "must be greater than zero".`);
        if (when !== 'DoNotSchedule')
          problem(
            child(at, 'minDomains'),
            `minDomains is set, but whenUnsatisfiable is ${describeValue(when)}: the API server "can only use minDomains if whenUnsatisfiable=DoNotSchedule".`,
            'Set whenUnsatisfiable: DoNotSchedule beside minDomains, or remove minDomains.',
          );
      }
      if (nodePoliciesOn)
        for (const [field] of NODE_POLICY_FIELDS) {
          const policy = constraint[field];
          if (typeof policy === 'string' && !NODE_INCLUSION_POLICIES.has(policy))
            problem(
              child(at, field),
              `${field} ${describeValue(policy)} is not supported (supported values: "Honor", "Ignore").`,
              `Set ${field} to Honor or Ignore, or leave it out for the default.`,
            );
        }
      const selector = objectOf(constraint.labelSelector);
      const matchLabelKeys = matchLabelKeysOn ? arrayOf(constraint.matchLabelKeys) : undefined;
      if (matchLabelKeys !== undefined && matchLabelKeys.length > 0) {
        const keysPath = child(at, 'matchLabelKeys');
        if (!selector)
          problem(
            keysPath,
            'matchLabelKeys "must not be specified when labelSelector is not set" (Forbidden).',
            'Add a labelSelector that selects the pods to spread (e.g. matchLabels: { app: ... }), or remove matchLabelKeys.',
          );
        for (let j = 0; j < matchLabelKeys.length; j++) {
          const labelKey = matchLabelKeys[j];
          if (typeof labelKey !== 'string') continue;
          for (const p of qualifiedNameProblems(labelKey))
            problem(
              index(keysPath, j),
              `matchLabelKeys entry ${describeValue(labelKey)} is not a valid label key: ${p}.`,
            );
        }
        const repeated = !selector
          ? []
          : selectorMerge
            ? matchLabelKeysNamedTwice(selector, matchLabelKeys)
            : keysNamedBy(selectorKeys(selector), matchLabelKeys);
        for (const { key: labelKey, index: j } of repeated)
          problem(
            index(keysPath, j),
            `${describeValue(labelKey)} "exists in both matchLabelKeys and labelSelector".`,
            'Name each label key once: in matchLabelKeys (its value is taken from the new pod) or in labelSelector.',
          );
      }
      if (selectorChecked && selector)
        for (const p of labelSelectorProblems(selector, child(at, 'labelSelector')))
          problem(p.field, `The constraint's labelSelector is invalid: ${p.message}.`);
    }
    return out ?? [];
  },
});

export const TOPOLOGY_SPREAD_RULES = [podTopologySpreadInvalid];
