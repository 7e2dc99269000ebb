/**
 * A standalone Job as a GitOps tool needs it to run once per change of its content, and never
 * again because the tool put it back. What the tools do with a plain Job (their documentation):
 *
 * - Argo CD compares every object in Git with the cluster. A Job that `ttlSecondsAfterFinished`
 *   deleted is Missing, the application OutOfSync ("Sync Status with Jobs/Workflows with Time to
 *   Live", resource hooks guide; argo-cd#8586), and the next automated sync or self-heal creates
 *   it again, so it runs again. Resource hooks are not compared, which is why a hook may keep a TTL;
 *   but a hook runs on every sync of the application, not once per change of the Job.
 * - Flux's kustomize-controller applies every object of its Kustomization at each interval, so a
 *   Job the TTL deleted is created again and runs again. A changed Job fails to apply ("field is
 *   immutable") unless `spec.force` or the object's `kustomize.toolkit.fluxcd.io/force: enabled`
 *   makes Flux delete and recreate it ("Running Kubernetes Jobs with Flux").
 * - Both stop on "field is immutable" when a changed Job keeps its name.
 *
 * So under either tool a standalone Job gets no default TTL (the finished Job stays, as Git says
 * it should, until its content changes) and a name hashed from its spec: a changed Job is a new
 * object, created and run once, and the tool prunes the previous one (Argo CD with `prune`, Flux
 * with `spec.prune`); an unchanged Job keeps its name and is left alone. With a new name for every
 * change nothing immutable is ever patched, so Flux's force annotation is not needed. An Argo CD
 * resource hook (MigrationJob) is left as it is under Argo CD. Pure.
 */
import { suppressionAnnotation } from '../rules/policy';
import { contentHashedName } from './content-name';
import { JsonFields, ManifestJson } from './manifest-json';

/** The GitOps tool that applies the synthesized manifests. */
export enum GitOpsTool {
  /** None: `kubectl apply`, a pipeline, or Helm. A standalone Job keeps its TTL and its name. */
  NONE = 'None',
  /** Argo CD (an Application with automated sync or self-heal). */
  ARGO_CD = 'ArgoCD',
  /** Flux (a kustomize-controller Kustomization). */
  FLUX = 'Flux',
}

/** The annotation that makes a Job an Argo CD resource hook. */
export const ARGO_CD_HOOK_ANNOTATION = 'argocd.argoproj.io/hook';

/** How the construct came to its Job. */
export interface StandaloneJobOrigin {
  /** The TTL in the manifest is the construct's default, not the user's choice. */
  readonly defaultTtl: boolean;
  /** The construct chooses the Job's name itself (MigrationJob), so it is not hashed again. */
  readonly namedByConstruct: boolean;
}

/** Whether `tool` puts back a Job that its TTL deleted: every tool but none, except for an Argo CD hook. */
export function toolRecreatesJob(tool: GitOpsTool, manifest: ManifestJson | undefined): boolean {
  if (tool === GitOpsTool.NONE) return false;
  const hook = manifest?.metadata?.annotations?.[ARGO_CD_HOOK_ANNOTATION] !== undefined;
  return !(tool === GitOpsTool.ARGO_CD && hook);
}

/** An Indexed Job's pods are named `<job>-<index>`, so its name leaves room for the largest index. */
function indexSuffixLength(spec: JsonFields): number {
  const completions = spec.completions;
  return spec.completionMode === 'Indexed' && typeof completions === 'number' && completions > 0
    ? `-${completions - 1}`.length
    : 0;
}

/** The Job manifest `tool` runs once per content change; the manifest itself when it needs nothing. */
export function standaloneJobForGitOps(
  manifest: ManifestJson,
  tool: GitOpsTool,
  origin: StandaloneJobOrigin,
): ManifestJson {
  if (!toolRecreatesJob(tool, manifest)) return manifest;
  const spec: { [field: string]: unknown } = { ...manifest.spec };
  const annotations: { [key: string]: string } = { ...manifest.metadata?.annotations };
  if (origin.defaultTtl && spec.ttlSecondsAfterFinished !== undefined) {
    delete spec.ttlSecondsAfterFinished;
    annotations[suppressionAnnotation('job-missing-ttl')] =
      `${tool} re-creates a Job that its TTL deleted, which would run it again: the finished Job stays until its content changes, and the tool then prunes it.`;
  }
  const name = origin.namedByConstruct
    ? manifest.metadata?.name
    : contentHashedName(
        manifest.metadata?.name ?? 'job',
        { apiVersion: manifest.apiVersion, spec },
        'job',
        indexSuffixLength(spec),
      );
  const metadata = {
    ...manifest.metadata,
    name,
    ...(Object.keys(annotations).length > 0 && { annotations }),
  };
  return { ...manifest, metadata, spec };
}
