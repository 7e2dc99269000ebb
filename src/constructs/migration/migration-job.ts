/**
 * MigrationJob: a one-off Job that runs schema migrations before a release, as an Argo CD PreSync
 * hook, a Helm pre-install/pre-upgrade hook, or a plain Job. It IS a `Job` (restricted pod
 * security, its own ServiceAccount without a token, resources from the policy, synth-time
 * validation), with defaults chosen for migrations:
 *
 * - `backoffLimit: 0`. A migration that failed has often done part of its work: DDL in MySQL and
 *   MariaDB commits statement by statement, and even where DDL is transactional a data backfill
 *   may not be. Retrying at once repeats that with the same input and usually fails the same way,
 *   or worse, applies half a step twice. A failed migration wants a person; the sync or upgrade
 *   that ran the hook fails visibly and is retried by re-syncing.
 * - Pods taken away by the cluster (eviction, preemption, node drain) are not failures: a
 *   `podFailurePolicy` rule ignores `DisruptionTarget`, so such a pod is replaced without using
 *   up the zero retries. (This needs Kubernetes 1.26+; set `ignoreDisruptions: false` for 1.25.)
 * - One pod: `completions` and `parallelism` above 1 are refused, as two migrators would race.
 * - The base Job's deadline (1 hour) and TTL (3 days). The TTL must outlast the time the hook
 *   tool needs to see the Job finish: Argo CD waits forever for a hook Job that a short TTL
 *   deleted first (argo-cd#18884, #21055), so hooks get a floor of 10 minutes. Within 3 days the
 *   next sync's BeforeHookCreation usually removes the Job anyway; until then its logs can be read.
 *
 * Idempotency: write migrations so that running one twice is harmless. Use a tool that records
 * applied versions and takes a lock (Flyway, Liquibase, golang-migrate, Alembic, Rails, Prisma
 * `migrate deploy`); keep each migration in one transaction where the database allows it; guard
 * non-transactional DDL (`CREATE INDEX IF NOT EXISTS`); and keep migrations backward compatible
 * (expand, then contract in a later release), because a PreSync hook runs while the old version
 * still serves traffic. A plain Job (no hook) under Argo CD self-heal is re-created after its TTL
 * deletes it and so runs again: use the ARGO_CD style there.
 */
import { Construct } from 'constructs';
import { Finding } from '../../rules/finding';
import { ValidateOptions } from '../../rules/registry';
import { Job, JobProps } from '../job';
import { ManifestJson } from '../manifest-json';
import { plainCredentialFindings } from '../plain-credentials';
import { PodFailurePolicyRules } from '../pod-failure-policy';
import { HookDeletePolicy, hookAnnotations, MigrationHookStyle } from './hooks';
import { migrationJobName, MigrationJobNaming } from './job-name';
import { MIGRATION_RULES } from './migration-rules';

/** The default backoffLimit of a migration: no automatic retry (see the module comment). */
export const DEFAULT_MIGRATION_BACKOFF_LIMIT = 0;

/** Props of `MigrationJob`: the hook, and every Job prop (the migration container in `containers`). */
export interface MigrationJobProps extends JobProps {
  /** Which tool runs the migration as a hook: Argo CD, Helm, or none. */
  readonly hookStyle: MigrationHookStyle;

  /**
   * When the tool deletes the hook's Job.
   * @default [HookDeletePolicy.BEFORE_HOOK_CREATION] - the previous run stays inspectable until the
   * next sync or upgrade replaces it, and the same name can be reused (Helm's own default, too)
   */
  readonly hookDeletePolicies?: HookDeletePolicy[];

  /**
   * Order among hooks of the same phase: Argo CD's sync wave or Helm's hook weight (lower first).
   * @default - none (both tools treat it as 0)
   */
  readonly hookOrder?: number;

  /**
   * How the Job is named.
   * @default MigrationJobNaming.STABLE with a hook (its delete policy replaces the Job),
   * MigrationJobNaming.CONTENT_HASH without one (so a changed migration is a new Job instead of an
   * "immutable field" error, and an unchanged one is not run again)
   */
  readonly naming?: MigrationJobNaming;

  /**
   * Replace pods the cluster took away (evicted, preempted, drained) without counting a failure.
   * @default true - needs Kubernetes 1.26+ (podFailurePolicy); ignored when `podFailurePolicy` is given
   */
  readonly ignoreDisruptions?: boolean;
}

export class MigrationJob extends Job {
  /** The hook style. */
  public readonly hookStyle: MigrationHookStyle;

  public constructor(scope: Construct, id: string, props: MigrationJobProps) {
    const hooked = props.hookStyle !== MigrationHookStyle.NONE;
    // The one place the migration's own defaults are applied (the Job applies its own).
    const deletePolicies = props.hookDeletePolicies ?? [HookDeletePolicy.BEFORE_HOOK_CREATION];
    const naming = props.naming ?? (hooked ? MigrationJobNaming.STABLE : MigrationJobNaming.CONTENT_HASH);
    const name =
      naming === MigrationJobNaming.CONTENT_HASH
        ? migrationJobName(props.metadata?.name ?? id, `${scope.node.path}/${id}`, [
            ...(props.initContainers ?? []),
            ...(props.containers ?? []),
          ])
        : props.metadata?.name;
    super(scope, id, {
      ...props,
      metadata: {
        ...props.metadata,
        // An explicit `name: undefined` would hide cdk8s's generated name.
        ...(name === undefined ? {} : { name }),
        annotations: {
          ...hookAnnotations(props.hookStyle, deletePolicies, props.hookOrder),
          ...props.metadata?.annotations,
        },
      },
      backoffLimit: props.backoffLimit ?? DEFAULT_MIGRATION_BACKOFF_LIMIT,
      podFailurePolicy:
        props.podFailurePolicy ??
        ((props.ignoreDisruptions ?? true) ? [PodFailurePolicyRules.ignoreDisruptions()] : undefined),
    });
    this.hookStyle = props.hookStyle;
    this._addConstructRules(MIGRATION_RULES, (manifest) => ({
      hooked,
      hookStyle: props.hookStyle,
      annotations: manifest?.metadata?.annotations,
      hookDeletePolicies: props.hookDeletePolicies,
      hookOrder: props.hookOrder,
      completions: props.completions,
      parallelism: props.parallelism,
      ttlSeconds: this.ttlAfterFinished?.toSeconds(),
    }));
  }

  /**
   * The migration's name is its own: stable for a hook, content-hashed without one (job-name.ts).
   * @internal
   */
  protected _namesItself(): boolean {
    return true;
  }

  /**
   * A migration connects with the database's owner rights: a credential in plain text is an error here.
   * @internal
   */
  protected _manifestFindings(manifest: ManifestJson, options: ValidateOptions & { readonly now: number }): Finding[] {
    return [...super._manifestFindings(manifest, options), ...plainCredentialFindings(manifest, options)];
  }
}
