/**
 * Runs a synthesized pod's containers on this machine with the real programs, the way the kubelet
 * would: each container's `command` + `args` unchanged except `/bin/sh` (the shell under test),
 * its environment from the manifest (Secret keys from test values), and its volume mounts at their
 * real paths, bind-mounted from test directories in a private mount namespace. The shell is PID 1
 * of a new PID namespace, as in a container: it ignores SIGTERM without a handler, and when it
 * dies every process it started dies with it.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { mkdirSync, readFileSync } from 'fs';
import { containerEnv } from '../constructs/backup/pod-runner';
import { SYSTEM_PATH } from './parts';

export interface RealPodOptions {
  /** The shell, e.g. ["dash"] or ["busybox", "sh"]. */
  readonly shell: string[];
  /** Container paths and the host directories mounted there (sources outside /tmp). */
  readonly mounts: { readonly [containerPath: string]: string };
  /** Secret values by "secretName/key". */
  readonly secrets: { readonly [nameAndKey: string]: string };
}

export interface ContainerRun {
  readonly name: string;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The pod's containers in order: init containers, then the others. */
export function containersOf(podSpec: any): any[] {
  return [...(podSpec.initContainers ?? []), ...podSpec.containers];
}

function launch(container: any, options: RealPodOptions): { argv: string[]; env: NodeJS.ProcessEnv } {
  const mounts = Object.entries(options.mounts);
  for (const [target] of mounts) mkdirSync(target, { recursive: true });
  const mountScript = mounts.map((_, i) => `mount --bind "\${${2 * i + 1}}" "\${${2 * i + 2}}"`).join(' && ');
  const [, ...shellArgs] = container.command as string[];
  const argv = [
    'unshare',
    '--mount',
    '--pid',
    '--fork',
    '--mount-proc',
    'sh',
    '-c',
    // A container starts in its working directory, never in the test's: the host's current directory
    // may be hidden by the mounts (a checkout under /tmp, when /tmp is mounted) and clients such as
    // pg_dump complain when they cannot return to it.
    `${mountScript} && cd "${(container.workingDir as string | undefined) ?? '/'}" && shift ${2 * mounts.length} && exec "$@"`,
    'mounter',
    ...mounts.flatMap(([target, source]) => [source, target]),
    ...options.shell,
    ...shellArgs,
    ...(container.args ?? []),
  ];
  return { argv, env: { PATH: SYSTEM_PATH, LANG: 'C.UTF-8', ...containerEnv(container, options) } };
}

/** Runs one container to its end. */
export function runContainer(container: any, options: RealPodOptions): ContainerRun {
  const { argv, env } = launch(container, options);
  const result = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8', timeout: 120_000 });
  return { name: container.name, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the pod's containers in order; the first failing init container stops the pod, as in Kubernetes. */
export function runPodContainers(podSpec: any, options: RealPodOptions): ContainerRun[] {
  const runs: ContainerRun[] = [];
  const init = new Set(podSpec.initContainers ?? []);
  for (const container of containersOf(podSpec)) {
    const run = runContainer(container, options);
    runs.push(run);
    if (run.status !== 0 && init.has(container)) break;
  }
  return runs;
}

/** A container started in the background, with its PID 1 (the shell) to signal. */
export interface RunningContainer {
  readonly process: ChildProcess;
  /** The host pid of the container's PID 1. */
  readonly pid1: () => number;
  readonly exited: Promise<number | null>;
}

export function startContainer(container: any, options: RealPodOptions): RunningContainer {
  const { argv, env } = launch(container, options);
  const child = spawn(argv[0], argv.slice(1), { env, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pid1 = () => {
    // unshare --fork: its one child is the namespace's PID 1 (the mounter, which execs the shell).
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
    return Number(children.split(' ')[0]);
  };
  return { process: child, pid1, exited };
}
