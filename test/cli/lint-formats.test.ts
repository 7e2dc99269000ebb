/**
 * `lint --format sarif` and `--format github`: the SARIF log validates against the OASIS SARIF
 * 2.1.0 schema (test/data/sarif-schema-2.1.0.json, draft-04, checked with ajv-draft-04), each
 * finding is one result at the line and column of its field, and GitHub annotations carry the
 * same positions. `--strict` turns the opt-in rules on.
 */
import { readFileSync } from 'fs';
import { join, relative } from 'path';
import { Readable } from 'stream';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runLint } from '../../src/cli/lint';
import { runCli } from '../../src/cli/main';
import { fakeIo } from '../support/fake-io';

const FIXTURES = relative(process.cwd(), join(__dirname, '..', 'fixtures', 'lint'));
const BAD_CRONJOB = join(FIXTURES, 'real', 'bad-cronjob.yaml');
const SYNTAX_ERROR = join(FIXTURES, 'syntax-error.yaml');
const NOT_OBJECTS = join(FIXTURES, 'not-objects.yaml');
const SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', 'data', 'sarif-schema-2.1.0.json'), 'utf8'));

async function lint(args: string[], stdin?: string) {
  const io = fakeIo();
  const code = await runLint(args, io, stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) });
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

function validateSarif(log: unknown): string[] {
  // Not strict: the official schema itself trips ajv's strict checks (a `required` property defined in a sibling branch).
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  const validate = ajv.compile(SCHEMA);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('--format sarif', () => {
  test('validates against the SARIF 2.1.0 schema, one result per finding, at the field', async () => {
    const json = await lint(['--format', 'json', BAD_CRONJOB]);
    const r = await lint(['--format', 'sarif', BAD_CRONJOB]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual([]);
    const [run] = log.runs;
    expect(run.results).toHaveLength(JSON.parse(json.stdout).findings.length);
    const name = run.results.find((x: { ruleId: string }) => x.ruleId === 'cronjob-name-too-long');
    expect(name).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: BAD_CRONJOB }, region: { startLine: 6, startColumn: 3 } },
          logicalLocations: [{ fullyQualifiedName: expect.stringMatching(/^CronJob\/nightly-.*\.metadata\.name$/) }],
        },
      ],
    });
    const schedule = run.results.find((x: { ruleId: string }) => x.ruleId === 'cronjob-schedule-invalid');
    expect(schedule.locations[0].physicalLocation.region).toEqual({ startLine: 8, startColumn: 3 });
    expect(schedule.message.text).toMatch(/^spec\.schedule: .* Fix: /);
  });

  test('each reported rule has metadata with help text, and results point at it by index', async () => {
    const log = JSON.parse((await lint(['--format', 'sarif', BAD_CRONJOB])).stdout);
    const { rules } = log.runs[0].tool.driver;
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    const ids = rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
    }
    const bestPractice = rules.find((r: { id: string }) => r.id === 'job-missing-active-deadline');
    expect(bestPractice.help.text).toMatch(/cdk8s-batch\.io\/suppress-job-missing-active-deadline/);
    expect(bestPractice.defaultConfiguration.level).toBe('warning');
  });

  test('standard input and a clean file give valid logs too', async () => {
    const text = readFileSync(BAD_CRONJOB, 'utf8');
    const stdin = JSON.parse((await lint(['--format', 'sarif', '-'], text)).stdout);
    expect(validateSarif(stdin)).toEqual([]);
    expect(stdin.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Cstdin%3E');
    expect(stdin.runs[0].results[0].locations[0].physicalLocation.region.startColumn).toBeDefined();
    const clean = await lint(['--format', 'sarif', join(FIXTURES, 'real', 'good-job.yaml')]);
    expect(clean.code).toBe(0);
    const log = JSON.parse(clean.stdout);
    expect(validateSarif(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
  });
  test('inputs that cannot be read, and documents left unchecked, are notifications of a run that did not succeed', async () => {
    const r = await lint(['--format', 'sarif', SYNTAX_ERROR, BAD_CRONJOB, NOT_OBJECTS]);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log)).toEqual([]);
    const [run] = log.runs;
    expect(run.results.length).toBeGreaterThan(0);
    const [invocation] = run.invocations;
    expect(invocation.executionSuccessful).toBe(false);
    const notifications = invocation.toolExecutionNotifications;
    expect(notifications[0]).toEqual({
      level: 'error',
      message: { text: expect.stringMatching(/^YAML syntax error: /) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: SYNTAX_ERROR },
            region: { startLine: 7, startColumn: 3 },
          },
        },
      ],
    });
    expect(notifications.slice(1).map((n: any) => [n.level, n.locations[0].physicalLocation.region.startLine])).toEqual(
      [
        ['note', 1],
        ['note', 3],
        ['note', 6],
      ],
    );
    expect(notifications[1].message.text).toBe('document 0 is a string, not a Kubernetes object; skipped');
  });

  test('a run that read every input succeeded and has no notifications', async () => {
    const log = JSON.parse((await lint(['--format', 'sarif', BAD_CRONJOB])).stdout);
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });
});

describe('--format github', () => {
  test('one workflow command per finding at the field, then the summary', async () => {
    const r = await lint(['--format', 'github', BAD_CRONJOB]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^checked 1 object \(1 CronJob\) in 1 file: 3 errors, \d+ warnings$/);
    const commands = lines.slice(0, -1);
    expect(commands.every((l) => /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]+::\S/.test(l))).toBe(true);
    expect(commands).toContainEqual(
      expect.stringMatching(
        /^::error file=.*bad-cronjob\.yaml,line=8,col=3,title=cronjob-schedule-invalid \(CronJob nightly-[^)]*\)::spec\.schedule: /,
      ),
    );
  });

  test('an input that cannot be read is an error annotation where it broke; an unchecked document, a notice', async () => {
    const r = await lint(['--format', 'github', SYNTAX_ERROR, '/nonexistent/x.yaml', NOT_OBJECTS]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^::error file=.*syntax-error\.yaml,line=7,col=3,title=unreadable input \(not checked\)::YAML syntax error: /,
    );
    expect(lines[1]).toBe(
      '::error file=/nonexistent/x.yaml,title=unreadable input (not checked)::no such file or directory',
    );
    expect(lines[2]).toMatch(
      /^::notice file=.*not-objects\.yaml,line=1,title=document not checked::document 0 is a string, not a Kubernetes object; skipped$/,
    );
    expect(lines).toHaveLength(6);
    // The same problems still go to stderr, as for every format.
    expect(r.stderr).toMatch(/syntax-error\.yaml:7:3: YAML syntax error/);
  });

  test('properties and messages are escaped', async () => {
    const job = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: "a,b"}\nspec: {template: {spec: {restartPolicy: Always, containers: [{name: c, image: x}]}}}\n`;
    const r = await lint(['--format', 'github', '-'], job);
    const line = r.stdout.split('\n').find((l) => l.includes('job-restart-policy-invalid'))!;
    expect(line).toMatch(/^::error file=<stdin>,line=4,col=\d+,title=job-restart-policy-invalid \(Job a%2Cb\)::/);
  });
});

test('--strict turns on the opt-in rules', async () => {
  const job = `apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x, env: [{name: P, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]}}}\n`;
  const rules = async (args: string[]) =>
    JSON.parse((await lint(['--format', 'json', ...args, '-'], job)).stdout).findings.map(
      (f: { rule: string }) => f.rule,
    );
  expect(await rules([])).not.toContain('container-secret-in-env');
  expect(await rules(['--strict'])).toContain('container-secret-in-env');
});

test('an unknown format names the four', async () => {
  const io = fakeIo();
  expect(await runCli(['lint', '--format', 'yaml', BAD_CRONJOB], io)).toBe(2);
  expect(io.stderr()).toBe('cdk8s-batch lint: --format must be text, json, sarif or github, not "yaml"\n');
});

describe('a repeated YAML key (kubectl keeps the last value)', () => {
  const DUPLICATE_KEYS = join(FIXTURES, 'duplicate-keys.yaml');

  test('the object is checked as kubectl reads it, and each repeat is a warning on stderr', async () => {
    const r = await lint(['--format', 'json', DUPLICATE_KEYS]);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout);
    expect(new Set(findings.map((f: any) => f.name))).toEqual(new Set(['backup-after']));
    expect(findings.map((f: any) => f.rule)).toContain('job-restart-policy-invalid');
    const warnings = r.stderr.split('\n').filter((l) => l.includes('repeats the key'));
    expect(
      warnings.map((l) => /:(\d+:\d+): document 0: the mapping repeats the key "(\w+)"/.exec(l)?.slice(1)),
    ).toEqual([
      ['14:1', 'apiVersion'],
      ['15:1', 'kind'],
      ['16:1', 'metadata'],
      ['18:1', 'spec'],
    ]);
    expect(warnings[0]).toMatch(/^cdk8s-batch lint: warning: .*duplicate-keys\.yaml:14:1: /);
  });

  test('github: a warning annotation at each repeat', async () => {
    const r = await lint(['--format', 'github', DUPLICATE_KEYS]);
    const repeats = r.stdout.split('\n').filter((l) => l.includes('title=duplicate key'));
    expect(repeats).toHaveLength(4);
    expect(repeats[0]).toMatch(
      /^::warning file=.*duplicate-keys\.yaml,line=14,col=1,title=duplicate key::document 0: the mapping repeats the key "apiVersion": /,
    );
  });

  test('sarif: a warning notification at each repeat, and the run still succeeded', async () => {
    const log = JSON.parse((await lint(['--format', 'sarif', DUPLICATE_KEYS])).stdout);
    expect(validateSarif(log)).toEqual([]);
    const [invocation] = log.runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(true);
    expect(
      invocation.toolExecutionNotifications.map((n: any) => [
        n.level,
        n.locations[0].physicalLocation.region.startLine,
        n.locations[0].physicalLocation.region.startColumn,
      ]),
    ).toEqual([
      ['warning', 14, 1],
      ['warning', 15, 1],
      ['warning', 16, 1],
      ['warning', 18, 1],
    ]);
  });
});
