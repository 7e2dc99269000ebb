/**
 * Runs the containers of a synthesized pod template on this machine, the way the kubelet would run
 * their commands, with stub programs (pg_dump, aws, kubectl, ...) that record how they were called.
 * Used by the backup and cleanup script tests to execute the generated scripts for real, under each
 * shell that is installed, and see exactly which arguments reached which program.
 *
 * - `command[0]` (`/bin/sh`) is replaced by the shell under test; `command` + `args` are kept as is.
 * - env: literal values; `secretKeyRef` from `secrets` ("name/key"); the pod's namespace for
 *   `fieldRef: metadata.namespace`. A value equal to a path in `paths` (a mount path such as /tmp)
 *   is replaced by that path's directory here, since the scripts only reach directories through env.
 * - init containers run first, in order, and the first failure stops the pod (as in Kubernetes).
 */
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';

/** One call of a stub program. */
export interface StubCall {
  readonly program: string;
  readonly argv: string[];
  /** The recorded environment variables (those named in `recordEnv`). */
  readonly env: { [name: string]: string | undefined };
}

export interface ContainerResult {
  readonly name: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface PodRun {
  readonly containers: ContainerResult[];
  readonly calls: StubCall[];
  /** The sandbox directory (the working directory of every container). */
  readonly sandbox: string;
}

export interface PodRunOptions {
  /** The shell, e.g. ["dash"] or ["busybox", "sh"]. */
  readonly shell: string[];
  /** Programs to stub, each a behaviour name understood by stub-program.js: "dump", "probe", "aws", "kubectl". */
  readonly stubs: { [program: string]: string };
  /** Container paths (mount paths) and the directories standing in for them. */
  readonly paths?: { [containerPath: string]: string };
  /** Secret values by "secretName/key". */
  readonly secrets?: { [nameAndKey: string]: string };
  /** The pod's namespace, for `fieldRef: metadata.namespace`. */
  readonly namespace?: string;
  /** Environment overrides (after the manifest's), e.g. a zero probe interval. */
  readonly env?: { [name: string]: string };
  /** Environment variables the stubs record. */
  readonly recordEnv?: string[];
  /** The sandbox to use (created when absent). */
  readonly sandbox?: string;
}

/**
 * Shells to test with: each one installed here, once (`sh` is dash on Debian, busybox ash on
 * Alpine). `sh` always is; the others are skipped where absent.
 */
export function installedShells(): string[][] {
  const candidates = [['sh'], ['dash'], ['bash'], ['busybox', 'sh']];
  const seen = new Set<string>();
  return candidates.filter(([program, ...rest]) => {
    const located = spawnSync('sh', ['-c', 'command -v "$1"', 'locate', program], { encoding: 'utf8' }).stdout.trim();
    if (located === '') return false;
    const binary = `${realpathSync(located)} ${rest.join(' ')}`;
    if (seen.has(binary)) return false;
    seen.add(binary);
    return spawnSync(program, [...rest, '-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
  });
}

/** `shell -n` on a script: undefined when it parses, else the shell's message. */
export function syntaxError(shell: string[], script: string): string | undefined {
  const [program, ...rest] = shell;
  const result = spawnSync(program, [...rest, '-n'], { input: script, encoding: 'utf8' });
  return result.status === 0 ? undefined : `${result.stderr}`.trim() || `exit ${result.status}`;
}

/** The pod template of a synthesized CronJob or Job, after a YAML round trip (what kubectl would read). */
export function podSpecOf(object: any): any {
  const reread = parse(stringify(object));
  const jobSpec = reread.kind === 'CronJob' ? reread.spec.jobTemplate.spec : reread.spec;
  return jobSpec.template.spec;
}

/** Every script of a pod (the `-c` argument of each container), by container name. */
export function scriptsOf(podSpec: any): Map<string, string> {
  const all = [...(podSpec.initContainers ?? []), ...podSpec.containers];
  return new Map(all.filter((c: any) => c.command?.[1] === '-c').map((c: any) => [c.name, c.command[2]]));
}

const STUB_LIBRARY = join(__dirname, 'stub-program.js');

export function runPod(podSpec: any, options: PodRunOptions): PodRun {
  const sandbox = options.sandbox ?? mkdtempSync(join(tmpdir(), 'cdk8s-batch-pod-'));
  const bin = join(sandbox, '.bin');
  const log = join(sandbox, '.calls.jsonl');
  mkdirSync(bin, { recursive: true });
  for (const [program, behaviour] of Object.entries(options.stubs)) {
    const path = join(bin, program);
    writeFileSync(
      path,
      `#!/usr/bin/env node\nrequire(${JSON.stringify(STUB_LIBRARY)})(${JSON.stringify(program)}, ${JSON.stringify(behaviour)});\n`,
    );
    chmodSync(path, 0o755);
  }
  const containers: ContainerResult[] = [];
  const ordered = [
    ...(podSpec.initContainers ?? []).map((c: any) => ({ c, init: true })),
    ...podSpec.containers.map((c: any) => ({ c, init: false })),
  ];
  for (const { c, init } of ordered) {
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      STUB_LOG: log,
      STUB_SANDBOX: sandbox,
      STUB_RECORD_ENV: (options.recordEnv ?? []).join(' '),
      ...containerEnv(c, options),
      ...options.env,
    };
    const [, ...shellArgs] = c.command as string[];
    const [program, ...shellFlags] = options.shell;
    const result = spawnSync(program, [...shellFlags, ...shellArgs, ...(c.args ?? [])], {
      cwd: sandbox,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    containers.push({ name: c.name, status: result.status, stdout: result.stdout, stderr: result.stderr });
    if (result.status !== 0 && init) break;
  }
  const calls = existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as StubCall)
    : [];
  return { containers, calls, sandbox };
}

export function containerEnv(
  container: any,
  options: Pick<PodRunOptions, 'paths' | 'secrets' | 'namespace'>,
): { [name: string]: string } {
  const env: { [name: string]: string } = {};
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) {
      env[entry.name] = options.paths?.[entry.value] ?? entry.value;
    } else if (entry.valueFrom?.secretKeyRef) {
      const ref = entry.valueFrom.secretKeyRef;
      const value = options.secrets?.[`${ref.name}/${ref.key}`];
      if (value === undefined) throw new Error(`no test value for secret ${ref.name}/${ref.key}`);
      env[entry.name] = value;
    } else if (entry.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') {
      env[entry.name] = options.namespace ?? 'default';
    } else {
      throw new Error(`unsupported env source for ${entry.name}`);
    }
  }
  return env;
}
