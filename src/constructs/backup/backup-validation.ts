/**
 * Mistakes in a BackupCronJob's props that no manifest rule can see (they are about the script,
 * the storage or the source, not a batch/v1 field), as synth errors that name the prop and say
 * the fix. Pure. Mistakes in the emitted CronJob itself are found by the rules, like for any CronJob.
 */
import { Duration } from 'cdk8s';
import { DestinationSpec, S3Encryption } from './backup-destination';
import { SourceSpec } from './backup-source';

/** What the construct decided, for validation. */
export interface BackupPlan {
  readonly source: SourceSpec;
  readonly destination: DestinationSpec;
  readonly filePrefix: string;
  readonly retentionDays?: number;
  readonly waitTimeout?: Duration;
  readonly containersGiven: boolean;
  readonly writableTmp: boolean;
}

/** Letters, digits, ".", "_" and "-", starting with a letter or digit: safe in a file name, a key and a find pattern. */
const FILE_NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const FILE_EXTENSION = /^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function backupProblems(plan: BackupPlan): string[] {
  return [
    ...podProblems(plan),
    ...namingProblems(plan),
    ...sourceProblems(plan.source, plan.waitTimeout),
    ...volumeProblems(plan.destination),
    ...s3Problems(plan.destination),
  ];
}

function podProblems(plan: BackupPlan): string[] {
  const problems: string[] = [];
  if (plan.containersGiven) {
    problems.push(
      "containers: a BackupCronJob makes its own containers, and another container would keep every run's pod from finishing. Fix: remove containers; use initContainers for steps that must run first.",
    );
  }
  if (!plan.writableTmp) {
    problems.push(
      'writableTmp: the backup writes its scratch files (and, for object storage, the dump) to /tmp, which is read-only without it. Fix: remove writableTmp: false.',
    );
  }
  return problems;
}

function namingProblems(plan: BackupPlan): string[] {
  const problems: string[] = [];
  if (!FILE_NAME_PART.test(plan.filePrefix)) {
    problems.push(
      `filePrefix: "${plan.filePrefix}" is not a safe file name part. Fix: use letters, digits, ".", "_" and "-" (at most 100, starting with a letter or digit).`,
    );
  }
  const days = plan.retentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 36_500)) {
    problems.push(
      `retentionDays: ${days} is not a whole number of days from 1 to 36500. Fix: e.g. 14, or leave it unset to keep every backup.`,
    );
  }
  return problems;
}

function sourceProblems(source: SourceSpec, waitTimeout: Duration | undefined): string[] {
  const problems: string[] = [];
  if (source.image.trim() === '')
    problems.push('source.image: the image is empty. Fix: name an image with the dump tool and /bin/sh.');
  if (!FILE_EXTENSION.test(source.fileExtension)) {
    problems.push(
      `source.fileExtension: "${source.fileExtension}" is not a safe file extension. Fix: use letters, digits, "." and "-", e.g. "rdb".`,
    );
  }
  const database = source.database;
  if (database) {
    if (database.host.trim() === '')
      problems.push(
        'source.host: the host is empty. Fix: name the database server, e.g. its Service "orders-db.shop.svc".',
      );
    if (database.database === '')
      problems.push('source.database: the database name is empty. Fix: name the database to dump.');
    if (
      database.port !== undefined &&
      !(Number.isInteger(database.port) && database.port >= 1 && database.port <= 65535)
    ) {
      problems.push(
        `source.port: ${database.port} is not a TCP port. Fix: use 1 to 65535, or leave it unset for the engine's default.`,
      );
    }
    if ((database.user === undefined) === (database.userSecret === undefined)) {
      problems.push(
        'source.user: give exactly one of user and userSecret. Fix: set user to the database user name, or userSecret to the Secret key that holds it.',
      );
    } else if (database.user === '') {
      problems.push('source.user: the user name is empty. Fix: name the database user.');
    }
    if (waitTimeout !== undefined && waitTimeout.toSeconds() < 5) {
      problems.push(
        `databaseWaitTimeout: ${waitTimeout.toSeconds()} s leaves no time for one probe (each waits up to 5 s). Fix: use at least Duration.seconds(5), or waitForDatabase: false.`,
      );
    }
  }
  if (source.command && source.command.command.length === 0) {
    problems.push(
      'source.command: the command is empty. Fix: give the program and its arguments, e.g. ["redis-cli", "--rdb", "-"].',
    );
  }
  return problems;
}

function volumeProblems(destination: DestinationSpec): string[] {
  const volume = destination.volume;
  if (!volume) return [];
  const problems: string[] = [];
  if (!DNS_SUBDOMAIN.test(volume.claimName) || volume.claimName.length > 253) {
    problems.push(
      `destination.claimName: "${volume.claimName}" is not a PersistentVolumeClaim name. Fix: use the claim's name (lowercase letters, digits, "-" and ".").`,
    );
  }
  const mountPath = volume.mountPath;
  if (
    mountPath !== undefined &&
    (!mountPath.startsWith('/') ||
      mountPath === '/' ||
      mountPath === '/tmp' ||
      mountPath.split('/').includes('..') ||
      CONTROL_CHARACTERS.test(mountPath))
  ) {
    problems.push(
      `destination.mountPath: "${mountPath}" cannot hold the backups. Fix: use an absolute path other than / and /tmp, without "..", e.g. "/backup".`,
    );
  }
  const subPath = volume.subPath;
  if (
    subPath !== undefined &&
    (subPath.startsWith('/') || subPath.split('/').includes('..') || !/^[A-Za-z0-9._/-]+$/.test(subPath))
  ) {
    problems.push(
      `destination.subPath: "${subPath}" is not a relative path inside the volume. Fix: use letters, digits, ".", "_", "-" and "/", without a leading "/" or "..".`,
    );
  }
  return problems;
}

function s3Problems(destination: DestinationSpec): string[] {
  const s3 = destination.s3;
  if (!s3) return [];
  const problems: string[] = [];
  if (s3.bucket === '' || s3.bucket.includes('/') || CONTROL_CHARACTERS.test(s3.bucket)) {
    problems.push(
      `destination.bucket: "${s3.bucket}" is not a bucket name. Fix: give the bucket's name alone, without "s3://" or a path (the path goes in prefix).`,
    );
  }
  const prefix = s3.prefix ?? '';
  if (prefix.startsWith('/') || CONTROL_CHARACTERS.test(prefix)) {
    problems.push(
      `destination.prefix: ${JSON.stringify(prefix)} starts with "/" or holds control characters, which make keys that tools list wrongly. Fix: e.g. "postgres/orders/".`,
    );
  }
  if (s3.endpoint !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(s3.endpoint)) {
    problems.push(
      `destination.endpoint: "${s3.endpoint}" is not an http(s) URL. Fix: e.g. "https://minio.storage.svc:9000".`,
    );
  }
  if (s3.kmsKeyId !== undefined && s3.encryption !== S3Encryption.KMS) {
    problems.push(
      'destination.kmsKeyId: a KMS key only applies with encryption: S3Encryption.KMS. Fix: set encryption to S3Encryption.KMS, or drop kmsKeyId.',
    );
  }
  if ((s3.accessKeyId === undefined) !== (s3.secretAccessKey === undefined)) {
    problems.push(
      "destination.accessKeyId: an access key needs both halves. Fix: set accessKeyId and secretAccessKey, or neither (and use the ServiceAccount's identity).",
    );
  }
  if (s3.image !== undefined && s3.image.trim() === '')
    problems.push('destination.image: the image is empty. Fix: name an image with the AWS CLI v2 and /bin/sh.');
  return problems;
}
