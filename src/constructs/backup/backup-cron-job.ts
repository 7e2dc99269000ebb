/**
 * BackupCronJob: a scheduled, compressed backup of a database (or of any command's output) to a
 * PersistentVolumeClaim or to S3-compatible object storage, with retention. It IS a `CronJob`, so
 * every CronJob default (Forbid, deadlines fitted to the schedule, history limits, restricted pod
 * security, its own ServiceAccount without a token) and every CronJob prop applies; it adds the
 * containers, their scripts (backup-script.ts) and the volume.
 *
 * The pod (see backup-script.ts for each step):
 * - init `wait-for-database` (database sources): bounded readiness probe.
 * - to a volume: `backup` dumps into the volume, then applies retention.
 * - to object storage: init `dump` writes to /tmp, then `upload` copies it and applies retention.
 */
import { createHash } from 'crypto';
import { Chart, Duration } from 'cdk8s';
import { ContainerResources, EnvValue, PodSecurityContextProps } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { backupTargetOf, BackupTarget, sharedBackupTargets } from '../../rules/backup-target';
import { Finding } from '../../rules/finding';
import { ValidateOptions } from '../../rules/registry';
import { CronJob, CronJobProps } from '../cron-job';
import { ManifestJson } from '../manifest-json';
import { plainCredentialFindings } from '../plain-credentials';
import { WorkloadIdentity } from '../rbac/workload-identity';
import { DEFAULT_AWS_CLI_IMAGE, BackupDestination, S3DestinationProps } from './backup-destination';
import {
  backupMountPath,
  Env,
  HOME_ENV,
  mountBackupVolume,
  mountPasswordFile,
  s3Env,
  shellContainer,
  storeAccessOptions,
  WORK_DIR,
} from './backup-pod';
import { BACKUP_ENV, dumpScript, uploadScript, waitForDatabaseScript } from './backup-script';
import { BackupSource } from './backup-source';
import { BACKUP_EMITTED_RULES, ownContainers } from './backup-emitted-rules';
import { BACKUP_RULES, SharedDestination } from './backup-validation';

/** The default time the init container waits for the database to answer. */
export const DEFAULT_DATABASE_WAIT_SECONDS = 120;
/** Seconds between two readiness probes. */
export const DATABASE_PROBE_INTERVAL_SECONDS = 5;

/**
 * The default pod user, group and fsGroup: 65534 ("nobody"). None of the client images needs its
 * own user to run a dump or an upload, and the official database images start as root, which the
 * restricted profile's runAsNonRoot refuses. fsGroup makes a fresh volume writable for that group.
 */
export const DEFAULT_BACKUP_SECURITY_CONTEXT: PodSecurityContextProps = { user: 65534, group: 65534, fsGroup: 65534 };

/**
 * Minutes added to the Job's deadline before a partial file counts as left behind: the pod's
 * termination grace period and clock skew between nodes sharing the volume.
 */
export const PARTIAL_FILE_MARGIN_MINUTES = 10;

/**
 * Props of `BackupCronJob`: what to back up, where, how long to keep it, and every CronJob prop,
 * with one default of its own among those (jsii forbids re-declaring an inherited prop):
 * - `securityContext` @default `{ user: 65534, group: 65534, fsGroup: 65534 }` (DEFAULT_BACKUP_SECURITY_CONTEXT)
 * - `containers` must stay empty: the construct makes its own.
 */
export interface BackupCronJobProps extends CronJobProps {
  /** What to back up: `BackupSource.postgres(...)`, `.mysql(...)`, `.mariadb(...)` or `.command(...)`. */
  readonly source: BackupSource;

  /** Where to keep the backups: `BackupDestination.persistentVolumeClaim(...)` or `.s3(...)`. */
  readonly destination: BackupDestination;

  /**
   * The start of every backup file name: `<filePrefix>-<YYYYMMDDTHHMMSSZ>.<extension>.gz`.
   * Retention and restore only touch files of this exact shape, so two backups that share a bucket
   * prefix or a volume must have different ones (synth and `lint` report two that do not).
   * @default - unique per construct: the namespace (when set) and the construct path, each part
   * lowercased with characters other than letters, digits, "." and "-" replaced by "-", joined by
   * "_" (e.g. `shop_orders_db` for the construct `db` of chart `orders` in namespace `shop`);
   * longer than 100 characters, it is cut and ends with a hash of the whole
   */
  readonly filePrefix?: string;

  /**
   * Delete this backup's files (or objects) older than this many days, after each successful backup.
   * @default - keep every backup: deleting data should be a decision (and a bucket lifecycle rule
   * may already do it). A volume then fills up eventually, so set it for volumes.
   */
  readonly retentionDays?: number;

  /**
   * Wait in an init container until the database answers (pg_isready, mysqladmin ping) before
   * dumping, so a database that is restarting delays the backup instead of failing it.
   * @default true (database sources; a command source has no probe)
   */
  readonly waitForDatabase?: boolean;

  /**
   * How long to wait for the database: probes every 5 s, each waiting up to 5 s.
   * @default Duration.minutes(2)
   */
  readonly databaseWaitTimeout?: Duration;

  /**
   * A cloud identity for the ServiceAccount, e.g. `WorkloadIdentity.awsIamRole(arn)` for S3 through IRSA.
   * @default - none
   */
  readonly identity?: WorkloadIdentity;

  /**
   * Requests and limits for every container of the backup.
   * @default - the BatchPolicy's containerResources (there is no built-in size: a dump's needs
   * depend on the database)
   */
  readonly resources?: ContainerResources;
}

export class BackupCronJob extends CronJob {
  /** The file name prefix, after defaults. */
  public readonly filePrefix: string;
  /** The retention in days, or undefined when every backup is kept. */
  public readonly retentionDays?: number;
  /** What is backed up. */
  public readonly source: BackupSource;
  /** Where the backups are kept. */
  public readonly destination: BackupDestination;
  /** The cloud identity of the ServiceAccount, if any. */
  public readonly identity?: WorkloadIdentity;

  public constructor(scope: Construct, id: string, props: BackupCronJobProps) {
    // The one place the backup's own defaults are applied (the CronJob applies its own).
    super(scope, id, {
      ...props,
      containers: undefined,
      securityContext: props.securityContext ?? DEFAULT_BACKUP_SECURITY_CONTEXT,
    });
    this.filePrefix =
      props.filePrefix ?? defaultFilePrefix(props.metadata?.namespace ?? Chart.of(this).namespace, this.node.path);
    this.retentionDays = props.retentionDays;
    this.source = props.source;
    this.destination = props.destination;
    this.identity = props.identity;
    const source = props.source._spec;
    const destination = props.destination._spec;
    const waitTimeout = props.databaseWaitTimeout ?? Duration.seconds(DEFAULT_DATABASE_WAIT_SECONDS);
    const waits = source.program !== undefined && (props.waitForDatabase ?? true);

    this._addConstructRules(BACKUP_RULES, () => ({
      source,
      destination,
      filePrefix: this.filePrefix,
      retentionDays: this.retentionDays,
      waitTimeoutSeconds: waits ? waitTimeout.toSeconds() : undefined,
      containersGiven: (props.containers ?? []).length > 0,
      writableTmp: props.writableTmp ?? true,
      sharedDestination: this.sharedDestination(),
    }));
    props.identity?.bind(this);

    const resources = props.resources;
    const home = HOME_ENV;
    if (waits && source.program) {
      this.addInitContainer(
        shellContainer(
          'wait-for-database',
          source.image,
          waitForDatabaseScript(source.program),
          [],
          {
            ...home,
            ...source.connectionEnv,
            [BACKUP_ENV.waitAttempts]: EnvValue.fromValue(
              String(Math.max(1, Math.ceil(waitTimeout.toSeconds() / DATABASE_PROBE_INTERVAL_SECONDS))),
            ),
            [BACKUP_ENV.waitIntervalSeconds]: EnvValue.fromValue(String(DATABASE_PROBE_INTERVAL_SECONDS)),
          },
          resources,
        ),
      );
    }

    const fileEnv = {
      ...home,
      [BACKUP_ENV.workDir]: EnvValue.fromValue(WORK_DIR),
      [BACKUP_ENV.filePrefix]: EnvValue.fromValue(this.filePrefix),
      [BACKUP_ENV.fileExtension]: EnvValue.fromValue(source.fileExtension),
    };
    const retentionEnv: Env =
      this.retentionDays === undefined
        ? {}
        : { [BACKUP_ENV.retentionDays]: EnvValue.fromValue(String(this.retentionDays)) };
    const dumpEnv = { ...fileEnv, ...source.connectionEnv, ...source.credentialEnv };

    if (destination.volume) {
      const partialMaxAgeMinutes = Math.ceil(this.activeDeadline.toSeconds() / 60) + PARTIAL_FILE_MARGIN_MINUTES;
      const container = this.addContainer(
        shellContainer(
          'backup',
          source.image,
          dumpScript(source.dump, { volume: true, prune: this.retentionDays !== undefined, handOff: false }),
          source.args,
          {
            ...dumpEnv,
            ...retentionEnv,
            [BACKUP_ENV.partialMaxAgeMinutes]: EnvValue.fromValue(String(partialMaxAgeMinutes)),
            [BACKUP_ENV.dir]: EnvValue.fromValue(backupMountPath(destination.volume)),
          },
          resources,
        ),
      );
      mountBackupVolume(this, container, destination.volume, false);
      mountPasswordFile(this, container, source);
    } else if (destination.s3) {
      const s3 = destination.s3;
      // The dump goes to the pod's own /tmp, which disappears with the pod: a killed dump leaves nothing.
      const dump = this.addInitContainer(
        shellContainer(
          'dump',
          source.image,
          dumpScript(source.dump, { volume: false, prune: false, handOff: true }),
          source.args,
          {
            ...dumpEnv,
            [BACKUP_ENV.dir]: EnvValue.fromValue(WORK_DIR),
          },
          resources,
        ),
      );
      mountPasswordFile(this, dump, source);
      this.addContainer(
        shellContainer(
          'upload',
          s3.image ?? DEFAULT_AWS_CLI_IMAGE,
          uploadScript(uploadOptions(s3, this.retentionDays)),
          [],
          {
            ...fileEnv,
            ...retentionEnv,
            ...s3Env(s3),
            [BACKUP_ENV.dir]: EnvValue.fromValue(WORK_DIR),
          },
          resources,
        ),
      );
    }
    // What the backup promises is checked on what it emits, so later changes and patches count.
    const own = ownContainers(this);
    this._addConstructRules(BACKUP_EMITTED_RULES, (manifest) => ({
      manifest,
      own,
      dumpContainer: destination.volume ? 'backup' : 'dump',
      engine: source.engine,
    }));
  }

  /**
   * The backup takes its credentials from Secret references: a credential in plain text on its pod is an error.
   * @internal
   */
  protected _manifestFindings(manifest: ManifestJson, options: ValidateOptions & { readonly now: number }): Finding[] {
    return [...super._manifestFindings(manifest, options), ...plainCredentialFindings(manifest, options)];
  }

  /** This backup's store and name prefix, read from its manifest as `lint` reads it. */
  private target(): BackupTarget | undefined {
    try {
      return backupTargetOf(this.apiObject.toJson());
    } catch {
      // A manifest that cannot render is reported by its own validation.
      return undefined;
    }
  }

  /** The other backups of the app that write to this one's store under its name prefix. */
  private sharedDestination(): SharedDestination | undefined {
    const backups = this.node.root.node.findAll().filter((c): c is BackupCronJob => c instanceof BackupCronJob);
    const targets = backups.map((backup) => backup.target());
    const self = backups.indexOf(this);
    const others = sharedBackupTargets(targets)[self];
    const target = targets[self];
    return target && others.length > 0 ? { target, others: others.map((i) => backups[i].node.path) } : undefined;
  }
}

/** The longest default file prefix (the backup-file-name-unsafe rule allows 100 characters). */
const MAX_FILE_PREFIX = 100;

/**
 * The default file prefix: unique per namespace and construct path (see `filePrefix`), and a safe
 * file name part, which the backup-file-name-unsafe rule checks.
 */
export function defaultFilePrefix(namespace: string | undefined, path: string): string {
  const parts = [namespace ?? '', ...path.split('/')]
    .map((part) =>
      part
        .toLowerCase()
        .replace(/[^a-z0-9.-]+/g, '-')
        .replace(/^[.-]+|[.-]+$/g, ''),
    )
    .filter((part) => part !== '');
  const joined = parts.length === 0 ? 'backup' : parts.join('_');
  if (joined.length <= MAX_FILE_PREFIX) return joined;
  const digest = createHash('sha256')
    .update(`${namespace ?? ''}/${path}`)
    .digest('hex')
    .slice(0, 8);
  return `${joined.slice(0, MAX_FILE_PREFIX - digest.length - 1)}-${digest}`;
}

function uploadOptions(s3: S3DestinationProps, retentionDays: number | undefined) {
  return {
    ...storeAccessOptions(s3),
    storageClass: s3.storageClass !== undefined,
    encryption: s3.encryption !== undefined,
    kmsKeyId: s3.kmsKeyId !== undefined,
    prune: retentionDays !== undefined,
  };
}
