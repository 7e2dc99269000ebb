/**
 * The real parts the real-parts suite needs, each detected once: database servers reachable on
 * 127.0.0.1, their clients, the AWS CLI v2 at /usr/bin/aws (a pip-installed v1 may come first on
 * PATH: the backup image runs v2), the shells, and root with `unshare` (to give a script its pod's
 * mount paths). Locally a missing part makes its tests say why and skip; under CI=true they fail,
 * so CI cannot pass without running them. `.ci/run` installs and starts everything.
 */
import { spawnSync } from 'child_process';

/** The PATH the scripts run with: system directories only, so `aws` is /usr/bin/aws (v2). */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin';

export const IN_CI = process.env.CI === 'true';

function runs(program: string, args: string[], input?: string): boolean {
  const result = spawnSync(program, args, { encoding: 'utf8', input, env: { ...process.env, PATH: SYSTEM_PATH } });
  return result.status === 0;
}

function firstLine(program: string, args: string[]): string {
  const result = spawnSync(program, args, { encoding: 'utf8', env: { ...process.env, PATH: SYSTEM_PATH } });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')[0];
}

/** A part and why it is missing (undefined when present). */
export interface Part {
  readonly name: string;
  readonly missing?: string;
}

function part(name: string, present: boolean, how: string): Part {
  return present ? { name } : { name, missing: how };
}

export const PARTS = {
  root: part(
    'root with unshare',
    process.getuid?.() === 0 && runs('unshare', ['-m', 'true']),
    'run as root (unshare -m gives the scripts their mount paths)',
  ),
  postgres: part(
    'PostgreSQL 15 on 127.0.0.1:5432',
    runs('pg_isready', ['--host=127.0.0.1', '--port=5432', '--quiet']) && runs('pg_dump', ['--version']),
    'apt-get install -y postgresql && pg_ctlcluster 15 main start',
  ),
  mariadb: part(
    'MariaDB on 127.0.0.1:3306',
    runs('mariadb-admin', ['--host=127.0.0.1', '--port=3306', '--silent', 'ping']) &&
      runs('mariadb-dump', ['--version']),
    'apt-get install -y mariadb-server && service mariadb start',
  ),
  awsCli: part(
    'AWS CLI v2 at /usr/bin/aws',
    /^aws-cli\/2\./.test(firstLine('/usr/bin/aws', ['--version'])),
    'apt-get install -y awscli (Debian 12 ships v2)',
  ),
  busybox: part('busybox sh', runs('busybox', ['sh', '-c', 'exit 0']), 'apt-get install -y busybox'),
};

/** The shells every script runs under: dash (Debian), bash, busybox ash (Alpine). */
export const SHELLS: ReadonlyArray<{ name: string; argv: string[]; part?: Part }> = [
  { name: 'dash', argv: ['dash'] },
  { name: 'bash', argv: ['bash'] },
  { name: 'busybox sh', argv: ['busybox', 'sh'], part: PARTS.busybox },
];

/**
 * `test` when every part is present; otherwise, locally, a skipped test whose name says what is
 * missing (and a note on stderr), and under CI a test that fails saying so.
 */
export function testWith(parts: readonly (Part | undefined)[]) {
  const missing = parts.filter((p): p is Part => p?.missing !== undefined);
  if (missing.length === 0) return test;
  const reason = missing.map((p) => `${p.name} (${p.missing})`).join(', ');
  if (IN_CI)
    return (name: string, _fn: unknown, _timeout?: number) =>
      test(name, () => {
        throw new Error(`missing real parts under CI: ${reason}`);
      });
  process.stderr.write(`real-parts: skipping tests that need ${reason}\n`);
  return (name: string, _fn: unknown, _timeout?: number) => test.skip(`${name} [needs ${reason}]`, () => undefined);
}
