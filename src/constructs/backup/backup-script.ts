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
 *    never looks like a backup. Files are created with umask 077 (owner only: a dump holds every
 *    row). To a volume: the main container, which then removes this backup's partial files older
 *    than BACKUP_PARTIAL_MAX_AGE_MINUTES (left by a run that was killed: SIGKILL, or SIGTERM of the
 *    pod, whose shell runs no trap then) and applies retention. To object storage: an init
 *    container writing to the pod's own /tmp, handing the name to the next step.
 * 3. `upload` (object storage): copies the file (an object appears only once complete), then
 *    applies retention.
 * Retention runs only after a new backup was stored, so it never deletes the newest one, and it
 * only touches names of this backup's exact shape (`<prefix>-<timestamp>.`), never other files.
 *
 * The restore Job (BackupRestoreJob) runs `download` (object storage: the latest or named object
 * into /tmp) and `restore`: checks the gzip stream whole, then feeds it to psql or the MySQL client.
 */
import { BACKUP_TARGET_ENV } from '../../rules/backup-target';
import { cutoffTimestamp, pipeWithStatus, requireWholeNumber, retryUntil, shellScript } from './posix-shell';

/** The environment variables the scripts read; the construct sets them from the props. */
export const BACKUP_ENV = {
  /** Directory the finished backup file is written to (the volume's mount path, or /tmp). */
  dir: BACKUP_TARGET_ENV.dir,
  /** Scratch directory (the writable /tmp) for the dump's status and the hand-over between steps. */
  workDir: 'BACKUP_WORK_DIR',
  /** File name prefix, e.g. `orders`: files are `orders-20260101T030000Z.sql.gz`. */
  filePrefix: BACKUP_TARGET_ENV.filePrefix,
  /** File extension before `.gz`, e.g. `sql`. */
  fileExtension: 'BACKUP_FILE_EXTENSION',
  /** Delete this backup's files older than this many days (only set when retention is on). */
  retentionDays: 'BACKUP_RETENTION_DAYS',
  /** Delete this backup's partial files older than this many minutes: no run that is still alive wrote them. */
  partialMaxAgeMinutes: 'BACKUP_PARTIAL_MAX_AGE_MINUTES',
  /** The file holding the database password (a mounted Secret key), when the password comes as a file. */
  passwordFile: 'BACKUP_PASSWORD_FILE',
  /** The backup a restore restores (a file name); unset for the latest. */
  restoreName: 'BACKUP_RESTORE_NAME',
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
  bucket: BACKUP_TARGET_ENV.bucket,
  keyPrefix: BACKUP_TARGET_ENV.keyPrefix,
  endpoint: BACKUP_TARGET_ENV.endpoint,
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

/** Where the backup files are created: owner only, since a dump holds every row of the database. */
const PRIVATE_FILES = 'umask 077';

/** How the database client gets its password. */
export enum PasswordDelivery {
  /** PGPASSWORD or MYSQL_PWD, from a `secretKeyRef`. */
  ENVIRONMENT = 'environment',
  /** The Secret key mounted as the file BACKUP_PASSWORD_FILE, turned into the client's own credentials file. */
  FILE = 'file',
}

/** A database's programs, per engine and password delivery; their connection comes from the environment. */
export interface DatabaseProgram {
  /** Writes the dump to stdout; `"$@"` are the user's extra arguments. */
  readonly dump: string;
  /** Exits 0 once the server answers (it needs no password). */
  readonly probe: string;
  /** Reads a dump on stdin into the database, stopping at the first error. */
  readonly restore: string;
  /** Lines that run before `dump` and `restore`: with a password file, they write the client's credentials file. */
  readonly credentialSetup: readonly string[];
}

/** The dump-related part of a program that BackupCronJob's dump step runs (a database's, or a user's command). */
export type DumpProgram = Pick<DatabaseProgram, 'dump' | 'credentialSetup'>;

/**
 * A password file turned into a file the client reads itself, escaped for its format: the
 * password never enters the environment or a command line. Trailing newlines of the Secret's value
 * are dropped (as `$(...)` does), which is what a password written with `echo` means.
 */
function credentialFileLines(file: string, format: string, escapedCharacters: string): string[] {
  return [
    `printf '${format}' "$(sed -e 's/[${escapedCharacters}]/\\\\&/g' "$${E.passwordFile}")" > "$${E.workDir}/${file}"`,
  ];
}

const PGPASS_FILE = 'pgpass';
const MYSQL_OPTION_FILE = 'client.cnf';

/** pg_dump, pg_isready and psql read PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD (or PGPASSFILE) themselves. */
export function postgresProgram(delivery: PasswordDelivery): DatabaseProgram {
  return {
    dump: 'pg_dump --no-password "$@"',
    probe: 'pg_isready --quiet --timeout=5',
    // --file=- makes --single-transaction apply to standard input: all of the dump, or nothing.
    restore: 'psql --no-password --no-psqlrc --quiet --set ON_ERROR_STOP=1 --single-transaction --file=- > /dev/null',
    credentialSetup:
      delivery === PasswordDelivery.FILE
        ? // libpq's password file: host:port:database:user:password, with "\" and ":" escaped.
          [
            ...credentialFileLines(PGPASS_FILE, '*:*:*:*:%s\\n', '\\\\:'),
            `export PGPASSFILE="$${E.workDir}/${PGPASS_FILE}"`,
          ]
        : [],
  };
}

/**
 * mysqldump/mariadb-dump and the mysql/mariadb client: the password comes from MYSQL_PWD, or from
 * an option file given first (`--defaults-extra-file` must be the first option); `--` keeps a
 * database name that starts with "-" a name. The dump keeps stored routines and events
 * (`--routines --events`; triggers are dumped by default), which a restore needs as much as rows.
 */
function mysqlFamilyProgram(
  binaries: { dump: string; admin: string; client: string },
  delivery: PasswordDelivery,
): DatabaseProgram {
  const optionFile =
    delivery === PasswordDelivery.FILE ? `"--defaults-extra-file=$${E.workDir}/${MYSQL_OPTION_FILE}" ` : '';
  const connection = `"--host=$${E.host}" "--port=$${E.port}" "--user=$${E.user}"`;
  return {
    dump: `${binaries.dump} ${optionFile}${connection} --single-transaction --routines --events "$@" -- "$${E.database}"`,
    // `ping` exits 0 whenever the server answers, even with "access denied": this only waits for it to be up.
    probe: `${binaries.admin} ${connection} --connect-timeout=5 --silent ping`,
    restore: `${binaries.client} ${optionFile}${connection} --batch -- "$${E.database}"`,
    credentialSetup:
      delivery === PasswordDelivery.FILE
        ? credentialFileLines(MYSQL_OPTION_FILE, '[client]\\npassword="%s"\\n', '\\\\"')
        : [],
  };
}

export function mysqlProgram(delivery: PasswordDelivery): DatabaseProgram {
  return mysqlFamilyProgram({ dump: 'mysqldump', admin: 'mysqladmin', client: 'mysql' }, delivery);
}

/** MariaDB 11 images ship only the mariadb-* names. */
export function mariadbProgram(delivery: PasswordDelivery): DatabaseProgram {
  return mysqlFamilyProgram({ dump: 'mariadb-dump', admin: 'mariadb-admin', client: 'mariadb' }, delivery);
}

/** A user's command that writes the dump to stdout: the container's args are the command. */
export const COMMAND_PROGRAM: DumpProgram = { dump: '"$@"', credentialSetup: [] };

/** The init container that waits until the database answers (at most BACKUP_WAIT_ATTEMPTS probes). */
export function waitForDatabaseScript(program: Pick<DatabaseProgram, 'probe'>): string {
  return shellScript(
    retryUntil(program.probe, E.waitAttempts, E.waitIntervalSeconds, WHO, 'the database did not answer'),
  );
}

/** What the dump step does besides dumping. */
export interface DumpScriptOptions {
  /**
   * Writing into a volume: afterwards, remove this backup's partial files older than
   * BACKUP_PARTIAL_MAX_AGE_MINUTES, and apply retention when `prune` is set.
   */
  readonly volume: boolean;
  /** Apply retention in BACKUP_DIR afterwards (a volume with retentionDays). */
  readonly prune: boolean;
  /** Write the file name for the upload step (the object storage destination). */
  readonly handOff: boolean;
}

/** The dump step: `dump | gzip` into BACKUP_DIR under a timestamped name; see the module comment. */
export function dumpScript(program: DumpProgram, options: DumpScriptOptions): string {
  const lines = [
    PRIVATE_FILES,
    ...program.credentialSetup,
    'stamp=$(date -u +%Y%m%dT%H%M%SZ)',
    `name="$${E.filePrefix}-$stamp.$${E.fileExtension}.gz"`,
    `partial="$${E.dir}/.$name.partial"`,
    // Runs on every exit the shell sees; a killed shell sees none, which the sweep below covers.
    `trap 'rm -f "$partial"' EXIT`,
    ...pipeWithStatus(program.dump, 'gzip -c > "$partial"', `$${E.workDir}/dump-status`, WHO, 'the dump'),
    `mv "$partial" "$${E.dir}/$name"`,
    `printf '${WHO}: wrote %s/%s\\n' "$${E.dir}" "$name"`,
  ];
  if (options.handOff) lines.push(`printf '%s\\n' "$name" > ${HANDOFF_FILE}`);
  if (options.volume) lines.push(...sweepPartialLines());
  if (options.prune) lines.push(...pruneDirectoryLines());
  return shellScript(lines);
}

/**
 * Deletes this backup's partial files in BACKUP_DIR older than BACKUP_PARTIAL_MAX_AGE_MINUTES (the
 * Job's deadline: no live run of this backup is older), left behind by runs that were killed.
 */
function sweepPartialLines(): string[] {
  return [
    requireWholeNumber(E.partialMaxAgeMinutes, WHO),
    `find "$${E.dir}" -maxdepth 1 -type f -name ".$${E.filePrefix}-${TIMESTAMP_GLOB}.*.partial" -mmin "+$${E.partialMaxAgeMinutes}" -print -exec rm -f {} +`,
  ];
}

/** Deletes this backup's files in BACKUP_DIR older than BACKUP_RETENTION_DAYS (by modification time). */
function pruneDirectoryLines(): string[] {
  return [
    requireWholeNumber(E.retentionDays, WHO),
    `find "$${E.dir}" -maxdepth 1 -type f -name "$${E.filePrefix}-${TIMESTAMP_GLOB}.*" -mmin "+$((${E.retentionDays} * 1440))" -print -exec rm -f {} +`,
  ];
}

/** How the AWS CLI reaches the store; the values are in the environment. */
export interface StoreAccessOptions {
  /** Pass `--endpoint-url` (S3-compatible storage other than AWS). */
  readonly endpoint: boolean;
  /** Address buckets as `<endpoint>/<bucket>` instead of `<bucket>.<endpoint>` (most MinIO and Ceph setups). */
  readonly pathStyle: boolean;
}

/** Defines `aws_cli`, the one place that knows the endpoint and addressing style, for every call after it. */
function awsCliLines(options: StoreAccessOptions): string[] {
  return [
    ...(options.pathStyle
      ? [
          // The AWS CLI has no flag or environment variable for the addressing style, only its config file.
          `printf '[default]\\ns3 =\\n  addressing_style = path\\n' > "$${E.workDir}/aws-config"`,
          `export AWS_CONFIG_FILE="$${E.workDir}/aws-config"`,
        ]
      : []),
    `aws_cli() { aws${options.endpoint ? ` --endpoint-url "$${E.endpoint}"` : ''} "$@"; }`,
  ];
}

/** The object storage features in use; their values are in the environment. */
export interface UploadScriptOptions extends StoreAccessOptions {
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
    PRIVATE_FILES,
    ...awsCliLines(options),
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

const RESTORE = 'restore';

/** Which backup a restore takes. */
export interface RestoreChoice {
  /** BACKUP_RESTORE_NAME names it; otherwise the latest (the greatest timestamp) is taken. */
  readonly named: boolean;
}

/**
 * Sets `$name` to the backup to restore, from a file listing names one per line: the named one,
 * or the latest name of this backup's exact shape (timestamps sort as text). Stops when there is none.
 */
function chooseBackupLines(listing: string, choice: RestoreChoice): string[] {
  const shape = `"$${E.filePrefix}"-${TIMESTAMP_GLOB}."$${E.fileExtension}".gz`;
  return [
    choice.named ? `printf '%s\\n' "$${E.restoreName}" > "${listing}"` : undefined,
    `name=$(while IFS= read -r entry; do case "$entry" in ${shape}) printf '%s\\n' "$entry" ;; esac; done < "${listing}" | LC_ALL=C sort | tail -n 1)`,
    `if [ -z "$name" ]; then printf '${RESTORE}: no backup %s-<timestamp>.%s.gz%s\\n' "$${E.filePrefix}" "$${E.fileExtension}" "${choice.named ? ` named "$${E.restoreName}"` : ' found'}" >&2; exit 1; fi`,
  ].filter((line) => line !== undefined);
}

/** The object storage download of a restore: the chosen object into BACKUP_DIR (/tmp), its name handed on. */
export function downloadScript(options: StoreAccessOptions & RestoreChoice): string {
  const listing = `$${E.workDir}/listing`;
  return shellScript([
    PRIVATE_FILES,
    ...awsCliLines(options),
    ...(options.named
      ? []
      : [
          `aws_cli s3api list-objects-v2 --bucket "$${E.bucket}" --prefix "$${E.keyPrefix}$${E.filePrefix}-" --query 'Contents[].[Key]' --output text > "${listing}.keys"`,
          `while IFS= read -r key; do printf '%s\\n' "\${key#"$${E.keyPrefix}"}"; done < "${listing}.keys" > "${listing}"`,
        ]),
    ...chooseBackupLines(listing, options),
    `aws_cli s3 cp "s3://$${E.bucket}/$${E.keyPrefix}$name" "$${E.dir}/$name" --only-show-errors`,
    `printf '${RESTORE}: downloaded s3://%s/%s%s\\n' "$${E.bucket}" "$${E.keyPrefix}" "$name"`,
    `printf '%s\\n' "$name" > ${HANDOFF_FILE}`,
  ]);
}

/** Where the restore step finds the backup. */
export interface RestoreScriptOptions extends RestoreChoice {
  /** In the mounted volume (BACKUP_DIR), chosen here; otherwise in /tmp, as the download step handed it on. */
  readonly volume: boolean;
}

/**
 * The restore step: checks the whole gzip stream first (a damaged file restores nothing), then
 * pipes it into the database client, failing when either side fails.
 */
export function restoreScript(
  program: Pick<DatabaseProgram, 'restore' | 'credentialSetup'>,
  options: RestoreScriptOptions,
): string {
  const listing = `$${E.workDir}/listing`;
  return shellScript([
    PRIVATE_FILES,
    ...program.credentialSetup,
    ...(options.volume
      ? [...(options.named ? [] : [`ls -1 "$${E.dir}" > "${listing}"`]), ...chooseBackupLines(listing, options)]
      : [`read -r name < ${HANDOFF_FILE}`]),
    `file="$${E.dir}/$name"`,
    `gzip -t "$file"`,
    ...pipeWithStatus(
      'gzip -dc "$file"',
      program.restore,
      `$${E.workDir}/restore-status`,
      RESTORE,
      'reading the backup',
    ),
    `printf '${RESTORE}: restored %s\\n' "$name"`,
  ]);
}
