/**
 * What Argo CD and Flux do with the Jobs of a repository, as
 * their documentation describes it, reduced to what decides how often a Job runs:
 *
 * - Argo CD (automated sync with prune and self-heal): every object in Git that is missing from the
 *   cluster makes the application OutOfSync and is created again (resource hooks guide, "Sync
 *   Status with Jobs/Workflows with Time to Live"); a changed object is patched, and a Job's pod
 *   template is immutable; objects gone from Git are pruned. Resource hooks are not compared: they
 *   run on every sync operation, deleted first under BeforeHookCreation (the default policy).
 * - Flux (a Kustomization with prune): at every interval every object is applied, so a missing one
 *   is created; a change to an immutable field fails unless `spec.force` or the object's
 *   `kustomize.toolkit.fluxcd.io/force: enabled`, which delete and recreate it ("Running
 *   Kubernetes Jobs with Flux"); objects gone from the source are pruned.

 * Creating a Job runs it once; the Job controller's TTL deletes a finished Job that sets one.
 */

export type Tool = 'ArgoCD' | 'Flux';

const ARGO_CD_HOOK = 'argocd.argoproj.io/hook';
const FLUX_FORCE = 'kustomize.toolkit.fluxcd.io/force';

/** The Jobs in a cluster, and what happened to them. */
export class SimulatedCluster {
  private readonly jobs = new Map<string, { manifest: any; finished: boolean }>();
  /** The name of every Job created, in order: each creation is one run. */
  public readonly runs: string[] = [];
  /** The apply errors, e.g. "field is immutable". */
  public readonly errors: string[] = [];

  public has(name: string): boolean {
    return this.jobs.has(name);
  }

  public live(name: string): any {
    return this.jobs.get(name)?.manifest;
  }

  public names(): string[] {
    return [...this.jobs.keys()];
  }

  public create(manifest: any): void {
    this.jobs.set(manifest.metadata.name, { manifest, finished: false });
    this.runs.push(manifest.metadata.name);
  }

  public delete(name: string): void {
    this.jobs.delete(name);
  }

  /** Every Job runs to completion, and time passes beyond every TTL. */
  public finishAndExpire(): void {
    for (const [name, job] of this.jobs) {
      job.finished = true;
      if (job.manifest.spec?.ttlSecondsAfterFinished !== undefined) this.jobs.delete(name);
    }
  }
}

const isArgoHook = (manifest: any) => manifest.metadata?.annotations?.[ARGO_CD_HOOK] !== undefined;
const sameSpec = (a: any, b: any) => JSON.stringify(a.spec) === JSON.stringify(b.spec);

/** Applies one object: created when missing, an error for a changed Job unless `force` recreates it. */
function apply(cluster: SimulatedCluster, manifest: any, force: boolean): void {
  const name = manifest.metadata.name;
  const live = cluster.live(name);
  if (live === undefined) return cluster.create(manifest);
  if (sameSpec(live, manifest)) return;
  if (!force) {
    cluster.errors.push(`Job.batch "${name}" is invalid: spec.template: field is immutable`);
    return;
  }
  cluster.delete(name);
  cluster.create(manifest);
}

function prune(cluster: SimulatedCluster, wanted: readonly any[], keep: (name: string) => boolean): void {
  const names = new Set(wanted.map((m) => m.metadata.name));
  for (const name of cluster.names()) if (!names.has(name) && !keep(name)) cluster.delete(name);
}

/** One pass of `tool` over the Jobs in Git. `newRevision` says a commit arrived: it starts an Argo CD sync operation, which runs the hooks. */
export function reconcile(tool: Tool, cluster: SimulatedCluster, desired: readonly any[], newRevision: boolean): void {
  switch (tool) {
    case 'Flux':
      for (const m of desired) apply(cluster, m, m.metadata?.annotations?.[FLUX_FORCE] === 'enabled');
      prune(cluster, desired, () => false);
      return;
    case 'ArgoCD': {
      const tracked = desired.filter((m) => !isArgoHook(m));
      const hooks = desired.filter(isArgoHook);
      const outOfSync = tracked.some(
        (m) => !cluster.has(m.metadata.name) || !sameSpec(cluster.live(m.metadata.name), m),
      );
      if (!newRevision && !outOfSync) return;
      for (const hook of hooks) {
        cluster.delete(hook.metadata.name); // BeforeHookCreation
        cluster.create(hook);
      }
      for (const m of tracked) apply(cluster, m, false);
      const hookNames = new Set(hooks.map((h) => h.metadata.name));
      prune(cluster, tracked, (name) => hookNames.has(name));
      return;
    }
  }
}
