/**
 * What a BackupCronJob dumps: a PostgreSQL, MySQL or MariaDB database (with its client image and
 * readiness probe), or any command that writes the dump to stdout. Credentials are Secret
 * references only: the props have no field that could hold a password, so none can reach the YAML.
 */
import { EnvValue, SecretValue } from 'cdk8s-plus-28';
import {
  BACKUP_ENV,
  COMMAND_PROGRAM,
  DatabaseProgram,
  DumpProgram,
  mariadbProgram,
  mysqlProgram,
  PasswordDelivery,
  postgresProgram,
} from './backup-script';

/** The database engines with a built-in dump. */
export enum DatabaseEngine {
  /** pg_dump (plain SQL), from the `postgres` image. */
  POSTGRESQL = 'postgresql',
  /** mysqldump `--single-transaction --routines --events`, from the `mysql` image. */
  MYSQL = 'mysql',
  /** mariadb-dump `--single-transaction --routines --events`, from the `mariadb` image. */
  MARIADB = 'mariadb',
}

/**
 * Default client images, pinned, one per engine. The dump tool must be at least as new as the
 * server (pg_dump refuses newer servers; mysqldump warns and may miss features), and the image
 * must have /bin/sh, gzip, find and date, which these official images do:
 * - `postgres:17.2-alpine`: the newest major at the time of pinning dumps every server from 9.2 up,
 *   and Alpine keeps it small (busybox sh).
 * - `mysql:8.4.5`: the 8.4 LTS line (Oracle Linux; bash, gzip and findutils installed).
 * - `mariadb:11.4.4`: the 11.4 LTS line (Ubuntu), which has `mariadb-dump` and `mariadb-admin`.
 */
export const DEFAULT_DATABASE_IMAGES: { readonly [engine in DatabaseEngine]: string } = {
  [DatabaseEngine.POSTGRESQL]: 'postgres:17.2-alpine',
  [DatabaseEngine.MYSQL]: 'mysql:8.4.5',
  [DatabaseEngine.MARIADB]: 'mariadb:11.4.4',
};

const DEFAULT_PORTS: { readonly [engine in DatabaseEngine]: number } = {
  [DatabaseEngine.POSTGRESQL]: 5432,
  [DatabaseEngine.MYSQL]: 3306,
  [DatabaseEngine.MARIADB]: 3306,
};

const PROGRAMS: { readonly [engine in DatabaseEngine]: (delivery: PasswordDelivery) => DatabaseProgram } = {
  [DatabaseEngine.POSTGRESQL]: postgresProgram,
  [DatabaseEngine.MYSQL]: mysqlProgram,
  [DatabaseEngine.MARIADB]: mariadbProgram,
};

/** Where a password file is mounted in the containers that use it (`passwordAsFile`). */
export const PASSWORD_MOUNT_PATH = '/var/run/secrets/cdk8s-batch/database';
/** The password file's name in that directory. */
export const PASSWORD_FILE_NAME = 'password';

/** A database to dump. */
export interface DatabaseSourceProps {
  /** The server's host name, e.g. the Service `orders-db.shop.svc`. */
  readonly host: string;

  /**
   * The server's port.
   * @default 5432 for PostgreSQL, 3306 for MySQL and MariaDB
   */
  readonly port?: number;

  /** The database to dump. */
  readonly database: string;

  /**
   * The user name, written into the manifest. Give this or `userSecret`.
   * @default - none: `userSecret` is used
   */
  readonly user?: string;

  /**
   * The user name from a Secret key (for Secrets that hold both, like CloudNativePG's `-app` Secret).
   * @default - none: `user` is used
   */
  readonly userSecret?: SecretValue;

  /**
   * The password, from a Secret key. It reaches the dump tool as PGPASSWORD or MYSQL_PWD through a
   * `secretKeyRef`, so the manifest holds only the Secret's name and key.
   */
  readonly passwordSecret: SecretValue;

  /**
   * Give the password to the client as a file instead of an environment variable: the Secret key is
   * mounted read-only into the dump (and restore) container, and the script turns it into the
   * client's own credentials file (a `.pgpass` file for PostgreSQL, an option file passed with
   * `--defaults-extra-file` for MySQL and MariaDB) under /tmp, readable by the pod's user only.
   * The password then never is in a process's environment (MySQL 8 deprecates MYSQL_PWD).
   * Trailing newlines of the Secret's value are dropped.
   * @default false - PGPASSWORD or MYSQL_PWD from a `secretKeyRef`
   */
  readonly passwordAsFile?: boolean;

  /**
   * The image with the dump tool, a shell, gzip, find and date.
   * @default - per engine, pinned: "postgres:17.2-alpine", "mysql:8.4.5" or "mariadb:11.4.4"
   * (see DEFAULT_DATABASE_IMAGES for why each)
   */
  readonly image?: string;

  /**
   * Extra arguments for the dump tool, e.g. `["--exclude-table=audit_log"]`. Each is passed as
   * one argument, never through a shell.
   * @default - none
   */
  readonly extraArgs?: string[];
}

/** A command that writes the dump to stdout. */
export interface CommandSourceProps {
  /** The image to run the command in; it needs /bin/sh, gzip, find and date. */
  readonly image: string;

  /** The command and its arguments, e.g. `["redis-cli", "--rdb", "-"]`; run without a shell. */
  readonly command: string[];

  /**
   * Environment of the command, e.g. credentials with `EnvValue.fromSecretValue`.
   * @default - none
   */
  readonly envVariables?: { [name: string]: EnvValue };

  /**
   * The file extension before `.gz`; letters, digits, "." and "-".
   * @default "dump"
   */
  readonly fileExtension?: string;
}

/** The parts of a source the construct assembles the pod from (internal). */
export interface SourceSpec {
  readonly image: string;
  /** The dump command and its credential setup (constant shell text; see backup-script.ts). */
  readonly dump: DumpProgram;
  /** The positional parameters of the dump script. */
  readonly args: readonly string[];
  /** Where the server is: for the dump and the readiness probe. */
  readonly connectionEnv: { readonly [name: string]: EnvValue };
  /** Credentials and the rest of the environment: for the dump only. */
  readonly credentialEnv: { readonly [name: string]: EnvValue };
  readonly fileExtension: string;
  /** The database engine, for databases. */
  readonly engine?: DatabaseEngine;
  /** The readiness probe and the restore, for databases. */
  readonly program?: DatabaseProgram;
  /** The Secret key to mount as BACKUP_PASSWORD_FILE, when the password comes as a file. */
  readonly passwordFile?: SecretValue;
  /** The database props, for validation. */
  readonly database?: DatabaseSourceProps;
  /** The command props, for validation. */
  readonly command?: CommandSourceProps;
}

/** What a BackupCronJob backs up. */
export class BackupSource {
  /** A PostgreSQL database, dumped with pg_dump as plain SQL. */
  public static postgres(props: DatabaseSourceProps): BackupSource {
    return BackupSource.database(DatabaseEngine.POSTGRESQL, props);
  }

  /** A MySQL database, dumped with mysqldump `--single-transaction` (consistent for InnoDB tables). */
  public static mysql(props: DatabaseSourceProps): BackupSource {
    return BackupSource.database(DatabaseEngine.MYSQL, props);
  }

  /** A MariaDB database, dumped with mariadb-dump `--single-transaction`. */
  public static mariadb(props: DatabaseSourceProps): BackupSource {
    return BackupSource.database(DatabaseEngine.MARIADB, props);
  }

  /** Any command that writes the dump to stdout. */
  public static command(props: CommandSourceProps): BackupSource {
    return new BackupSource({
      image: props.image,
      dump: COMMAND_PROGRAM,
      args: props.command,
      connectionEnv: {},
      credentialEnv: props.envVariables ?? {},
      fileExtension: props.fileExtension ?? 'dump',
      command: props,
    });
  }

  private static database(engine: DatabaseEngine, props: DatabaseSourceProps): BackupSource {
    return new BackupSource(databaseSourceSpec(engine, props));
  }

  /** @internal */
  public readonly _spec: SourceSpec;

  private constructor(spec: SourceSpec) {
    this._spec = spec;
  }
}

type Env = { [name: string]: EnvValue };

/** A database's parts: for a backup's source, and for a restore's target (same engine, same credentials model). */
export function databaseSourceSpec(engine: DatabaseEngine, props: DatabaseSourceProps): SourceSpec {
  const program = PROGRAMS[engine](props.passwordAsFile ? PasswordDelivery.FILE : PasswordDelivery.ENVIRONMENT);
  return {
    image: props.image ?? DEFAULT_DATABASE_IMAGES[engine],
    dump: program,
    args: props.extraArgs ?? [],
    ...databaseEnv(engine, props),
    fileExtension: 'sql',
    engine,
    program,
    passwordFile: props.passwordAsFile ? props.passwordSecret : undefined,
    database: props,
  };
}

/**
 * The connection as environment variables (libpq's own names for PostgreSQL, ours for MySQL), and
 * the password apart: the readiness probe gets the connection only.
 */
function databaseEnv(engine: DatabaseEngine, props: DatabaseSourceProps): { connectionEnv: Env; credentialEnv: Env } {
  const port = String(props.port ?? DEFAULT_PORTS[engine]);
  const user = props.userSecret ? EnvValue.fromSecretValue(props.userSecret) : EnvValue.fromValue(props.user ?? '');
  const password = (name: string): Env =>
    props.passwordAsFile
      ? { [BACKUP_ENV.passwordFile]: EnvValue.fromValue(`${PASSWORD_MOUNT_PATH}/${PASSWORD_FILE_NAME}`) }
      : { [name]: EnvValue.fromSecretValue(props.passwordSecret) };
  if (engine === DatabaseEngine.POSTGRESQL) {
    return {
      connectionEnv: {
        PGHOST: EnvValue.fromValue(props.host),
        PGPORT: EnvValue.fromValue(port),
        PGDATABASE: EnvValue.fromValue(props.database),
        PGUSER: user,
        // Fail instead of hanging on an unreachable host.
        PGCONNECT_TIMEOUT: EnvValue.fromValue('10'),
      },
      credentialEnv: password('PGPASSWORD'),
    };
  }
  return {
    connectionEnv: {
      [BACKUP_ENV.host]: EnvValue.fromValue(props.host),
      [BACKUP_ENV.port]: EnvValue.fromValue(port),
      [BACKUP_ENV.database]: EnvValue.fromValue(props.database),
      [BACKUP_ENV.user]: user,
    },
    credentialEnv: password('MYSQL_PWD'),
  };
}
