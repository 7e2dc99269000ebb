import { spawnSync } from 'child_process';
import { join } from 'path';
import { runCli } from '../../src/cli/main';
import { fakeIo } from '../support/fake-io';

const BIN = join(__dirname, '..', '..', 'lib', 'src', 'cli', 'main.js');

async function run(args: string[], stdin = '') {
  const io = fakeIo(stdin);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('cdk8s-batch next', () => {
  test('the acceptance example: 02:00 New York skips the spring-forward day', async () => {
    const r = await run([
      'next',
      '0 2 * * *',
      '--time-zone',
      'America/New_York',
      '--after',
      '2026-03-07T00:00:00Z',
      '--count',
      '3',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schedule: '0 2 * * *',
      timeZone: 'America/New_York',
      valid: true,
      next: ['2026-03-07T07:00:00Z', '2026-03-09T06:00:00Z', '2026-03-10T06:00:00Z'],
    });
  });

  test('options may come before the schedule, and --time-zone defaults to UTC', async () => {
    const r = await run([
      'next',
      '--count',
      '2',
      '--after',
      '2026-01-01T00:00:00Z',
      '--format',
      'json',
      '*/15 * * * *',
    ]);
    expect(JSON.parse(r.stdout)).toEqual({
      schedule: '*/15 * * * *',
      timeZone: 'UTC',
      valid: true,
      next: ['2026-01-01T00:15:00Z', '2026-01-01T00:30:00Z'],
    });
  });

  test('-- ends the options, so a schedule starting with "-" is checked (and rejected), exit 1', async () => {
    const r = await run(['next', '--count', '3', '--format', 'json', '--', '-5 * * * *']);
    expect(r.code).toBe(1);
    const answer = JSON.parse(r.stdout);
    expect(answer).toEqual({
      schedule: '-5 * * * *',
      valid: false,
      error: expect.stringContaining('spec.schedule: failed to parse int'),
    });
    expect(Object.keys(answer)).toEqual(['schedule', 'valid', 'error']);
  });

  test('without --, a schedule starting with "-" is a usage error, exit 2, one line, no stack', async () => {
    const r = await run(['next', '-5 * * * *']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  test.each([
    [['next'], 'missing SCHEDULE'],
    [['next', '0 * * * *', '--count', '0'], '--count'],
    [['next', '0 * * * *', '--count', 'ten'], '--count'],
    [['next', '0 * * * *', '--after', 'yesterday'], '--after'],
    [['next', '0 * * * *', '--after', '2026-01-01T00:00:00'], '--after'],
    [['next', '0 * * * *', '--format', 'yaml'], '--format'],
    [['next', '0 * * * *', '--bogus'], 'bogus'],
    [['frobnicate'], 'unknown command'],
  ])('bad usage %j exits 2 naming %s', async (args, words) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
  });

  test('a schedule Kubernetes rejects exits 1 with the reason and a fix in text form', async () => {
    const r = await run(['next', '0 0 * * 7']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('end of range (7) above maximum (6)');
    expect(r.stdout).toContain('fix: Day of week runs 0-6');
  });

  test('an invalid time zone is reported at spec.timeZone', async () => {
    const r = await run(['next', '0 0 * * *', '--time-zone', 'Mars/Olympus', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toBe('spec.timeZone: unknown time zone Mars/Olympus');
  });

  test('a schedule that never fires says so', async () => {
    const text = await run(['next', '0 0 30 2 *']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('never fires');
    const json = await run(['next', '0 0 30 2 *', '--format', 'json']);
    expect(JSON.parse(json.stdout).next).toEqual([]);
  });

  test('text shows each run in UTC and in the zone, and the description', async () => {
    const r = await run([
      'next',
      '30 1 * * *',
      '--time-zone',
      'America/New_York',
      '--after',
      '2026-10-31T12:00:00Z',
      '--count',
      '3',
    ]);
    expect(r.stdout).toContain('At 01:30');
    expect(r.stdout).toContain('2026-11-01T05:30:00Z  2026-11-01 01:30 EDT (Sun)');
    expect(r.stdout).toContain('2026-11-01T06:30:00Z  2026-11-01 01:30 EST (Sun)');
  });

  test('--after defaults to now', async () => {
    const before = Date.now();
    const r = await run(['next', '* * * * *', '--count', '1', '--format', 'json']);
    const first = Date.parse(JSON.parse(r.stdout).next[0]);
    expect(first).toBeGreaterThan(before);
    expect(first).toBeLessThanOrEqual(before + 61_000);
  });

  describe('--batch', () => {
    test('one JSON object per line, in order, never stopping at a bad line', async () => {
      const stdin = [
        '0 2 * * *|America/New_York|2026-03-07T00:00:00Z',
        '0 0 * * 7',
        '',
        '# a comment',
        '@every 5m||2026-01-01T00:00:00Z',
        '0 0 * * *|utc|2026-01-01T00:00:00Z',
        '0 0 * * *||not-a-time',
        '0 12 * * *',
      ].join('\n');
      const r = await run(['next', '--batch', '--count', '2', '--after', '2026-01-01T00:00:00Z'], stdin);
      expect(r.code).toBe(0);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toEqual([
        {
          schedule: '0 2 * * *',
          timeZone: 'America/New_York',
          valid: true,
          next: ['2026-03-07T07:00:00Z', '2026-03-09T06:00:00Z'],
        },
        { schedule: '0 0 * * 7', valid: false, error: 'spec.schedule: end of range (7) above maximum (6): 7' },
        { schedule: '@every 5m', timeZone: 'UTC', valid: true, next: ['2026-01-01T00:05:00Z', '2026-01-01T00:10:00Z'] },
        { schedule: '0 0 * * *', valid: false, error: 'spec.timeZone: unknown time zone utc' },
        { schedule: '0 0 * * *', valid: false, error: expect.stringContaining('not-a-time') },
        {
          schedule: '0 12 * * *',
          timeZone: 'UTC',
          valid: true,
          next: ['2026-01-01T12:00:00Z', '2026-01-02T12:00:00Z'],
        },
      ]);
    });

    test('a schedule argument with --batch is a usage error', async () => {
      expect((await run(['next', '--batch', '0 * * * *'])).code).toBe(2);
    });

    test('a large batch piped through the real binary arrives whole', () => {
      const count = 20_000;
      const input =
        Array.from({ length: count }, (_, i) => `${i % 60} * * * *||2026-01-01T00:00:00Z`).join('\n') + '\n';
      const r = spawnSync(process.execPath, [BIN, 'next', '--batch', '--count', '3'], {
        input,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.status).toBe(0);
      const lines = r.stdout.toString().trim().split('\n');
      expect(lines).toHaveLength(count);
      expect(JSON.parse(lines[count - 1])).toEqual({
        schedule: `${(count - 1) % 60} * * * *`,
        timeZone: 'UTC',
        valid: true,
        next: expect.any(Array),
      });
    });
  });

  test('the real binary exits 1 for an invalid schedule and 2 for bad usage, without stack traces', () => {
    const invalid = spawnSync(process.execPath, [BIN, 'next', '0 0 L * *']);
    expect(invalid.status).toBe(1);
    const usage = spawnSync(process.execPath, [BIN, 'next', '0 0 * * *', '--count', '-1']);
    expect(usage.status).toBe(2);
    expect(usage.stderr.toString()).not.toMatch(/\n\s+at /);
  });
});
