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
import { Duration } from 'cdk8s';
import {
  ContainerProps,
  ContainerResources,
  EnvValue,
  PersistentVolumeClaim,
  PodSecurityContextProps,
  Volume,
} from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { TMP_MOUNT_PATH } from '../pod-security';
import { CronJob, CronJobProps } from '../cron-job';
import { WorkloadIdentity } from '../rbac/workload-identity';
import {
  DEFAULT_AWS_CLI_IMAGE,
  DEFAULT_VOLUME_MOUNT_PATH,
  BackupDestination,
  S3DestinationProps,
} from './backup-destination';
import { BACKUP_ENV, dumpScript, uploadScript, waitForDatabaseScript } from './backup-script';
import { BackupSource } from './backup-source';
import { BACKUP_RULES } from './backup-validation';

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

/** The scratch directory: the writable /tmp every batch pod gets. */
const WORK_DIR = TMP_MOUNT_PATH;

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
   * Retention only deletes files of this exact shape.
   * @default - the construct id, lowercased, with characters other than letters, digits, ".", "_"
   * and "-" replaced by "-"
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

  public constructor(scope: Construct, id: string, props: BackupCronJobProps) {
    // The one place the backup's own defaults are applied (the CronJob applies its own).
    super(scope, id, {
      ...props,
      containers: undefined,
      securityContext: props.securityContext ?? DEFAULT_BACKUP_SECURITY_CONTEXT,
    });
    this.filePrefix = props.filePrefix ?? defaultFilePrefix(id);
    this.retentionDays = props.retentionDays;
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
    }));
    props.identity?.bind(this);

    const resources = props.resources;
    // The AWS CLI and the MySQL clients look for files in $HOME; the images' HOME is not writable.
    const home = { HOME: EnvValue.fromValue(WORK_DIR) };
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
    const retentionEnv: { [name: string]: EnvValue } =
      this.retentionDays === undefined
        ? {}
        : { [BACKUP_ENV.retentionDays]: EnvValue.fromValue(String(this.retentionDays)) };
    const dumpEnv = { ...fileEnv, ...source.connectionEnv, ...source.credentialEnv };

    if (destination.volume) {
      const mountPath = destination.volume.mountPath ?? DEFAULT_VOLUME_MOUNT_PATH;
      const claim = PersistentVolumeClaim.fromClaimName(this, 'BackupClaim', destination.volume.claimName);
      const volume = Volume.fromPersistentVolumeClaim(this, 'BackupVolume', claim);
      const container = this.addContainer(
        shellContainer(
          'backup',
          source.image,
          dumpScript(source.dump, { pruneDirectory: this.retentionDays !== undefined, handOff: false }),
          source.args,
          {
            ...dumpEnv,
            ...retentionEnv,
            [BACKUP_ENV.dir]: EnvValue.fromValue(mountPath),
          },
          resources,
        ),
      );
      container.mount(mountPath, volume, { subPath: destination.volume.subPath });
    } else if (destination.s3) {
      const s3 = destination.s3;
      this.addInitContainer(
        shellContainer(
          'dump',
          source.image,
          dumpScript(source.dump, { pruneDirectory: false, handOff: true }),
          source.args,
          {
            ...dumpEnv,
            [BACKUP_ENV.dir]: EnvValue.fromValue(WORK_DIR),
          },
          resources,
        ),
      );
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
  }
}

/** The construct id as a file name prefix (see `filePrefix`). */
export function defaultFilePrefix(id: string): string {
  const cleaned = id
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return cleaned === '' ? 'backup' : cleaned.slice(0, 100);
}

/**
 * A container that runs `script` with /bin/sh (see posix-shell.ts); `args` become its positional
 * parameters (`sh -c SCRIPT backup ARG...`), so they are never parsed by a shell.
 */
function shellContainer(
  name: string,
  image: string,
  script: string,
  args: readonly string[],
  env: { [name: string]: EnvValue },
  resources: ContainerResources | undefined,
): ContainerProps {
  return {
    name,
    image,
    command: ['/bin/sh', '-c', script, 'backup'],
    args: args.length > 0 ? [...args] : undefined,
    envVariables: sortedEnv(env),
    resources,
  };
}

/** The environment in name order, so the manifest does not depend on how it was assembled. */
function sortedEnv(env: { [name: string]: EnvValue }): { [name: string]: EnvValue } {
  return Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function uploadOptions(s3: S3DestinationProps, retentionDays: number | undefined) {
  return {
    endpoint: s3.endpoint !== undefined,
    storageClass: s3.storageClass !== undefined,
    encryption: s3.encryption !== undefined,
    kmsKeyId: s3.kmsKeyId !== undefined,
    prune: retentionDays !== undefined,
  };
}

/** The object storage settings as the upload script's environment; keys come from Secret references only. */
function s3Env(s3: S3DestinationProps): { [name: string]: EnvValue } {
  const env: { [name: string]: EnvValue } = {
    [BACKUP_ENV.bucket]: EnvValue.fromValue(s3.bucket),
    [BACKUP_ENV.keyPrefix]: EnvValue.fromValue(s3.prefix ?? ''),
  };
  const optional: Array<[string, string | undefined]> = [
    [BACKUP_ENV.endpoint, s3.endpoint],
    [BACKUP_ENV.storageClass, s3.storageClass],
    [BACKUP_ENV.encryption, s3.encryption],
    [BACKUP_ENV.kmsKeyId, s3.kmsKeyId],
    ['AWS_REGION', s3.region],
    ['AWS_DEFAULT_REGION', s3.region],
  ];
  for (const [name, value] of optional) if (value !== undefined) env[name] = EnvValue.fromValue(value);
  if (s3.accessKeyId) env.AWS_ACCESS_KEY_ID = EnvValue.fromSecretValue(s3.accessKeyId);
  if (s3.secretAccessKey) env.AWS_SECRET_ACCESS_KEY = EnvValue.fromSecretValue(s3.secretAccessKey);
  return env;
}
