/**
 * How a MigrationJob is named. A Job's pod template cannot be changed once created, so a GitOps
 * tool that applies a changed migration Job under the same name fails ("field is immutable")
 * unless it deletes the old Job first, which is what hook delete policies do. Without hooks, a
 * name that changes with the migration's content (content-name.ts) gives each new migration a new
 * Job, while re-applying the same one keeps its name and does not run it again. Pure.
 */
import { ContainerProps } from 'cdk8s-plus-28';
import { contentHashedName } from '../content-name';

/** How the Job's name is chosen. */
export enum MigrationJobNaming {
  /**
   * `metadata.name` if given, else cdk8s's name for the construct path: stable across synths.
   * For hooks, whose delete policy removes the previous Job before the next one is created.
   */
  STABLE = 'Stable',
  /**
   * `<base>-<10 hex digits>`, the digits hashed from the construct path and the containers'
   * images, commands, arguments, working directories and environment: a changed migration gets a
   * new Job, an unchanged one keeps its name. The base is `metadata.name`, else the construct id.
   */
  CONTENT_HASH = 'ContentHash',
}

/** `<base>-<hash>` over the construct path and the containers' fingerprints (content-name.ts). */
export function migrationJobName(base: string, path: string, containers: readonly ContainerProps[]): string {
  return contentHashedName(base, { path, containers: containers.map(containerFingerprint) }, 'migration');
}

/** What decides whether two migrations are the same run. */
function containerFingerprint(container: ContainerProps): unknown {
  const env = Object.entries(container.envVariables ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, envValue]) => {
      // cdk8s-plus types an EnvValue's value and source `any`: they are taken as JSON data here.
      const value: unknown = envValue.value;
      const source: unknown = envValue.valueFrom;
      return [name, value ?? null, plainData(source)];
    });
  return [
    container.name ?? null,
    container.image,
    container.command ?? null,
    container.args ?? null,
    container.workingDir ?? null,
    env,
  ];
}

/** A value reduced to JSON data (sources such as secretKeyRef are plain; anything else is left out). */
function plainData(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainData);
  if (Object.getPrototypeOf(value) !== Object.prototype) return null;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, plainData(v)]),
  );
}
