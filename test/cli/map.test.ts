import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { buildExamplesApp } from '../../examples/app';
import { runMap } from '../../src/cli/map';
import { fakeIo } from '../support/fake-io';

const FIXTURES = join(__dirname, '..', 'fixtures', 'map');
const NOW = Date.parse('2026-10-29T10:17:42Z');

async function run(args: string[]) {
  const io = fakeIo('');
  const code = await runMap(args, io, () => NOW).catch((error: Error) => {
    void io.err(`${error.constructor.name}: ${error.message}`);
    return -1;
  });
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('cdk8s-batch map', () => {
  test('prints the text map of a directory, from now (to the minute) for 7 days by default', async () => {
    const r = await run([FIXTURES]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'schedule map, 2026-10-29T10:17:00Z to 2026-11-05T10:17:00Z (7 days, shown in UTC)',
    );
    expect(r.stdout).toContain('pile-up: 41 starts in the minute 00:00 UTC');
  });

  test('--from a date is midnight in --time-zone; --days 1 maps minutes', async () => {
    const r = await run([
      FIXTURES,
      '--from',
      '2026-11-01',
      '--time-zone',
      'America/New_York',
      '--days',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.window).toEqual({
      from: '2026-11-01T04:00:00Z',
      to: '2026-11-02T04:00:00Z',
      days: 1,
      timeZone: 'America/New_York',
      resolution: 'minute',
    });
  });

  test('--from a date whose midnight the clocks skip starts when the date begins (Santiago: 01:00), no row for the day before', async () => {
    const args = ['--from', '2026-09-06', '--time-zone', 'America/Santiago', '--days', '2'];
    const json = JSON.parse((await run([FIXTURES, ...args, '--format', 'json'])).stdout);
    expect(json.window).toMatchObject({ from: '2026-09-06T04:00:00Z', to: '2026-09-08T04:00:00Z' });
    const text = (await run([FIXTURES, ...args, '--format', 'text'])).stdout;
    expect(text).toMatch(/09-06/);
    expect(text).not.toMatch(/09-05/);
  });

  test('--output writes the file in the format its extension names, and says so on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-'));
    const output = join(dir, 'nested', 'map.html');
    const r = await run([join(FIXTURES, 'fleet.yaml'), '--from', '2026-10-29', '--output', output]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`cdk8s-batch map: wrote ${output} (8 jobs, 5 findings)\n`);
    expect(readFileSync(output, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  test('the same input and --from give the same bytes', async () => {
    const args = [FIXTURES, '--from', '2026-10-29T00:00:00Z', '--format', 'html'];
    expect((await run(args)).stdout).toBe((await run(args)).stdout);
  });

  test('an unreadable path is named on stderr, the rest is mapped, and the exit code is 2', async () => {
    const r = await run([join(FIXTURES, 'fleet.yaml'), join(FIXTURES, 'missing.yaml'), '--from', '2026-10-29']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cdk8s-batch map: ${join(FIXTURES, 'missing.yaml')}: no such file or directory\n`);
    expect(r.stdout).toContain('8 jobs');
  });

  test.each([
    [['--time-zone', 'Mars/Olympus'], '--time-zone must be an IANA zone such as Europe/Berlin, not "Mars/Olympus"'],
    [['--from', 'tomorrow'], '--from must be a date (YYYY-MM-DD) or an RFC 3339 instant'],
    [['--days', '40'], '--days must be a whole number from 1 to 31, not "40"'],
    [['--format', 'png'], '--format must be html, svg, text, json, not "png"'],
    [['-'], 'map reads files and directories, not standard input'],
  ])('bad usage %j is a UsageError', async (args, message) => {
    const r = await run([FIXTURES, ...args]);
    expect(r.code).toBe(-1);
    expect(r.stderr).toContain(`UsageError: ${message}`);
  });

  test('no PATH is a UsageError', async () => {
    expect((await run([])).stderr).toBe('UsageError: missing PATH: name manifest files or directories');
  });
});

test('the acceptance example: `map dist/ --format html --output map.html` on the examples app writes a self-contained page', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'map-examples-'));
  try {
    buildExamplesApp(join(dir, 'dist')).synth();
    const output = join(dir, 'map.html');
    const r = await run([join(dir, 'dist'), '--format', 'html', '--output', output]);
    expect(r.code).toBe(0);
    const html = readFileSync(output, 'utf8');
    expect(html).not.toMatch(/<script|<link|\bsrc=|url\(/i);
    for (const name of ['backup-orders-db', 'cleanup-finished-jobs', 'nightly-report', 'scheduled-job-report-export'])
      expect(html).toMatch(new RegExp(`<tr class="job" data-job="${name}-c8[0-9a-f]+">`));
    // The backup is known as one, with its database, from the environment BackupCronJob writes.
    const json = JSON.parse((await run([join(dir, 'dist'), '--format', 'json'])).stdout);
    const backup = json.jobs.find((j: { name: string }) => j.name.startsWith('backup-orders-db'));
    expect(backup).toMatchObject({ backup: true, database: 'postgresql://orders-db-rw.orders.svc:5432/orders' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
