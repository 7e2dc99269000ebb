/**
 * The shell scripts of a BackupCronJob's containers, generated from the features in use only
 * (never from prop values: those arrive as the environment variables named in BACKUP_ENV, or as
 * positional parameters; see posix-shell.ts). Pure: the construct decides, this module writes.
 *
 * The pod runs, in order:
 * 1. `wait-for-database` (init, database sources): probes the server until it answers, a bounded
 *    number of times.
 * 2. the dump: `dump | gzip` into a hidden `.partial` file, renamed to
 *    `<prefix>-<YYYYMMDDTHHMMSSZ>.<extension>.gz` only once both succeeded, so a half-written file
 *    never looks like a backup. To a volume: the main container, which then applies retention.
 *    To object storage: an init container writing to /tmp, handing the name to the next step.
 * 3. `upload` (object storage): copies the file, then applies retention.
 * Retention runs only after a new backup was stored, so it never deletes the newest one, and it
 * only touches names of this backup's exact shape (`<prefix>-<timestamp>.`), never other files.
 */
import { cutoffTimestamp, pipeWithStatus, requireWholeNumber, retryUntil, shellScript } from './posix-shell';

/** The environment variables the scripts read; the construct sets them from the props. */
export const BACKUP_ENV = {
  /** Directory the finished backup file is written to (the volume's mount path, or /tmp). */
  dir: 'BACKUP_DIR',
  /** Scratch directory (the writable /tmp) for the dump's status and the hand-over between steps. */
  workDir: 'BACKUP_WORK_DIR',
  /** File name prefix, e.g. `orders`: files are `orders-20260101T030000Z.sql.gz`. */
  filePrefix: 'BACKUP_FILE_PREFIX',
  /** File extension before `.gz`, e.g. `sql`. */
  fileExtension: 'BACKUP_FILE_EXTENSION',
  /** Delete this backup's files older than this many days (only set when retention is on). */
  retentionDays: 'BACKUP_RETENTION_DAYS',
  /** How many times the database is probed before the backup gives up. */
  waitAttempts: 'BACKUP_WAIT_ATTEMPTS',
  /** Seconds between two probes. */
  waitIntervalSeconds: 'BACKUP_WAIT_INTERVAL_SECONDS',
  /** MySQL/MariaDB connection (PostgreSQL uses libpq's own PGHOST, PGPORT, PGUSER, PGDATABASE). */
  host: 'DB_HOST',
  port: 'DB_PORT',
  user: 'DB_USER',
  database: 'DB_NAME',
  /** Object storage. */
  bucket: 'S3_BUCKET',
  keyPrefix: 'S3_PREFIX',
  endpoint: 'S3_ENDPOINT',
  storageClass: 'S3_STORAGE_CLASS',
  encryption: 'S3_SSE',
  kmsKeyId: 'S3_SSE_KMS_KEY_ID',
} as const;

const E = BACKUP_ENV;
const WHO = 'backup';

/**
 * The timestamp part of a backup file name as a shell/find glob: `date -u +%Y%m%dT%H%M%SZ`.
 * Matching it exactly keeps retention for prefix `db` away from the files of prefix `db-staging`.
 */
export const TIMESTAMP_GLOB = '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z';

/** The file in the scratch directory through which the dump step tells the upload step the file name. */
const HANDOFF_FILE = `"$${E.workDir}/backup-name"`;

/** The database programs, per engine; their connection comes from the environment. */
export interface DumpProgram {
  /** Writes the dump to stdout; `"$@"` are the user's extra arguments. */
  readonly dump: string;
  /** Exits 0 once the server answers. */
  readonly probe: string;
}

/** pg_dump and pg_isready read PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD themselves. */
export const POSTGRES_PROGRAM: DumpProgram = {
  dump: 'pg_dump --no-password "$@"',
  probe: 'pg_isready --quiet --timeout=5',
};

/** mysqldump/mariadb-dump: the password comes from MYSQL_PWD; `--` keeps a database name that starts with "-" a name. */
function mysqlFamilyProgram(dumpBinary: string, adminBinary: string): DumpProgram {
  const connection = `"--host=$${E.host}" "--port=$${E.port}" "--user=$${E.user}"`;
  return {
    dump: `${dumpBinary} ${connection} --single-transaction "$@" -- "$${E.database}"`,
    // `ping` exits 0 whenever the server answers, even with "access denied": this only waits for it to be up.
    probe: `${adminBinary} ${connection} --connect-timeout=5 --silent ping`,
  };
}

export const MYSQL_PROGRAM = mysqlFamilyProgram('mysqldump', 'mysqladmin');
/** MariaDB 11 images ship only the mariadb-* names. */
export const MARIADB_PROGRAM = mysqlFamilyProgram('mariadb-dump', 'mariadb-admin');

/** A user's command that writes the dump to stdout: the container's args are the command. */
export const COMMAND_PROGRAM_DUMP = '"$@"';

/** The init container that waits until the database answers (at most BACKUP_WAIT_ATTEMPTS probes). */
export function waitForDatabaseScript(program: DumpProgram): string {
  return shellScript(
    retryUntil(program.probe, E.waitAttempts, E.waitIntervalSeconds, WHO, 'the database did not answer'),
  );
}

/** What the dump step does besides dumping. */
export interface DumpScriptOptions {
  /** Apply retention in BACKUP_DIR afterwards (the volume destination). */
  readonly pruneDirectory: boolean;
  /** Write the file name for the upload step (the object storage destination). */
  readonly handOff: boolean;
}

/** The dump step: `dump | gzip` into BACKUP_DIR under a timestamped name; see the module comment. */
export function dumpScript(dump: string, options: DumpScriptOptions): string {
  const lines = [
    'stamp=$(date -u +%Y%m%dT%H%M%SZ)',
    `name="$${E.filePrefix}-$stamp.$${E.fileExtension}.gz"`,
    `partial="$${E.dir}/.$name.partial"`,
    `trap 'rm -f "$partial"' EXIT`,
    ...pipeWithStatus(dump, 'gzip -c > "$partial"', `$${E.workDir}/dump-status`, WHO, 'the dump'),
    `mv "$partial" "$${E.dir}/$name"`,
    `printf '${WHO}: wrote %s/%s\\n' "$${E.dir}" "$name"`,
  ];
  if (options.handOff) lines.push(`printf '%s\\n' "$name" > ${HANDOFF_FILE}`);
  if (options.pruneDirectory) lines.push(...pruneDirectoryLines());
  return shellScript(lines);
}

/** Deletes this backup's files in BACKUP_DIR older than BACKUP_RETENTION_DAYS (by modification time). */
function pruneDirectoryLines(): string[] {
  return [
    requireWholeNumber(E.retentionDays, WHO),
    `find "$${E.dir}" -maxdepth 1 -type f -name "$${E.filePrefix}-${TIMESTAMP_GLOB}.*" -mmin "+$((${E.retentionDays} * 1440))" -print -exec rm -f {} +`,
  ];
}

/** The object storage features in use; their values are in the environment. */
export interface UploadScriptOptions {
  /** Pass `--endpoint-url` (S3-compatible storage other than AWS). */
  readonly endpoint: boolean;
  readonly storageClass: boolean;
  readonly encryption: boolean;
  readonly kmsKeyId: boolean;
  /** Apply retention under the key prefix afterwards. */
  readonly prune: boolean;
}

/** The upload step: copies the dump step's file to `s3://$S3_BUCKET/$S3_PREFIX<name>`, then retention. */
export function uploadScript(options: UploadScriptOptions): string {
  const copyFlags = [
    '--only-show-errors',
    options.storageClass ? `--storage-class "$${E.storageClass}"` : undefined,
    options.encryption ? `--sse "$${E.encryption}"` : undefined,
    options.kmsKeyId ? `--sse-kms-key-id "$${E.kmsKeyId}"` : undefined,
  ].filter((flag) => flag !== undefined);
  const lines = [
    // One place that knows the endpoint, for every call below.
    `aws_cli() { aws${options.endpoint ? ` --endpoint-url "$${E.endpoint}"` : ''} "$@"; }`,
    `read -r name < ${HANDOFF_FILE}`,
    `aws_cli s3 cp "$${E.dir}/$name" "s3://$${E.bucket}/$${E.keyPrefix}$name" ${copyFlags.join(' ')}`,
    `printf '${WHO}: uploaded s3://%s/%s%s\\n' "$${E.bucket}" "$${E.keyPrefix}" "$name"`,
  ];
  if (options.prune) lines.push(...pruneBucketLines());
  return shellScript(lines);
}

/**
 * Deletes this backup's objects under the prefix whose LastModified is older than
 * BACKUP_RETENTION_DAYS. The listing is `<LastModified><TAB><Key>` per line; awk compares the
 * timestamps as strings (see `cutoffTimestamp`) and prints the whole key after the first tab; the
 * `case` deletes only keys of this backup's exact shape.
 */
function pruneBucketLines(): string[] {
  return [
    requireWholeNumber(E.retentionDays, WHO),
    cutoffTimestamp('cutoff', `${E.retentionDays} * 86400`),
    `keys="$${E.keyPrefix}$${E.filePrefix}-"`,
    `aws_cli s3api list-objects-v2 --bucket "$${E.bucket}" --prefix "$keys" --query 'Contents[].[LastModified,Key]' --output text > "$${E.workDir}/listing"`,
    `awk -v cutoff="$cutoff" 'index($0, "\\t") > 1 && substr($0, 1, index($0, "\\t") - 1) < cutoff { print substr($0, index($0, "\\t") + 1) }' "$${E.workDir}/listing" > "$${E.workDir}/expired"`,
    'while IFS= read -r key; do',
    '  case "$key" in',
    `    "$keys"${TIMESTAMP_GLOB}.*)`,
    `      aws_cli s3api delete-object --bucket "$${E.bucket}" --key "$key" > /dev/null`,
    `      printf '${WHO}: deleted s3://%s/%s\\n' "$${E.bucket}" "$key" ;;`,
    '  esac',
    `done < "$${E.workDir}/expired"`,
  ];
}
