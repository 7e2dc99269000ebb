/**
 * The rules of a WorkloadAccess: a grant that gives something, to the workload's own
 * ServiceAccount, in a namespace the binding can name.
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';

/** What the access rules judge. */
export interface AccessPlan {
  /** The verbs and resources of each rule, counted. */
  readonly rules: readonly { readonly verbs: number; readonly resources: number }[];
  /** Whether the grant is cluster-wide (AccessScope.CLUSTER). */
  readonly cluster: boolean;
  /** The namespace prop, when given. */
  readonly namespace?: string;
  /** The workload's own namespace (metadata.namespace), when set. */
  readonly workloadNamespace?: string;
  /** Whether the workload has a ServiceAccount (else it runs as the namespace's default). */
  readonly hasServiceAccount: boolean;
}

const ACCESS = ['WorkloadAccess'];

export const WORKLOAD_ACCESS_RULES: readonly ConstructRule<AccessPlan>[] = [
  {
    id: 'workload-access-grants-nothing',
    origin: RuleOrigin.CONSTRUCT,
    constructs: ACCESS,
    summary: 'A WorkloadAccess without rules, or a rule without verbs or resources.',
    check: ({ rules }) => {
      const violations: Violation[] = [];
      if (rules.length === 0)
        violations.push({
          field: 'rules',
          message: 'no permissions are granted, so the Role would be empty.',
          fix: 'add rules, or remove the WorkloadAccess.',
        });
      rules.forEach((rule, i) => {
        if (rule.verbs === 0)
          violations.push({
            field: `rules[${i}].verbs`,
            message: 'the rule allows no verb.',
            fix: 'list the verbs it needs, e.g. ApiVerb.LIST.',
          });
        if (rule.resources === 0)
          violations.push({
            field: `rules[${i}].resources`,
            message: 'the rule names no resource.',
            fix: 'list the resources, e.g. ApiResource.JOBS.',
          });
      });
      return violations;
    },
  },
  {
    id: 'workload-access-default-service-account',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: ACCESS,
    summary:
      "Permissions granted to the namespace's default ServiceAccount, which every pod without its own account uses.",
    check: ({ hasServiceAccount }) =>
      hasServiceAccount
        ? []
        : [
            {
              field: 'serviceAccount',
              message:
                "the workload runs as the namespace's default ServiceAccount, so every pod on it would get these permissions.",
              fix: 'give the workload a ServiceAccount of its own.',
            },
          ],
  },
  {
    id: 'workload-access-subject-namespace-unknown',
    origin: RuleOrigin.CONSTRUCT,
    constructs: ACCESS,
    summary:
      "A ClusterRoleBinding, or a RoleBinding in another namespace, for a workload without metadata.namespace: the binding cannot name the ServiceAccount's namespace.",
    check: ({ cluster, namespace, workloadNamespace }) => {
      if (workloadNamespace !== undefined || (!cluster && namespace === undefined)) return [];
      return [
        {
          field: 'namespace',
          message: cluster
            ? "a ClusterRoleBinding must name the ServiceAccount's namespace, and the workload has none."
            : `the RoleBinding in "${namespace}" must name the ServiceAccount's namespace, and the workload has none.`,
          fix: 'set metadata.namespace on the workload.',
        },
      ];
    },
  },
  {
    id: 'workload-access-namespace-ignored',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: ACCESS,
    summary: 'A namespace given for a cluster-wide grant, which applies in every namespace.',
    check: ({ cluster, namespace }) =>
      cluster && namespace !== undefined
        ? [
            {
              field: 'namespace',
              message: 'a cluster-wide grant applies in every namespace.',
              fix: 'drop namespace, or use AccessScope.NAMESPACE.',
            },
          ]
        : [],
  },
];
