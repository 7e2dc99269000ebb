/**
 * The GitOps hook annotations of a MigrationJob: Argo CD resource hooks or Helm chart hooks, so
 * the migration runs before the new version of the application is rolled out. Pure.
 */

/** Which deployment tool runs the migration as a hook. */
export enum MigrationHookStyle {
  /** Argo CD: `argocd.argoproj.io/hook: PreSync`, ordered by `argocd.argoproj.io/sync-wave`. */
  ARGO_CD = 'ArgoCD',
  /** Helm: `helm.sh/hook: pre-install,pre-upgrade`, ordered by `helm.sh/hook-weight`. */
  HELM = 'Helm',
  /** No hook: a plain Job, applied like any other object (`kubectl apply`, a pipeline). */
  NONE = 'None',
}

/** When the deployment tool deletes the hook's Job. */
export enum HookDeletePolicy {
  /** Delete the previous run's Job when the next sync or upgrade creates the hook again. */
  BEFORE_HOOK_CREATION = 'BeforeHookCreation',
  /** Delete the Job once it succeeded. */
  HOOK_SUCCEEDED = 'HookSucceeded',
  /** Delete the Job once it failed (its logs go with it). */
  HOOK_FAILED = 'HookFailed',
}

const HELM_DELETE_POLICIES: { readonly [policy in HookDeletePolicy]: string } = {
  [HookDeletePolicy.BEFORE_HOOK_CREATION]: 'before-hook-creation',
  [HookDeletePolicy.HOOK_SUCCEEDED]: 'hook-succeeded',
  [HookDeletePolicy.HOOK_FAILED]: 'hook-failed',
};

export const ARGO_CD_HOOK = 'argocd.argoproj.io/hook';
export const ARGO_CD_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
export const ARGO_CD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const HELM_HOOK = 'helm.sh/hook';
export const HELM_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy';
export const HELM_HOOK_WEIGHT = 'helm.sh/hook-weight';

/** The annotations for a hook style; `order` is the sync wave or hook weight. */
export function hookAnnotations(
  style: MigrationHookStyle,
  deletePolicies: readonly HookDeletePolicy[],
  order: number | undefined,
): { [key: string]: string } {
  const unique = [...new Set(deletePolicies)];
  switch (style) {
    case MigrationHookStyle.ARGO_CD:
      return {
        [ARGO_CD_HOOK]: 'PreSync',
        [ARGO_CD_HOOK_DELETE_POLICY]: unique.join(','),
        ...(order === undefined ? {} : { [ARGO_CD_SYNC_WAVE]: String(order) }),
      };
    case MigrationHookStyle.HELM:
      return {
        [HELM_HOOK]: 'pre-install,pre-upgrade',
        [HELM_HOOK_DELETE_POLICY]: unique.map((policy) => HELM_DELETE_POLICIES[policy]).join(','),
        ...(order === undefined ? {} : { [HELM_HOOK_WEIGHT]: String(order) }),
      };
    case MigrationHookStyle.NONE:
      return {};
  }
}
