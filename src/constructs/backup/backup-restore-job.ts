/**
 * BackupRestoreJob: a Job that restores a BackupCronJob's latest backup, or a named one, into a
 * target database: from the same destination, with the same storage credentials (Secret keys or
 * the ServiceAccount's identity) and the same database credentials model (Secret references, as
 * environment or as a file). It IS a `Job`, so every Job default applies, but it never retries:
 * a second attempt on a half-restored database would fail or duplicate rows.
 *
 * The pod (see backup-script.ts):
 * - from object storage: init `download` copies the chosen object to /tmp, then `restore`;
 * - from a volume: `restore` chooses the file in the volume (mounted read-only) itself.
 * `restore` checks the whole gzip stream before it touches the database, then feeds it to psql
 * (one transaction) or the MySQL/MariaDB client. Restore into an empty database.
 */
import { ContainerResources, EnvValue } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Job, JobProps } from '../job';
import { WorkloadIdentity } from '../rbac/workload-identity';
import { BackupCronJob, DEFAULT_BACKUP_SECURITY_CONTEXT } from './backup-cron-job';
import { DEFAULT_AWS_CLI_IMAGE } from './backup-destination';
import {
  backupMountPath,
  HOME_ENV,
  mountBackupVolume,
  mountPasswordFile,
  s3Env,
  shellContainer,
  storeAccessOptions,
  WORK_DIR,
} from './backup-pod';
import { BACKUP_ENV, downloadScript, restoreScript } from './backup-script';
import { DatabaseEngine, databaseSourceSpec, DatabaseSourceProps } from './backup-source';
import { BACKUP_RESTORE_RULES } from './backup-validation';

/**
 * Props of `BackupRestoreJob`: which backup, into which database, and every Job prop, with
 * defaults of its own among those (jsii forbids re-declaring an inherited prop):
 * - `backoffLimit` @default 0: a failed restore is looked at, not retried into a half-restored database
 * - `securityContext` @default `{ user: 65534, group: 65534, fsGroup: 65534 }`, the backup's default: the
 *   backup files are readable by their owner only, so set the backup's user if you changed it
 * - `containers` must stay empty: the construct makes its own.
 */
export interface BackupRestoreJobProps extends JobProps {
  /** The backup to restore: its destination, file prefix, engine and storage credentials are used. */
  readonly backup: BackupCronJob;

  /**
   * The database to restore into, on a server of the backup's engine; it should be empty (e.g.
   * freshly created). Its credentials follow the same model as the backup's source.
   */
  readonly target: DatabaseSourceProps;

  /**
   * The backup file to restore, e.g. `shop_orders_db-20261206T021700Z.sql.gz`.
   * @default - the latest backup (the greatest timestamp in the name)
   */
  readonly backupName?: string;

  /**
   * A cloud identity for the ServiceAccount (to read the bucket through IRSA).
   * @default - the backup's identity
   */
  readonly identity?: WorkloadIdentity;

  /**
   * Requests and limits for every container of the restore.
   * @default - the BatchPolicy's containerResources
   */
  readonly resources?: ContainerResources;
}

export class BackupRestoreJob extends Job {
  /** The backup file restored, or undefined for the latest. */
  public readonly backupName?: string;

  public constructor(scope: Construct, id: string, props: BackupRestoreJobProps) {
    // The one place the restore's own defaults are applied (the Job applies its own).
    super(scope, id, {
      ...props,
      containers: undefined,
      backoffLimit: props.backoffLimit ?? 0,
      securityContext: props.securityContext ?? DEFAULT_BACKUP_SECURITY_CONTEXT,
    });
    this.backupName = props.backupName;
    const backup = props.backup;
    const backupSource = backup.source._spec;
    const destination = backup.destination._spec;
    // A command backup has no engine; the rule below reports it, and the pod gets PostgreSQL's parts.
    const target = databaseSourceSpec(backupSource.engine ?? DatabaseEngine.POSTGRESQL, props.target);
    this._addConstructRules(BACKUP_RESTORE_RULES, () => ({
      backupSource,
      target,
      filePrefix: backup.filePrefix,
      backupName: this.backupName,
      containersGiven: (props.containers ?? []).length > 0,
      writableTmp: props.writableTmp ?? true,
    }));
    (props.identity ?? backup.identity)?.bind(this);

    const named = this.backupName !== undefined;
    const fileEnv = {
      ...HOME_ENV,
      [BACKUP_ENV.workDir]: EnvValue.fromValue(WORK_DIR),
      [BACKUP_ENV.filePrefix]: EnvValue.fromValue(backup.filePrefix),
      [BACKUP_ENV.fileExtension]: EnvValue.fromValue(backupSource.fileExtension),
      ...(named ? { [BACKUP_ENV.restoreName]: EnvValue.fromValue(this.backupName) } : {}),
    };
    const restoreEnv = { ...fileEnv, ...target.connectionEnv, ...target.credentialEnv };
    const program = target.program!;

    if (destination.volume) {
      const container = this.addContainer(
        shellContainer(
          'restore',
          target.image,
          restoreScript(program, { volume: true, named }),
          [],
          { ...restoreEnv, [BACKUP_ENV.dir]: EnvValue.fromValue(backupMountPath(destination.volume)) },
          props.resources,
        ),
      );
      mountBackupVolume(this, container, destination.volume, true);
      mountPasswordFile(this, container, target);
    } else if (destination.s3) {
      const s3 = destination.s3;
      this.addInitContainer(
        shellContainer(
          'download',
          s3.image ?? DEFAULT_AWS_CLI_IMAGE,
          downloadScript({ ...storeAccessOptions(s3), named }),
          [],
          { ...fileEnv, ...s3Env(s3), [BACKUP_ENV.dir]: EnvValue.fromValue(WORK_DIR) },
          props.resources,
        ),
      );
      const container = this.addContainer(
        shellContainer(
          'restore',
          target.image,
          restoreScript(program, { volume: false, named }),
          [],
          { ...restoreEnv, [BACKUP_ENV.dir]: EnvValue.fromValue(WORK_DIR) },
          props.resources,
        ),
      );
      mountPasswordFile(this, container, target);
    }
  }
}
