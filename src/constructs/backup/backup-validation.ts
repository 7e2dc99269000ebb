/**
 * The rules of a BackupCronJob's props that no manifest rule can see (they are about the script,
 * the storage or the source, not a batch/v1 field): construct rules over the plan the construct
 * decided, reported at the prop's path. Pure. Mistakes in the emitted CronJob itself are found by
 * the manifest rules, like for any CronJob.
 */
import { BackupTarget, sharedTargetMessage } from '../../rules/backup-target';
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';
import { dns1123SubdomainProblems, hasControlCharacter } from '../../rules/support/names';
import { DestinationSpec, S3Encryption } from './backup-destination';
import { TIMESTAMP_GLOB } from './backup-script';
import { SourceSpec } from './backup-source';

/** Other backups of the app writing to the same store under the same name prefix. */
export interface SharedDestination {
  readonly target: BackupTarget;
  /** Their construct paths. */
  readonly others: readonly string[];
}

/** What the construct decided, for validation. */
export interface BackupPlan {
  readonly source: SourceSpec;
  readonly destination: DestinationSpec;
  readonly filePrefix: string;
  readonly retentionDays?: number;
  /** How long the init container waits for the database; undefined when it does not wait. */
  readonly waitTimeoutSeconds?: number;
  readonly containersGiven: boolean;
  readonly writableTmp: boolean;
  /** Set when other backups of the app share this one's destination and name prefix. */
  readonly sharedDestination?: SharedDestination;
}

/** Letters, digits, ".", "_" and "-", starting with a letter or digit: safe in a file name, a key and a find pattern. */
const FILE_NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const FILE_EXTENSION = /^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/;

const BACKUP = ['BackupCronJob'];

function backupRule(id: string, summary: string, check: (plan: BackupPlan) => Violation[]): ConstructRule<BackupPlan> {
  return { id, origin: RuleOrigin.CONSTRUCT, constructs: BACKUP, summary, check };
}

export const BACKUP_RULES: readonly ConstructRule<BackupPlan>[] = [
  backupRule(
    'backup-pod-settings-conflict',
    'A BackupCronJob is given containers of its own, or no writable /tmp for its scratch files.',
    (plan) => [
      ...(plan.containersGiven
        ? [
            {
              field: 'containers',
              message:
                "a BackupCronJob makes its own containers, and another container would keep every run's pod from finishing.",
              fix: 'remove containers; use initContainers for steps that must run first.',
            },
          ]
        : []),
      ...(plan.writableTmp
        ? []
        : [
            {
              field: 'writableTmp',
              message:
                'the backup writes its scratch files (and, for object storage, the dump) to /tmp, which is read-only without it.',
              fix: 'remove writableTmp: false.',
            },
          ]),
    ],
  ),
  backupRule(
    'backup-file-name-unsafe',
    'A backup filePrefix or source fileExtension that is not safe in a file name, an object key and a find pattern.',
    ({ filePrefix, source }) => [
      ...(FILE_NAME_PART.test(filePrefix)
        ? []
        : [
            {
              field: 'filePrefix',
              message: `"${filePrefix}" is not a safe file name part.`,
              fix: 'use letters, digits, ".", "_" and "-" (at most 100, starting with a letter or digit).',
            },
          ]),
      ...(FILE_EXTENSION.test(source.fileExtension)
        ? []
        : [
            {
              field: 'source.fileExtension',
              message: `"${source.fileExtension}" is not a safe file extension.`,
              fix: 'use letters, digits, "." and "-", e.g. "rdb".',
            },
          ]),
    ],
  ),
  backupRule(
    'backup-destination-shared',
    "Two backups write to the same bucket prefix or volume directory under the same file prefix: one's retention deletes the other's backups, and their dumps cannot be told apart at restore.",
    ({ sharedDestination: shared }) =>
      shared === undefined ? [] : [{ field: 'filePrefix', ...sharedTargetMessage(shared.target, shared.others) }],
  ),
  backupRule(
    'backup-retention-invalid',
    'A backup retentionDays that is not a whole number of days from 1 to 36500.',
    ({ retentionDays: days }) =>
      days === undefined || (Number.isInteger(days) && days >= 1 && days <= 36_500)
        ? []
        : [
            {
              field: 'retentionDays',
              message: `${days} is not a whole number of days from 1 to 36500.`,
              fix: 'use e.g. 14, or leave it unset to keep every backup.',
            },
          ],
  ),
  backupRule(
    'backup-source-invalid',
    'A backup source with an empty image, host, database, user or command, a port outside 1-65535, or not exactly one of user and userSecret.',
    ({ source }) => sourceViolations(source, 'source'),
  ),
  backupRule(
    'backup-database-wait-too-short',
    'A databaseWaitTimeout under 5 s, which leaves no time for one readiness probe.',
    ({ waitTimeoutSeconds: seconds }) =>
      seconds === undefined || seconds >= 5
        ? []
        : [
            {
              field: 'databaseWaitTimeout',
              message: `${seconds} s leaves no time for one probe (each waits up to 5 s).`,
              fix: 'use at least Duration.seconds(5), or waitForDatabase: false.',
            },
          ],
  ),
  backupRule(
    'backup-volume-invalid',
    'A volume destination whose claim name, mount path or sub path cannot hold the backups.',
    ({ destination }) => volumeViolations(destination),
  ),
  backupRule(
    'backup-s3-invalid',
    'An S3 destination with a bucket URL or path, a bad prefix or endpoint, a KMS key without KMS encryption, half an access key or an empty image.',
    ({ destination }) => s3Violations(destination),
  ),
];

/** What a restore was asked for. */
export interface RestorePlan {
  /** The backup's source, whose engine the target shares. */
  readonly backupSource: SourceSpec;
  /** The database to restore into. */
  readonly target: SourceSpec;
  readonly filePrefix: string;
  readonly backupName?: string;
  readonly containersGiven: boolean;
  readonly writableTmp: boolean;
}

const RESTORE = ['BackupRestoreJob'];

function restoreRule(
  id: string,
  summary: string,
  check: (plan: RestorePlan) => Violation[],
): ConstructRule<RestorePlan> {
  return { id, origin: RuleOrigin.CONSTRUCT, constructs: RESTORE, summary, check };
}

export const BACKUP_RESTORE_RULES: readonly ConstructRule<RestorePlan>[] = [
  restoreRule(
    'backup-restore-pod-settings-conflict',
    'A BackupRestoreJob is given containers of its own, or no writable /tmp for its scratch files.',
    ({ containersGiven, writableTmp }) => [
      ...(containersGiven
        ? [
            {
              field: 'containers',
              message: 'a BackupRestoreJob makes its own containers.',
              fix: 'remove containers; use initContainers for steps that must run first.',
            },
          ]
        : []),
      ...(writableTmp
        ? []
        : [
            {
              field: 'writableTmp',
              message: 'the restore writes its scratch files (and, from object storage, the backup) to /tmp.',
              fix: 'remove writableTmp: false.',
            },
          ]),
    ],
  ),
  restoreRule(
    'backup-restore-unsupported',
    'A BackupRestoreJob of a backup whose source is a command: only database dumps have a known restore.',
    ({ backupSource }) =>
      backupSource.engine !== undefined
        ? []
        : [
            {
              field: 'backup',
              message: "the backup's source is a command, whose dumps only the matching tool can restore.",
              fix: 'restore a command backup with a Job of your own that runs that tool.',
            },
          ],
  ),
  restoreRule(
    'backup-restore-target-invalid',
    'A restore target with an empty host, database, user or image, a port outside 1-65535, or not exactly one of user and userSecret.',
    ({ target }) => sourceViolations(target, 'target'),
  ),
  restoreRule(
    'backup-restore-name-invalid',
    "A backupName that is not a file name of the backup's exact shape `<filePrefix>-<YYYYMMDDTHHMMSSZ>.<extension>.gz`.",
    ({ backupName, filePrefix, backupSource }) =>
      backupName === undefined || isBackupName(backupName, filePrefix, backupSource.fileExtension)
        ? []
        : [
            {
              field: 'backupName',
              message: `"${backupName}" is not a name this backup writes (${filePrefix}-<YYYYMMDDTHHMMSSZ>.${backupSource.fileExtension}.gz).`,
              fix: 'copy the name from the bucket or volume listing, or leave backupName unset for the latest.',
            },
          ],
  ),
];

/** Whether `name` has the exact shape of this backup's files (what retention and restore match). */
function isBackupName(name: string, filePrefix: string, extension: string): boolean {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The timestamp glob (digits in brackets, T and Z) reads the same as a regular expression.
  return new RegExp(`^${escape(filePrefix)}-${TIMESTAMP_GLOB}\\.${escape(extension)}\\.gz$`).test(name);
}

function sourceViolations(source: SourceSpec, prop: string): Violation[] {
  const violations: Violation[] = [];
  if (source.image.trim() === '')
    violations.push({
      field: `${prop}.image`,
      message: 'the image is empty.',
      fix: 'name an image with the dump tool and /bin/sh.',
    });
  const database = source.database;
  if (database) {
    if (database.host.trim() === '')
      violations.push({
        field: `${prop}.host`,
        message: 'the host is empty.',
        fix: 'name the database server, e.g. its Service "orders-db.shop.svc".',
      });
    if (database.database === '')
      violations.push({
        field: `${prop}.database`,
        message: 'the database name is empty.',
        fix: 'name the database to dump.',
      });
    const port = database.port;
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535))
      violations.push({
        field: `${prop}.port`,
        message: `${port} is not a TCP port.`,
        fix: "use 1 to 65535, or leave it unset for the engine's default.",
      });
    if ((database.user === undefined) === (database.userSecret === undefined)) {
      violations.push({
        field: `${prop}.user`,
        message: 'give exactly one of user and userSecret.',
        fix: 'set user to the database user name, or userSecret to the Secret key that holds it.',
      });
    } else if (database.user === '') {
      violations.push({ field: `${prop}.user`, message: 'the user name is empty.', fix: 'name the database user.' });
    }
  }
  if (source.command && source.command.command.length === 0)
    violations.push({
      field: `${prop}.command`,
      message: 'the command is empty.',
      fix: 'give the program and its arguments, e.g. ["redis-cli", "--rdb", "-"].',
    });
  return violations;
}

function volumeViolations(destination: DestinationSpec): Violation[] {
  const volume = destination.volume;
  if (!volume) return [];
  const violations: Violation[] = [];
  if (dns1123SubdomainProblems(volume.claimName).length > 0)
    violations.push({
      field: 'destination.claimName',
      message: `"${volume.claimName}" is not a PersistentVolumeClaim name.`,
      fix: 'use the claim\'s name (lowercase letters, digits, "-" and ".").',
    });
  const mountPath = volume.mountPath;
  if (
    mountPath !== undefined &&
    (!mountPath.startsWith('/') ||
      mountPath === '/' ||
      mountPath === '/tmp' ||
      mountPath.split('/').includes('..') ||
      hasControlCharacter(mountPath))
  )
    violations.push({
      field: 'destination.mountPath',
      message: `"${mountPath}" cannot hold the backups.`,
      fix: 'use an absolute path other than / and /tmp, without "..", e.g. "/backup".',
    });
  const subPath = volume.subPath;
  if (
    subPath !== undefined &&
    (subPath.startsWith('/') || subPath.split('/').includes('..') || !/^[A-Za-z0-9._/-]+$/.test(subPath))
  )
    violations.push({
      field: 'destination.subPath',
      message: `"${subPath}" is not a relative path inside the volume.`,
      fix: 'use letters, digits, ".", "_", "-" and "/", without a leading "/" or "..".',
    });
  return violations;
}

function s3Violations(destination: DestinationSpec): Violation[] {
  const s3 = destination.s3;
  if (!s3) return [];
  const violations: Violation[] = [];
  if (s3.bucket === '' || s3.bucket.includes('/') || hasControlCharacter(s3.bucket))
    violations.push({
      field: 'destination.bucket',
      message: `"${s3.bucket}" is not a bucket name.`,
      fix: 'give the bucket\'s name alone, without "s3://" or a path (the path goes in prefix).',
    });
  const prefix = s3.prefix ?? '';
  if (prefix.startsWith('/') || hasControlCharacter(prefix))
    violations.push({
      field: 'destination.prefix',
      message: `${JSON.stringify(prefix)} starts with "/" or holds control characters, which make keys that tools list wrongly.`,
      fix: 'use e.g. "postgres/orders/".',
    });
  if (s3.endpoint !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(s3.endpoint))
    violations.push({
      field: 'destination.endpoint',
      message: `"${s3.endpoint}" is not an http(s) URL.`,
      fix: 'use e.g. "https://minio.storage.svc:9000".',
    });
  if (s3.kmsKeyId !== undefined && s3.encryption !== S3Encryption.KMS)
    violations.push({
      field: 'destination.kmsKeyId',
      message: 'a KMS key only applies with encryption: S3Encryption.KMS.',
      fix: 'set encryption to S3Encryption.KMS, or drop kmsKeyId.',
    });
  if ((s3.accessKeyId === undefined) !== (s3.secretAccessKey === undefined))
    violations.push({
      field: 'destination.accessKeyId',
      message: 'an access key needs both halves.',
      fix: "set accessKeyId and secretAccessKey, or neither (and use the ServiceAccount's identity).",
    });
  if (s3.image !== undefined && s3.image.trim() === '')
    violations.push({
      field: 'destination.image',
      message: 'the image is empty.',
      fix: 'name an image with the AWS CLI v2 and /bin/sh.',
    });
  return violations;
}
