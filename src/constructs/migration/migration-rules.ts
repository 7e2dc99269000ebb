/**
 * The rules of a MigrationJob's props that no manifest rule sees: hook settings without a hook,
 * several pods racing one migration, and a TTL that deletes the Job before the hook tool saw it end.
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';
import { ARGO_CD_HOOK, HELM_HOOK, MigrationHookStyle } from './hooks';

/** The shortest TTL a hook Job may have: the hook tool must see it finish before it is deleted (argo-cd#18884). */
export const MIN_HOOK_TTL_SECONDS = 600;

/** What the migration rules judge: the props as given, and the TTL after defaults. */
export interface MigrationPlan {
  /** Whether a hook style (Argo CD, Helm) is set. */
  readonly hooked: boolean;
  readonly hookStyle: MigrationHookStyle;
  /** The annotations of the emitted Job (after every escape hatch). */
  readonly annotations?: { readonly [key: string]: unknown };
  readonly hookDeletePolicies?: readonly string[];
  readonly hookOrder?: number;
  readonly completions?: number;
  readonly parallelism?: number;
  readonly ttlSeconds?: number;
}

const MIGRATION = ['MigrationJob'];

/** The hook annotation and the phases in it that run the migration before the release, per style. */
const PRE_RELEASE_PHASES: { readonly [style in MigrationHookStyle]?: { key: string; phases: readonly string[] } } = {
  [MigrationHookStyle.ARGO_CD]: { key: ARGO_CD_HOOK, phases: ['PreSync'] },
  [MigrationHookStyle.HELM]: { key: HELM_HOOK, phases: ['pre-install', 'pre-upgrade'] },
};

/**
 * The emitted Job's hook annotations against the hook style: a hooked migration must still be a
 * pre-release hook of its tool (a later `addAnnotation` or a patch may have changed or removed it),
 * and a plain one must not have become a hook.
 */
function hookAnnotationViolations({ hookStyle, annotations = {} }: MigrationPlan): Violation[] {
  const expected = PRE_RELEASE_PHASES[hookStyle];
  if (expected === undefined) {
    return [ARGO_CD_HOOK, HELM_HOOK]
      .filter((key) => annotations[key] !== undefined)
      .map((key) => ({
        field: `metadata.annotations[${key}]`,
        message: `hookStyle is NONE, but the emitted Job carries ${key}, so the tool runs it as a hook the construct did not set up (its name is content-hashed, not stable).`,
        fix: `set hookStyle to ${key === ARGO_CD_HOOK ? 'ARGO_CD' : 'HELM'} instead of adding the annotation, or remove it.`,
      }));
  }
  const value = annotations[expected.key];
  const phases = typeof value === 'string' ? value.split(',').map((phase) => phase.trim()) : [];
  const missing = expected.phases.filter((phase) => !phases.includes(phase));
  if (missing.length === 0) return [];
  return [
    {
      field: `metadata.annotations[${expected.key}]`,
      message: `the emitted Job's ${expected.key} is ${value === undefined ? 'missing' : JSON.stringify(value)}, without ${missing.join(' and ')}: the migration would no longer run before the release, while the old version still serves.`,
      fix: `keep ${expected.key} as the construct sets it (${expected.phases.join(',')}); order hooks with hookOrder, or remove the annotation or patch that changed it.`,
    },
  ];
}

export const MIGRATION_RULES: readonly ConstructRule<MigrationPlan>[] = [
  {
    id: 'migration-hook-annotations-changed',
    origin: RuleOrigin.CONSTRUCT,
    constructs: MIGRATION,
    summary:
      "The emitted Job's hook annotation no longer makes it a pre-release hook of its hook style (PreSync; pre-install,pre-upgrade), or a hook annotation was added with hookStyle NONE.",
    check: hookAnnotationViolations,
  },
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
