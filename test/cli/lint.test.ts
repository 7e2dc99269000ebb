import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Readable } from 'stream';
import { UsageError } from '../../src/cli/io';
import { LintDependencies, runLint } from '../../src/cli/lint';
import { runCli } from '../../src/cli/main';
import { API_SERVER_RULES } from '../../src/rules/api-server';
import { fakeIo } from '../support/fake-io';
import { GA_SINCE_1_28_ERRORS_IN_1_28, GA_SINCE_1_28_FILE } from '../support/ga-since-1-28';
import { FAKE_RULES, fakeValidate } from '../manifests/fake-rules';

const FIXTURES = relative(process.cwd(), join(__dirname, '..', 'fixtures', 'lint'));
const fixture = (name: string) => join(FIXTURES, name);

/** The lint command with the fake rules (plumbing tests that do not depend on real rule ids). */
async function lint(args: string[], dependencies: LintDependencies = {}) {
  const io = fakeIo();
  const code = await runLint(args, io, {
    validate: fakeValidate,
    rules: FAKE_RULES,
    stdin: Readable.from([]),
    ...dependencies,
  });
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** The real command line: `cdk8s-batch lint ...` with the real registry. */
async function cli(args: string[]) {
  const io = fakeIo();
  const code = await runCli(['lint', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

const stdinOf = (data: string | Buffer) => Readable.from([Buffer.from(data)]);

/** The compiled command (`npm test` compiles before jest runs). */
const BIN = join(__dirname, '..', '..', 'lib', 'src', 'cli', 'main.js');

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cdk8s-batch-lint-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, data: string | Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, data);
  return path;
}

describe('cdk8s-batch lint: findings and exit codes', () => {
  test('an error finding exits 1; text groups findings by file and object, then counts per rule and a summary', async () => {
    const r = await lint([fixture('jobs.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        fixture('jobs.yaml'),
        '  Job migrate (document 1, line 9)',
        '    error    spec.template.spec.restartPolicy: A Job\'s pods may not restart with "Always". [fake-restart-policy]',
        '             fix: Set restartPolicy to Never or OnFailure.',
        '    warning  spec.ttlSecondsAfterFinished: A finished Job stays forever. [fake-ttl]',
        '             fix: Set ttlSecondsAfterFinished.',
        '',
        'findings per rule:',
        '  1  error    fake-restart-policy',
        '  1  warning  fake-ttl',
        '',
        'checked 2 objects (1 Job, 1 CronJob) in 1 file: 1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  test('--format json prints exactly the contract: checked, and findings with file, index, kind, name, rule, severity, field, message, fix', async () => {
    const r = await lint([fixture('jobs.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(['checked', 'findings']);
    expect(answer.checked).toBe(2);
    expect(answer.findings).toHaveLength(2);
    expect(Object.keys(answer.findings[0])).toEqual([
      'file',
      'index',
      'kind',
      'name',
      'rule',
      'severity',
      'field',
      'message',
      'fix',
    ]);
    expect(answer.findings[0]).toEqual({
      file: fixture('jobs.yaml'),
      index: 1,
      kind: 'Job',
      name: 'migrate',
      rule: 'fake-restart-policy',
      severity: 'error',
      field: 'spec.template.spec.restartPolicy',
      message: 'A Job\'s pods may not restart with "Always".',
      fix: 'Set restartPolicy to Never or OnFailure.',
    });
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  test('warnings alone exit 0', async () => {
    const r = await lint([fixture('warning-only.json'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: any) => [f.rule, f.severity])).toEqual([['fake-ttl', 'warning']]);
  });

  test('no findings: a summary line only, exit 0', async () => {
    const r = await lint([fixture('tree/empty-dir'), fixture('comments.yaml')]);
    expect(r).toEqual({
      code: 0,
      stdout: 'checked 0 Job, CronJob or ScaledJob objects in 1 file: no findings\n',
      stderr: '',
    });
  });

  test('the items of a kind: List are checked', async () => {
    const r = await lint([fixture('list.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  Job listed (document 0, items[0], line 2)\n');
  });

  test('a directory is read recursively in a deterministic order, and only its manifests', async () => {
    const first = await lint([fixture('tree'), '--format', 'json']);
    const second = await lint([fixture('tree'), '--format', 'json']);
    expect(first).toEqual(second);
    const findings = JSON.parse(first.stdout).findings;
    expect(findings.map((f: any) => [f.file, f.name])).toEqual([
      [join(FIXTURES, 'tree', 'a.yml'), 'tree-a'],
      [join(FIXTURES, 'tree', 'b.yaml'), 'tree-b'],
      [join(FIXTURES, 'tree', 'nested', 'c.json.yaml'), 'tree-nested'],
    ]);
  });

  test('- reads standard input', async () => {
    const r = await lint(['-', '--format', 'json'], {
      stdin: stdinOf('apiVersion: batch/v1\nkind: Job\nmetadata: {name: piped}\n'),
    });
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({ file: '<stdin>', index: 0, name: 'piped', rule: 'fake-ttl' }),
    ]);
  });

  test('a name with a line break or an escape sequence is quoted in the text, so it cannot forge report lines', async () => {
    const name = 'evil\n    error    spoofed: a finding nobody made\u001b[31m';
    const r = await lint(['-'], {
      stdin: stdinOf(`apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${JSON.stringify(name)}}\n`),
    });
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(`  Job ${JSON.stringify(name)} (document 0, line 1)`);
    expect(lines.some((l) => l.startsWith('    error    spoofed'))).toBe(false);
    expect(r.stdout).not.toContain('\u001b');
    const plain = await lint(['-'], { stdin: stdinOf('apiVersion: batch/v1\nkind: Job\nmetadata: {name: piped}\n') });
    expect(plain.stdout.split('\n')[1]).toBe('  Job piped (document 0, line 1)');
  });

  test('standard input may be JSON, as `kubectl get -o json` prints it', async () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'from-kubectl' } }],
    });
    const r = await lint(['-', '--format', 'json'], { stdin: stdinOf(json) });
    expect(JSON.parse(r.stdout)).toMatchObject({ checked: 1, findings: [{ name: 'from-kubectl' }] });
  });
});

describe('cdk8s-batch lint: options', () => {
  test('--policy raises a best-practice rule to an error (YAML policy file)', async () => {
    const r = await lint([
      fixture('warning-only.json'),
      '--policy',
      fixture('policy-ttl-error.yaml'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([expect.objectContaining({ rule: 'fake-ttl', severity: 'error' })]);
  });

  test('--policy turns a best-practice rule off (JSON policy file)', async () => {
    const r = await lint([
      fixture('warning-only.json'),
      '--policy',
      fixture('policy-ttl-off.json'),
      '--format',
      'json',
    ]);
    expect(r).toMatchObject({ code: 0, stdout: '{"checked":1,"findings":[]}\n' });
  });

  test.each([
    [
      'an unknown level',
      'rules:\n  fake-ttl: warn\n',
      'unknown level "warn" for "fake-ttl": use error, warning or off',
    ],
    [
      'unknown rule ids',
      'rules:\n  no-such-rule: off\n  other: error\n',
      'unknown rule ids "no-such-rule", "other" (the README lists every rule id)',
    ],
    [
      'an API-server rule relaxed',
      'rules:\n  fake-restart-policy: off\n',
      '"fake-restart-policy" is an API-server rule, always an error: the API server rejects such objects',
    ],
    [
      'two documents',
      'rules: {}\n---\nrules: {}\n',
      'expected one document {rules: {<rule-id>: error|warning|off}}, found 2',
    ],
  ])('a policy file with %s is a usage error naming the problem', async (_name, text, problem) => {
    const file = scratchFile('policy.yaml', text);
    await expect(lint([fixture('jobs.yaml'), '--policy', file])).rejects.toThrow(
      new UsageError(`--policy ${file}: ${problem}`),
    );
  });

  test('a usage error in the policy reaches the user as one line, exit 2, nothing on stdout', async () => {
    const file = scratchFile('typo-policy.yaml', 'rules:\n  no-such-rule: off\n');
    expect(await cli([fixture('jobs.yaml'), '--policy', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdk8s-batch lint: --policy ${file}: unknown rule id "no-such-rule" (the README lists every rule id)\n`,
    });
  });

  test('a policy file that cannot be read or parsed is a usage error with its position', async () => {
    expect((await cli([fixture('jobs.yaml'), '--policy', fixture('nope.yaml')])).stderr).toBe(
      `cdk8s-batch lint: --policy ${fixture('nope.yaml')}: no such file or directory\n`,
    );
    const r = await cli([fixture('jobs.yaml'), '--policy', fixture('syntax-error.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^cdk8s-batch lint: --policy ${fixture('syntax-error.yaml')}:\\d+:\\d+: YAML syntax error: [^\\n]+\\n$`,
      ),
    );
  });

  test('--kubernetes-version reaches the rules, normalised', async () => {
    const versions: Array<string | undefined> = [];
    await lint([fixture('warning-only.json'), '--kubernetes-version', 'v1.30.2'], {
      validate: (_object, options) => {
        versions.push(options.kubernetesVersion);
        return [];
      },
    });
    expect(versions).toEqual(['1.30']);
  });

  test.each([
    [
      ['--kubernetes-version', '2.0', 'x.yaml'],
      'cdk8s-batch lint: --kubernetes-version must be 1.25 or later (rules known up to 1.37), e.g. 1.35, not "2.0"\n',
    ],
    [['--format', 'yaml', 'x.yaml'], 'cdk8s-batch lint: --format must be text, json, sarif or github, not "yaml"\n'],
    [[], 'cdk8s-batch lint: missing PATH: name manifest files or directories, or - for standard input\n'],
    [['--frobnicate', 'x.yaml'], expect.stringMatching(/^cdk8s-batch lint: [^\n]*Unknown option '--frobnicate'\n$/)],
  ])('bad usage %j: one line, exit 2', async (args, stderr) => {
    expect(await cli(args)).toEqual({ code: 2, stdout: '', stderr });
  });

  test('lint is a registered command with usage text', async () => {
    const r = await runCli(['lint', '--help'], fakeIo());
    expect(r).toBe(0);
    const io = fakeIo();
    await runCli(['--help'], io);
    expect(io.stdout()).toContain(
      'cdk8s-batch lint PATH... [--format text|json|sarif|github] [--kubernetes-version X.Y] [--policy FILE] [--strict]',
    );
  });
});

describe('cdk8s-batch lint: robustness (real command line, real registry)', () => {
  /** Exit 2 with exactly one line on stderr, starting with the file's name, and no stack trace. */
  function expectUnreadable(r: { code: number; stderr: string }, prefix: string, reason: RegExp) {
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0].startsWith(`cdk8s-batch lint: ${prefix}`)).toBe(true);
    expect(lines[0]).toMatch(reason);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }

  test('a YAML syntax error exits 2 naming file, line and column', async () => {
    const r = await cli([fixture('syntax-error.yaml')]);
    expectUnreadable(r, `${fixture('syntax-error.yaml')}:7:3: `, /^cdk8s-batch lint: \S+:\d+:\d+: YAML syntax error: /);
  });

  test('an alias bomb exits 2 quickly, without expanding it', async () => {
    const started = Date.now();
    const r = await cli([fixture('alias-bomb.yaml')]);
    expect(Date.now() - started).toBeLessThan(3000);
    expectUnreadable(r, `${fixture('alias-bomb.yaml')}:2: `, /cannot be expanded: .*alias/i);
  });

  test('a PNG image exits 2: binary data', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const file = scratchFile('logo.png', png);
    expectUnreadable(await cli([file]), file, /binary data, not YAML or JSON text/);
  });

  test('random bytes exit 2 with a reason', async () => {
    let seed = 7;
    const file = scratchFile(
      'random.yaml',
      Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256),
    );
    expectUnreadable(await cli([file]), file, /(binary data|not UTF-8 text)/);
  });

  test('NUL bytes exit 2', async () => {
    const file = scratchFile('nul.yaml', 'apiVersion: batch/v1\nkind: Job\x00\n');
    expectUnreadable(await cli([file]), `${file}:2: `, /a NUL byte at byte offset 30/);
  });

  test('invalid UTF-8 exits 2', async () => {
    const file = scratchFile(
      'latin1.yaml',
      Buffer.from('apiVersion: batch/v1\nkind: Job\nmetadata: {name: caf\xe9}\n', 'latin1'),
    );
    expectUnreadable(await cli([file]), `${file}:3: `, /not UTF-8 text \(an invalid byte at byte offset 51\)/);
  });

  test('binary garbage on standard input exits 2', async () => {
    const io = fakeIo();
    const code = await runLint(['-'], io, { stdin: stdinOf(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff])) });
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/^cdk8s-batch lint: <stdin>:1: binary data/);
  });

  test.each([['empty.yaml'], ['comments.yaml'], ['separators.yaml']])('%s is fine: 0 objects, exit 0', async (name) => {
    expect(await cli([fixture(name)])).toEqual({
      code: 0,
      stdout: 'checked 0 Job, CronJob or ScaledJob objects in 1 file: no findings\n',
      stderr: '',
    });
  });

  test('documents that are not objects are skipped with a note each, exit 0', async () => {
    const r = await cli([fixture('not-objects.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      `cdk8s-batch lint: note: ${fixture('not-objects.yaml')}:1: document 0 is a string, not a Kubernetes object; skipped`,
      `cdk8s-batch lint: note: ${fixture('not-objects.yaml')}:3: document 1 is a list, not a Kubernetes object; skipped`,
      `cdk8s-batch lint: note: ${fixture('not-objects.yaml')}:6: document 2 is a number, not a Kubernetes object; skipped`,
      '',
    ]);
  });

  test('a CronJob of the removed batch/v1beta1 API is an error finding in the JSON, and exits 1', async () => {
    const r = await cli([fixture('removed-api.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'batch-api-removed', severity: 'error', field: 'apiVersion', kind: 'CronJob' }),
    ]);
  });

  test('the summary counts the objects checked by kind, ScaledJobs and removed APIs included', async () => {
    const io = fakeIo();
    const stdin = [
      'apiVersion: keda.sh/v1alpha1',
      'kind: ScaledJob',
      'metadata: {name: drain}',
      'spec: {jobTargetRef: {template: {spec: {restartPolicy: Never, containers: [{name: w, image: "w:1"}]}}}}',
      '---',
      'apiVersion: batch/v1beta1',
      'kind: CronJob',
      'metadata: {name: old}',
      '---',
      'apiVersion: keda.sh/v1alpha1',
      'kind: ScaledJob',
      'metadata: {name: drain-2}',
      'spec: {jobTargetRef: {template: {spec: {restartPolicy: Never, containers: [{name: w, image: "w:1"}]}}}}',
    ].join('\n');
    await runLint(['-'], io, { stdin: stdinOf(stdin) });
    expect(io.stdout().trimEnd().split('\n').pop()).toMatch(
      /^checked 3 objects \(2 ScaledJobs, 1 CronJob\) in 1 file: [1-9]\d* errors?, \d+ warnings?$/,
    );
  });

  test('a missing path exits 2 in one line', async () => {
    expect(await cli([fixture('missing.yaml')])).toEqual({
      code: 2,
      stdout: 'checked 0 Job, CronJob or ScaledJob objects in 0 files: no findings\n',
      stderr: `cdk8s-batch lint: ${fixture('missing.yaml')}: no such file or directory\n`,
    });
  });

  test('a directory with no manifests is fine', async () => {
    expect(await cli([fixture('tree/empty-dir')])).toMatchObject({ code: 0, stderr: '' });
  });

  test('an unreadable file does not hide the findings of the others; exit 2 wins', async () => {
    const r = await lint([
      fixture('missing.yaml'),
      fixture('jobs.yaml'),
      fixture('syntax-error.yaml'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').map((l) => l.slice(0, l.indexOf(':', 'cdk8s-batch lint: '.length)))).toEqual([
      `cdk8s-batch lint: ${fixture('missing.yaml')}`,
      `cdk8s-batch lint: ${fixture('syntax-error.yaml')}`,
      '',
    ]);
    expect(JSON.parse(r.stdout).findings.map((f: any) => f.rule)).toEqual(['fake-restart-policy', 'fake-ttl']);
  });

  test('as a real process: garbage piped to stdin exits 2 with one line; a good file piped exits 0', () => {
    const garbage = spawnSync(process.execPath, [BIN, 'lint', '-'], {
      input: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]),
      encoding: 'utf8',
    });
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toBe(
      'cdk8s-batch lint: <stdin>:3: binary data, not YAML or JSON text (a NUL byte at byte offset 8)\n',
    );
    const good = spawnSync(process.execPath, [BIN, 'lint', '-', '--format', 'json'], {
      input: 'apiVersion: v1\nkind: ConfigMap\n',
      encoding: 'utf8',
    });
    expect({ status: good.status, stdout: good.stdout, stderr: good.stderr }).toEqual({
      status: 0,
      stdout: '{"checked":0,"findings":[]}\n',
      stderr: '',
    });
  });

  test('a 5,000-document file lints without a crash or a hang', async () => {
    const job = (i: number) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-${i}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: main\n          image: busybox:1.36\n`;
    const file = scratchFile('many.yaml', Array.from({ length: 5000 }, (_, i) => job(i)).join('---\n'));
    const r = await cli([file, '--format', 'json']);
    expect(r.code === 0 || r.code === 1).toBe(true);
    const answer = JSON.parse(r.stdout);
    expect(answer.checked).toBe(5000);
    // Findings come in document order.
    const indexes = answer.findings.map((f: any) => f.index);
    expect(indexes).toEqual([...indexes].sort((a: number, b: number) => a - b));
  }, 60_000);
});

/*
 * END-TO-END WITH THE REAL RULES. These run only once API-server rules are registered (the
 * rule engine is being written in parallel); until then they are skipped. They assert field
 * paths, never rule ids, so they do not depend on what the rules end up being called.
 */
const withRealRules = API_SERVER_RULES.length > 0 ? describe : describe.skip;

withRealRules('cdk8s-batch lint with the real rules [runs once API-server rules land]', () => {
  test('the acceptance CronJob: a 60-character name, day-of-week 7 and restartPolicy Always are errors, exit 1', async () => {
    const r = await cli([fixture('real/bad-cronjob.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    const { checked, findings } = JSON.parse(r.stdout);
    expect(checked).toBe(1);
    const errors = findings.filter((f: any) => f.severity === 'error');
    expect(errors.map((f: any) => f.field)).toEqual(
      expect.arrayContaining(['metadata.name', 'spec.schedule', 'spec.jobTemplate.spec.template.spec.restartPolicy']),
    );
    for (const f of errors) {
      expect(f).toMatchObject({
        file: fixture('real/bad-cronjob.yaml'),
        index: 0,
        kind: 'CronJob',
        name: 'nightly-accounting-report-for-the-emea-region-finance-team-x',
      });
      expect(f.rule).toMatch(/^[a-z0-9-]+$/);
      expect(f.fix.length).toBeGreaterThan(5);
    }
  });

  test('a safe Job has no error findings, exit 0', async () => {
    const r = await cli([fixture('real/good-job.yaml'), '--format', 'json']);
    expect(JSON.parse(r.stdout).findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('--kubernetes-version changes what is accepted: successPolicy needs 1.31', async () => {
    const file = scratchFile(
      'success-policy.yaml',
      [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: indexed}',
        'spec:',
        '  completionMode: Indexed',
        '  completions: 3',
        '  parallelism: 3',
        '  successPolicy: {rules: [{succeededIndexes: "0"}]}',
        '  template:',
        '    spec:',
        '      restartPolicy: Never',
        '      containers: [{name: main, image: "busybox:1.36"}]',
        '',
      ].join('\n'),
    );
    const fields = async (version: string) =>
      JSON.parse((await cli([file, '--format', 'json', '--kubernetes-version', version])).stdout)
        .findings.filter((f: any) => f.severity === 'error')
        .map((f: any) => f.field);
    expect(await fields('1.28')).toContain('spec.successPolicy');
    expect(await fields('1.31')).not.toContain('spec.successPolicy');
  });
});

describe('cdk8s-batch lint: Kubernetes releases', () => {
  const GA_SINCE_1_28 = relative(process.cwd(), GA_SINCE_1_28_FILE);
  const errorsOf = (stdout: string) =>
    JSON.parse(stdout)
      .findings.filter((f: any) => f.severity === 'error')
      .map((f: any) => `${f.rule} ${f.field}`);

  test.each(['1.35', '1.36', '1.37'])(
    'the Job using every field that went GA since 1.28 has no error for %s',
    async (release) => {
      const r = await cli([GA_SINCE_1_28, '--kubernetes-version', release, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(errorsOf(r.stdout)).toEqual([]);
      expect(r.code).toBe(0);
    },
  );

  test('the same Job is flagged for 1.28 (exit 1)', async () => {
    const r = await cli([GA_SINCE_1_28, '--kubernetes-version', '1.28', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(errorsOf(r.stdout)).toEqual(GA_SINCE_1_28_ERRORS_IN_1_28);
  });

  test('without --kubernetes-version the default target (1.35) accepts it', async () => {
    const r = await cli([GA_SINCE_1_28, '--format', 'json']);
    expect(errorsOf(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('a newer minor than the library knows is checked as the newest known, with a one-line note', async () => {
    const r = await cli([GA_SINCE_1_28, '--kubernetes-version', '1.38', '--format', 'json']);
    expect(r.stderr).toBe(
      'cdk8s-batch lint: note: Kubernetes 1.38 is newer than the newest release cdk8s-batch knows; checking with the rules of 1.37.\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli([GA_SINCE_1_28, '--kubernetes-version', '1.37', '--format', 'json'])).stdout);
  });

  test('the rules reach the oldest release the library knows, 1.25, and no further', async () => {
    expect((await cli([GA_SINCE_1_28, '--kubernetes-version', '1.25'])).code).toBe(1);
    expect((await cli([GA_SINCE_1_28, '--kubernetes-version', '1.24'])).code).toBe(2);
  });

  test('a minor past any number a release could have is refused, not printed as 1e+21', async () => {
    const r = await cli([GA_SINCE_1_28, '--kubernetes-version', '1.999999999999999999999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^cdk8s-batch lint: --kubernetes-version must be 1\.25 or later .*, not "1\.999999999999999999999"\n$/,
    );
    expect(r.stderr).not.toContain('e+');
  });
});
