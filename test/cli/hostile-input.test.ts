/**
 * The eight hostile inputs of issue 11, and those a fuzz audit of every command found, each through
 * the real `cdk8s-batch` process (the compiled CLI, spawned through a shell for pipes and
 * redirections): each ends within the timeout, in a 3 GB address space, with one line on stderr
 * and the documented exit code, never a stack trace.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const BIN = join(__dirname, '..', '..', 'lib', 'src', 'cli', 'main.js');
const CLI = `"${process.execPath}" "${BIN}"`;

const scheduledJob = `apiVersion: scheduling.cdk8s-batch.io/v1alpha1
kind: ScheduledJob
metadata: {name: hourly, namespace: reports}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      ttlSecondsAfterFinished: 3600
      template: {spec: {restartPolicy: Never, containers: [{name: main, image: "busybox:1.36"}]}}
`;

interface HostileCase {
  readonly name: string;
  readonly line: string;
  /** Where the CLI stands in a pipeline (its exit code is PIPESTATUS[position]). */
  readonly position?: number;
  readonly code: number;
  /** The one line on stderr; none expected when undefined. */
  readonly stderr?: RegExp;
  readonly stdout?: RegExp;
}

/** Runs a shell command line with a bounded address space; the exit code is the CLI's (PIPESTATUS). */
function shell(commandLine: string, cliPosition = 0) {
  const script = `ulimit -v 3000000; ${commandLine}; exit \${PIPESTATUS[${cliPosition}]}`;
  const r = spawnSync('bash', ['-c', script], { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
  return { code: r.status, signal: r.signal, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

const dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-hostile-'));
const scheduledJobFile = join(dir, 'scheduled-job.yaml');
writeFileSync(scheduledJobFile, scheduledJob);
// Two kilobytes nested a thousand levels deep: two such files in one run once aborted the process.
const deepFiles = [join(dir, 'deep-sequences.yaml'), join(dir, 'deep-flows.yaml')];
writeFileSync(deepFiles[0], `${'- '.repeat(1000)}x\n`);
writeFileSync(deepFiles[1], `${'['.repeat(1000)}${']'.repeat(1000)}\n`);
const goodJobFile = join(__dirname, '..', 'fixtures', 'lint', 'real', 'good-job.yaml');

describe.each([
  {
    name: 'endless standard input',
    line: `yes 'a: b' | ${CLI} lint -`,
    position: 1,
    code: 2,
    stderr: /^cdk8s-batch lint: <stdin>: larger than 64 MiB, the limit on one input \(--max-bytes sets it\)$/,
  },
  {
    name: 'a device that never ends',
    line: `${CLI} lint /dev/zero`,
    code: 2,
    stderr: /^cdk8s-batch lint: \/dev\/zero: larger than 64 MiB/,
  },
  {
    name: 'a reader that goes away (EPIPE)',
    line: `${CLI} next '* * * * *' --count 10000 | head -1`,
    code: 0,
    stderr: undefined,
  },
  {
    name: 'an interval that leaves the calendar',
    line: `${CLI} next '@every 2562047h' --count 10000 --after 2026-01-01`,
    code: 0,
    stderr: undefined,
  },
  {
    name: 'an impossible date',
    line: `${CLI} next --after 2026-02-30 '0 * * * *'`,
    code: 2,
    stderr: /^cdk8s-batch next: --after must be an ISO 8601 instant such as .*, not "2026-02-30"$/,
  },
  {
    name: 'a directory on standard input (lint)',
    line: `${CLI} lint - < ${dir}`,
    code: 2,
    stderr: /^cdk8s-batch lint: standard input is a directory; name the directory as a PATH instead$/,
  },
  {
    name: 'a directory on standard input (next --batch)',
    line: `${CLI} next --batch < ${dir}`,
    code: 2,
    stderr: /^cdk8s-batch next: standard input is a directory/,
  },
  {
    name: 'an output directory that cannot be created',
    line: `${CLI} reconcile --dry-run --output /proc/nope --now 2026-03-01T10:30:00Z ${scheduledJobFile}`,
    code: 2,
    stderr: /^cdk8s-batch reconcile: cannot create \/proc\/nope: ENOENT$/,
  },
  // Found by a fuzz audit of every command, after the eight above.
  {
    name: 'YAML nested a thousand levels deep, twice',
    line: `${CLI} lint ${deepFiles.join(' ')} 2>&1 >/dev/null`,
    code: 2,
    // Each file named on its own line (stderr, sent to stdout here).
    stdout:
      /^(cdk8s-batch lint: \S*deep-\w+\.yaml:1:\d+: YAML nested more than 256 levels deep; no Kubernetes object is\n){2}$/,
  },
  {
    name: 'a device that never ends (plan)',
    line: `${CLI} plan /dev/zero`,
    code: 2,
    stderr: /^cdk8s-batch plan: \/dev\/zero is larger than 64 MiB, the limit on one input$/,
  },
  {
    name: 'a line that never ends (next --batch)',
    line: `${CLI} next --batch < /dev/zero`,
    code: 2,
    stderr: /^cdk8s-batch next: a line of standard input is longer than 1048576 characters$/,
  },
  {
    name: 'output to a full disk',
    line: `${CLI} lint ${goodJobFile} > /dev/full`,
    code: 2,
    stderr: /^cdk8s-batch lint: cannot write the output: ENOSPC$/,
  },
  {
    name: 'an error message to a full disk',
    line: `${CLI} no-such-command 2> /dev/full`,
    code: 2,
    stderr: undefined,
  },
  {
    name: 'a map written where no file can be',
    line: `${CLI} map ${scheduledJobFile} --output /dev/full`,
    code: 2,
    stderr: /^cdk8s-batch map: cannot write \/dev\/full: ENOSPC$/,
  },
  {
    name: "a zone Go knows and the runtime's ICU does not (Factory), as text",
    line: `${CLI} next '0 3 * * *' --time-zone Factory --after 2026-01-01T00:00:00Z --count 1`,
    code: 0,
    stderr: undefined,
    stdout: /^"0 3 \* \* \*" in Factory: At 03:00\n {2}2026-01-01T03:00:00Z {2}2026-01-01 03:00 GMT \(Thu\)\n$/,
  },
])('$name', ({ line, position, code, stderr, stdout }: HostileCase) => {
  const r = shell(line, position);

  test(`ends with exit code ${code}, in time`, () => {
    expect(r.signal).toBeNull();
    expect(r.code).toBe(code);
  });

  if (stdout !== undefined) test('prints what it should on stdout', () => expect(r.stdout).toMatch(stdout));

  test(stderr === undefined ? 'prints nothing on stderr' : 'prints one line on stderr, no stack trace', () => {
    if (stderr === undefined) {
      expect(r.stderr).toBe('');
    } else {
      expect(r.stderr.endsWith('\n')).toBe(true);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(stderr);
    }
  });
});

test('far-ahead runs keep four-digit years, and the text says why the list ends', () => {
  const r = shell(`${CLI} next '@every 2562047h' --count 10000 --after 2026-01-01 --format json`);
  const next: string[] = JSON.parse(r.stdout).next;
  expect(next.length).toBeGreaterThan(0);
  expect(next.every((t) => /^\d{4}-/.test(t))).toBe(true);
  const text = shell(`${CLI} next '0 0 1 1 *' --after 9998-06-01 --count 3`);
  expect(text.stdout).toMatch(
    / {2}9999-01-01T00:00:00Z .*\n {2}no further runs shown: the next one falls after the year 9999\n$/,
  );
});

test('--max-bytes sets the limit, and a bad value is a usage error', () => {
  const small = shell(`printf 'a: b\\n' | ${CLI} lint --max-bytes 4 -`, 1);
  expect(small.code).toBe(2);
  expect(small.stderr).toBe(
    'cdk8s-batch lint: <stdin>: larger than 4 bytes, the limit on one input (--max-bytes sets it)\n',
  );
  expect(shell(`printf 'a: b\\n' | ${CLI} lint --max-bytes 5 -`, 1).code).toBe(0);
  const bad = shell(`${CLI} lint --max-bytes 0 -`);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^cdk8s-batch lint: --max-bytes must be a whole number from 1 to \d+, not "0"\n$/);
});
