/**
 * The rules of a MigrationJob's props that no manifest rule sees: hook settings without a hook,
 * several pods racing one migration, and a TTL that deletes the Job before the hook tool saw it end.
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin } from '../../rules/rule';

/** The shortest TTL a hook Job may have: the hook tool must see it finish before it is deleted (argo-cd#18884). */
export const MIN_HOOK_TTL_SECONDS = 600;

/** What the migration rules judge: the props as given, and the TTL after defaults. */
export interface MigrationPlan {
  /** Whether a hook style (Argo CD, Helm) is set. */
  readonly hooked: boolean;
  readonly hookDeletePolicies?: readonly string[];
  readonly hookOrder?: number;
  readonly completions?: number;
  readonly parallelism?: number;
  readonly ttlSeconds?: number;
}

const MIGRATION = ['MigrationJob'];

export const MIGRATION_RULES: readonly ConstructRule<MigrationPlan>[] = [
  {
    id: 'migration-hook-setting-without-hook',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: MIGRATION,
    summary: 'hookDeletePolicies or hookOrder given without a hook style, so nothing reads them.',
    check: (plan) =>
      plan.hooked
        ? []
        : (['hookDeletePolicies', 'hookOrder'] as const)
            .filter((prop) => plan[prop] !== undefined)
            .map((prop) => ({
              field: prop,
              message: `without a hook style there is no hook to ${prop === 'hookOrder' ? 'order' : 'delete'}.`,
              fix: `set hookStyle to ARGO_CD or HELM, or drop ${prop}.`,
            })),
  },
  {
    id: 'migration-hook-delete-policies-empty',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: MIGRATION,
    summary: 'An empty hookDeletePolicies list, which leaves the choice to the hook tool.',
    check: ({ hooked, hookDeletePolicies }) =>
      hooked && hookDeletePolicies?.length === 0
        ? [
            {
              field: 'hookDeletePolicies',
              message: 'an empty list leaves the choice to the tool.',
              fix: 'use e.g. [HookDeletePolicy.BEFORE_HOOK_CREATION], or leave it unset.',
            },
          ]
        : [],
  },
  {
    id: 'migration-hook-order-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: MIGRATION,
    summary: 'A hookOrder that is not a whole number (Argo CD sync waves and Helm hook weights are integers).',
    check: ({ hookOrder }) =>
      hookOrder === undefined || Number.isInteger(hookOrder)
        ? []
        : [
            {
              field: 'hookOrder',
              message: `${hookOrder} is not a whole number.`,
              fix: 'use an integer such as -1 or 5.',
            },
          ],
  },
  {
    id: 'migration-parallel-pods',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: MIGRATION,
    summary: 'A migration with completions or parallelism above 1, whose pods would race each other.',
    check: (plan) =>
      (['completions', 'parallelism'] as const)
        .filter((field) => (plan[field] ?? 1) > 1)
        .map((field) => ({
          field: `spec.${field}`,
          message: `${plan[field]} pods would run the migration at the same time and race each other.`,
          fix: `leave ${field} unset (one pod).`,
        })),
  },
  {
    id: 'migration-hook-ttl-too-short',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: MIGRATION,
    summary: `A hooked migration whose ttlSecondsAfterFinished is under ${MIN_HOOK_TTL_SECONDS} s, so the Job can vanish before the hook tool sees it finish.`,
    check: ({ hooked, ttlSeconds }) =>
      hooked && ttlSeconds !== undefined && ttlSeconds < MIN_HOOK_TTL_SECONDS
        ? [
            {
              field: 'spec.ttlSecondsAfterFinished',
              message: `${ttlSeconds} s can delete the Job before the hook tool has seen it finish (Argo CD then waits for it forever, argo-cd#18884).`,
              fix: 'use at least Duration.minutes(10), or leave it unset (3 days); the hook delete policy cleans up.',
            },
          ]
        : [],
  },
];
