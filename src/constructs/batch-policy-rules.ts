/**
 * The rules of a BatchPolicy: a release the library knows, and levels only for rules that exist
 * and can be lowered.
 */
import { ConstructRule } from '../rules/construct-rule';
import {
  DEFAULT_KUBERNETES_VERSION,
  parseKubernetesVersion,
  SUPPORTED_VERSIONS_TEXT,
} from '../rules/kubernetes-version';
import { PolicyEntryProblem, policyEntryProblems } from '../rules/registry';
import { Rule, RuleOrigin } from '../rules/rule';

/** What the policy rules judge: the props as given, and every rule a level may name. */
export interface PolicyPlan {
  readonly kubernetesVersion?: string;
  readonly levels: { readonly [ruleId: string]: unknown };
  readonly knownRules: readonly Pick<Rule, 'id' | 'origin' | 'group'>[];
}

const POLICY = ['BatchPolicy'];

export const BATCH_POLICY_RULES: readonly ConstructRule<PolicyPlan>[] = [
  {
    id: 'policy-kubernetes-version-unsupported',
    origin: RuleOrigin.CONSTRUCT,
    constructs: POLICY,
    summary: 'A kubernetesVersion the library has no rules for.',
    check: ({ kubernetesVersion: version }) =>
      version === undefined || parseKubernetesVersion(version)
        ? []
        : [
            {
              field: 'kubernetesVersion',
              message: `"${version}" is not a supported Kubernetes release.`,
              fix: `use ${SUPPORTED_VERSIONS_TEXT}, e.g. "${DEFAULT_KUBERNETES_VERSION}".`,
            },
          ],
  },
  {
    id: 'policy-rule-level-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: POLICY,
    summary: 'A rule level for an unknown rule id, or one lowering a rule that is always an error.',
    check: ({ levels, knownRules }) =>
      policyEntryProblems(levels, knownRules).map(({ id, problem }) =>
        problem === PolicyEntryProblem.UNKNOWN_RULE
          ? {
              field: `rules[${id}]`,
              message: `"${id}" is not a cdk8s-batch rule id.`,
              fix: 'use an id from the rule table in the README.',
            }
          : {
              field: `rules[${id}]`,
              message: `"${id}" ${
                knownRules.find((r) => r.id === id)?.origin === RuleOrigin.API_SERVER
                  ? 'is enforced by the API server'
                  : 'reports what cannot work'
              } and is always an error.`,
              fix: 'remove it from the policy and fix the objects instead.',
            },
      ),
  },
];
