/**
 * A matchLabelKeys key that the term's own labelSelector names too, on a label the Job's pods carry.
 * A pod template with it is accepted: for pod affinity terms (from 1.31) and topology spread
 * constraints (from 1.34, SPREAD_SELECTOR_MERGE_SINCE) the API server only refuses a key that
 * matchExpressions names twice. But when it creates each pod, it merges every matchLabelKeys key the
 * pod has a label for into the selector, as a `key In (value)` expression after the written ones,
 * and then validates the pod: the key is now named twice, and every pod the Job creates is refused
 * ("exists in both matchLabelKeys and labelSelector"). Keys the pods do not carry are not merged.
 */
import { FEATURES, featureEnabled, isAtLeast } from '../kubernetes-version';
import { BOTH_KINDS } from '../api-server/api-server-rule';
import { SPREAD_SELECTOR_MERGE_SINCE } from '../api-server/pod/topology-spread';
import { podLabelKeys } from '../api-server/selector';
import { Violation } from '../rule';
import { arrayOf, describeValue, objectOf } from '../support/access';
import { child, index } from '../support/field-path';
import { matchLabelKeysNamedTwice, selectorKeys } from '../support/labels';
import { podAffinityTerms, podTemplate } from '../support/pod-template';
import { neverWorksRule } from './never-works-rule';

/** The findings for one term or constraint at `path` (its matchLabelKeys and labelSelector). */
function mergedKeyViolations(
  term: Readonly<Record<string, unknown>>,
  path: string,
  podLabels: ReadonlySet<string>,
  out: Violation[],
): void {
  const keys = arrayOf(term.matchLabelKeys);
  const selector = objectOf(term.labelSelector);
  if (!keys || keys.length === 0 || !selector) return;
  const named = selectorKeys(selector);
  // What the template's own validation refuses is pod-affinity-invalid's or pod-topology-spread-invalid's.
  const refused = new Set(matchLabelKeysNamedTwice(selector, keys).map((r) => r.index));
  keys.forEach((key, j) => {
    if (typeof key !== 'string' || !named.has(key) || !podLabels.has(key) || refused.has(j)) return;
    out.push({
      field: index(child(path, 'matchLabelKeys'), j),
      message: `matchLabelKeys names ${describeValue(key)}, which the labelSelector names too. The API server merges the pod's ${describeValue(key)} label into the selector as it creates each pod, and then refuses the pod: the key "exists in both matchLabelKeys and labelSelector". No pod of the Job is ever created.`,
      fix: `Name ${describeValue(key)} once: drop it from matchLabelKeys (the labelSelector already fixes it), or from the labelSelector (matchLabelKeys then takes each pod's own value).`,
    });
  });
}

export const podMatchLabelKeysMergeConflict = neverWorksRule({
  id: 'pod-match-label-keys-merge-conflict',
  kinds: BOTH_KINDS,
  summary:
    'A matchLabelKeys key of a pod affinity term (1.31+) or topology spread constraint (1.34+) that the labelSelector also names, on a label the pods carry: every pod is refused when it is created.',
  check(input) {
    const affinityMerged = featureEnabled(FEATURES.podAffinityMatchLabelKeys, input.version);
    const spreadMerged =
      featureEnabled(FEATURES.topologySpreadMatchLabelKeys, input.version) &&
      isAtLeast(input.version, SPREAD_SELECTOR_MERGE_SINCE);
    if (!affinityMerged && !spreadMerged) return [];
    const pod = podTemplate(input);
    const out: Violation[] = [];
    let podLabels: ReadonlySet<string> | undefined;
    const labels = () => (podLabels ??= podLabelKeys(input));
    if (affinityMerged)
      for (const { term, path } of podAffinityTerms(pod.spec, pod.specPath))
        if (term.matchLabelKeys !== undefined) mergedKeyViolations(term, path, labels(), out);
    if (spreadMerged)
      (arrayOf(pod.spec.topologySpreadConstraints) ?? []).forEach((item, i) => {
        const constraint = objectOf(item);
        if (constraint?.matchLabelKeys !== undefined)
          mergedKeyViolations(constraint, index(child(pod.specPath, 'topologySpreadConstraints'), i), labels(), out);
      });
    return out;
  },
});

export const MATCH_LABEL_KEYS_NEVER_WORKS_RULES = [podMatchLabelKeysMergeConflict];
