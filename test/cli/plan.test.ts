/** `cdk8s-batch plan`: in process through runCli, and once as a real process. */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIo } from '../support/fake-io';

const BIN = join(__dirname, '..', '..', 'lib', 'src', 'cli', 'main.js');
const FIXTURES = join(__dirname, '..', 'fixtures', 'plan');
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
const KEYS = [
  'createJobFor',
  'createJobName',
  'deleteActive',
  'skippedReason',
  'warnTooManyMissed',
  'nextScheduleTime',
  'requeueAfterMs',
  'deleteFinished',
  'statusActiveAfter',
  'lastScheduleTimeAfter',
  'lastSuccessfulTimeAfter',
];
const scratch = mkdtempSync(join(tmpdir(), 'plan-cli-'));

async function run(args: string[], stdin = '') {
  const io = fakeIo(stdin);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

function caseFile(content: unknown): string {
  const file = join(scratch, `case-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const good = {
  cronJob: { schedule: '0 * * * *' },
  creationTimestamp: '2026-03-01T00:00:00Z',
  now: '2026-03-01T10:00:00.1Z',
};

describe('cdk8s-batch plan --format json', () => {
  test.each(fixtures)('%s: exactly the eleven expect keys, equal to the fixture', async (name) => {
    const r = await run(['plan', join(FIXTURES, name), '--format', 'json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual(KEYS);
    expect(answer).toEqual(fixture(name).expect);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });

  test('options may come first, and - reads the case from stdin', async () => {
    const r = await run(['plan', '--format', 'json', '-'], JSON.stringify(good));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      createJobFor: '2026-03-01T10:00:00Z',
      createJobName: 'mycronjob-29539320',
      requeueAfterMs: 3_600_000,
    });
  });
});

describe('cdk8s-batch plan (text)', () => {
  test('is the default, and explains the decision', async () => {
    const r = await run(['plan', join(FIXTURES, 'upstream-replace.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('report at 2026-03-01T10:00:00.1Z');
    expect(r.stdout).toContain('create    report-29539320 for 2026-03-01T10:00:00Z (scheduled run)');
    expect(r.stdout).toContain('delete    active: report-29539260; finished (history limits): report-29539080');
    expect(r.stdout).toContain('requeue   next run 2026-03-01T11:00:00Z; sync again in 1h0m0s');
  });

  test("shows why nothing was created and the extensions' state", async () => {
    const paused = await run(['plan', join(FIXTURES, 'pause-after-failures.json')]);
    expect(paused.stdout).toContain('create    nothing: paused (3 consecutive runs failed (pauseAfterFailures 3))');
    expect(paused.stdout).toContain('condition Paused=True ConsecutiveFailures');
    expect(paused.stdout).toContain('requeue   not until the object or one of its Jobs changes');
    const queued = await run(['plan', join(FIXTURES, 'overlap-buffer-one.json'), '--format=text']);
    expect(queued.stdout).toContain('queue     2026-03-01T10:00:00Z');
    const backfill = await run(['plan', join(FIXTURES, 'backfill.json')]);
    expect(backfill.stdout).toContain(
      'backfill  2026-03-01T00:00:00Z..2026-03-01T03:00:00Z: 2 run(s) created through 2026-03-01T01:00:00Z',
    );
  });
});

describe('mistakes: exit 2, one line naming the field, no stack trace', () => {
  test.each([
    ['a missing file', () => join(scratch, 'nope.json'), /^cdk8s-batch plan: cannot read .*nope\.json: ENOENT\n$/],
    ['text that is not JSON', () => caseFile('{"cronJob": '), /^cdk8s-batch plan: .*: not JSON: /],
    ['a list instead of a case', () => caseFile([good]), /: must be an object\n$/],
    [
      'no cronJob',
      () => caseFile({ now: good.now, creationTimestamp: good.creationTimestamp }),
      /: cronJob: is required\n$/,
    ],
    ['no now', () => caseFile({ ...good, now: undefined }), /: now: is required\n$/],
    ['a bad instant', () => caseFile({ ...good, now: '2026-03-01 10:00' }), /: now: must be an RFC 3339 instant/],
    ['an unknown top-level field', () => caseFile({ ...good, nowe: 1 }), /: nowe: unknown field/],
    [
      'a misspelt extension field',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', jiterSeconds: 5 } }),
      /: cronJob.jiterSeconds: unknown field/,
    ],
    [
      'a wrong type',
      () => caseFile({ ...good, cronJob: { schedule: 5 } }),
      /: cronJob.schedule: must be a string, not 5\n$/,
    ],
    [
      'a negative deadline',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', startingDeadlineSeconds: -1 } }),
      /: cronJob.startingDeadlineSeconds: must be a whole number of at least 0/,
    ],
    [
      'an unknown concurrencyPolicy',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', concurrencyPolicy: 'Sometimes' } }),
      /: cronJob.concurrencyPolicy: must be one of Allow, Forbid, Replace/,
    ],
    ['a Job without a name', () => caseFile({ ...good, activeJobs: [{}] }), /: activeJobs\[0\].name: is required\n$/],
    [
      'a finished Job without an outcome',
      () => caseFile({ ...good, finishedJobs: [{ name: 'x' }] }),
      /: finishedJobs\[0\].succeeded: is required/,
    ],
    [
      'two Jobs with one name',
      () => caseFile({ ...good, activeJobs: [{ name: 'x' }], finishedJobs: [{ name: 'x', succeeded: true }] }),
      /: finishedJobs\[0\].name: duplicate Job name x/,
    ],
    [
      'a bad exclusion window',
      () => caseFile({ ...good, cronJob: { schedule: '0 * * * *', exclusions: [{ hours: '9-33' }] } }),
      /: cronJob.exclusions\[0\].hours: "9-33" is not a time range/,
    ],
  ])('%s', async (_label, file, message) => {
    const r = await run(['plan', file(), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test.each([
    [['plan'], 'expected exactly one case file'],
    [['plan', 'a.json', 'b.json'], 'expected exactly one case file'],
    [['plan', join(FIXTURES, 'jitter.json'), '--format', 'yaml'], '--format must be text or json'],
    [['plan', join(FIXTURES, 'jitter.json'), '--explain'], "Unknown option '--explain'"],
  ])('usage: %j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  test('--help prints the usage', async () => {
    const r = await run(['plan', '--help']);
    expect(r).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('cdk8s-batch plan CASE.json [--format text|json]'),
    });
  });

  test('no case file, however malformed, crashes the command', async () => {
    const valid = fixture('backfill.json');
    const mutated = fc
      .tuple(
        fc.constantFrom(...Object.keys(valid), ...Object.keys(valid.cronJob).map((k) => `cronJob.${k}`)),
        fc.jsonValue(),
      )
      .map(([path, value]) => {
        const copy = JSON.parse(JSON.stringify(valid));
        const [head, tail] = path.split('.');
        if (tail === undefined) copy[head] = value;
        else copy[head][tail] = value;
        return copy;
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutated), async (content) => {
        const r = await run(['plan', '-', '--format', 'json'], JSON.stringify(content));
        expect([0, 2]).toContain(r.code);
        if (r.code === 2) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        else expect(Object.keys(JSON.parse(r.stdout))).toEqual(KEYS);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the installed command', () => {
  test('node lib/src/cli/main.js plan FILE --format json', () => {
    const r = spawnSync(process.execPath, [BIN, 'plan', join(FIXTURES, 'catch-up-up-to.json'), '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(fixture('catch-up-up-to.json').expect);
  });
});
