/**
 * Which database a Job works on, read from the literal environment of its pod template: libpq's
 * own variables (PGHOST, PGPORT, PGDATABASE: pg_dump, psql and most PostgreSQL clients read them),
 * the `DB_HOST`/`DB_PORT`/`DB_NAME` contract of the MySQL and MariaDB backups, or a
 * `DATABASE_URL`. Two jobs with the same answer hit the same database; credentials are dropped.
 */

/** The literal `env` values of every container and init container, one map per container. */
export function literalEnvOf(podSpec: unknown): ReadonlyMap<string, string>[] {
  const pod = (podSpec ?? {}) as { containers?: unknown; initContainers?: unknown };
  const containers = [pod.initContainers, pod.containers].flatMap((list) =>
    Array.isArray(list) ? (list as ({ env?: unknown } | null)[]) : [],
  );
  return containers.map((container) => {
    const vars = new Map<string, string>();
    const env = Array.isArray(container?.env) ? (container.env as ({ name?: unknown; value?: unknown } | null)[]) : [];
    for (const entry of env) {
      if (typeof entry?.name === 'string' && typeof entry.value === 'string') vars.set(entry.name, entry.value);
    }
    return vars;
  });
}

/** The first container's database, as `scheme://host:port/database`; undefined when none names one. */
export function databaseOf(env: readonly ReadonlyMap<string, string>[]): string | undefined {
  for (const vars of env) {
    const found = postgresOf(vars) ?? mysqlOf(vars) ?? urlOf(vars.get('DATABASE_URL'));
    if (found !== undefined) return found;
  }
  return undefined;
}

function postgresOf(vars: ReadonlyMap<string, string>): string | undefined {
  const host = vars.get('PGHOST');
  if (host === undefined) return undefined;
  return `postgresql://${host}:${vars.get('PGPORT') ?? '5432'}/${vars.get('PGDATABASE') ?? ''}`;
}

function mysqlOf(vars: ReadonlyMap<string, string>): string | undefined {
  const host = vars.get('DB_HOST');
  if (host === undefined) return undefined;
  return `mysql://${host}:${vars.get('DB_PORT') ?? '3306'}/${vars.get('DB_NAME') ?? ''}`;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { postgresql: '5432', postgres: '5432', mysql: '3306' };

/** `postgres://user:secret@host/db?x` as `postgresql://host:5432/db`. */
function urlOf(text: string | undefined): string | undefined {
  const match =
    text === undefined ? null : /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^:/?#]+)(?::(\d+))?\/?([^?#]*)/i.exec(text);
  if (match === null) return undefined;
  const scheme = match[1].toLowerCase() === 'postgres' ? 'postgresql' : match[1].toLowerCase();
  const port = match[3] ?? DEFAULT_PORTS[scheme] ?? '';
  return `${scheme}://${match[2]}:${port}/${match[4]}`;
}
