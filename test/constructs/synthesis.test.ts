import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { BatchPolicy, CronJob, Synthesis } from '../../src';
import { CONTAINER, RESOURCES } from './helpers';

function appIn(outdir: string, schedule: string): App {
  const app = new App({ outdir });
  new BatchPolicy(app, { containerResources: RESOURCES, printWarnings: false });
  new CronJob(new Chart(app, 'chart'), 'cron', { schedule, containers: [CONTAINER], securityContext: { user: 1000 } });
  return app;
}

describe('Synthesis.run', () => {
  let outdir: string;
  let stderr: string;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-synthesis-'));
    stderr = '';
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      stderr += String(chunk);
      return true;
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(outdir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  test('writes the manifests and returns true when there are no errors', () => {
    expect(Synthesis.run(appIn(outdir, '0 3 * * *'))).toBe(true);
    expect(readdirSync(outdir)).toEqual(['chart.k8s.yaml']);
    expect(process.exitCode).toBeUndefined();
  });

  test('prints the findings without a stack trace, sets exit code 1 and writes nothing', () => {
    expect(Synthesis.run(appIn(outdir, '0 0 * * 7'))).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(readdirSync(outdir)).toEqual([]);
    expect(stderr).toMatch(
      /^Synthesis failed with 1 error:\n {2}\[chart\/cron\] spec\.schedule: .*\[cronjob-schedule-invalid\] Fix: .*\n$/,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('rethrows anything that is not a validation failure (a bug keeps its stack)', () => {
    const app = appIn(outdir, '0 3 * * *');
    app.synth = () => {
      throw new TypeError('boom');
    };
    expect(() => Synthesis.run(app)).toThrow(TypeError);
    expect(process.exitCode).toBeUndefined();
  });

  describe('with a schedule map', () => {
    test('writes the map of the synthesized manifests next to them, the same on every synth for a fixed start', () => {
      const scheduleMap = join(outdir, 'schedules.html');
      const options = { scheduleMap, scheduleMapFrom: '2026-10-29' };
      expect(Synthesis.run(appIn(outdir, '0 3 * * *'), options)).toBe(true);
      expect(readdirSync(outdir).sort()).toEqual(['chart.k8s.yaml', 'schedules.html']);
      const html = readFileSync(scheduleMap, 'utf8');
      expect(html).toContain('2026-10-29T00:00:00Z to 2026-11-05T00:00:00Z (7 days, shown in UTC)');
      expect(html).toMatch(
        /<tr class="job" data-job="chart-cron-c8[0-9a-f]+"><td>chart-cron-c8[0-9a-f]+<\/td><td>CronJob<\/td><td>0 3 \* \* \*<\/td>/,
      );
      expect(Synthesis.run(appIn(outdir, '0 3 * * *'), options)).toBe(true);
      expect(readFileSync(scheduleMap, 'utf8')).toBe(html);
    });

    test('the file name picks the format, and the zone and length are options', () => {
      const scheduleMap = join(outdir, 'map', 'schedules.json');
      const options = {
        scheduleMap,
        scheduleMapFrom: '2026-10-29',
        scheduleMapDays: 1,
        scheduleMapTimeZone: 'Europe/Berlin',
      };
      expect(Synthesis.run(appIn(outdir, '0 3 * * *'), options)).toBe(true);
      expect(JSON.parse(readFileSync(scheduleMap, 'utf8')).window).toEqual({
        from: '2026-10-28T23:00:00Z',
        to: '2026-10-29T23:00:00Z',
        days: 1,
        timeZone: 'Europe/Berlin',
        resolution: 'minute',
      });
    });

    test('a wrong map option is reported in one line, exit code 1, after the manifests are written', () => {
      const scheduleMap = join(outdir, 'schedules.html');
      expect(Synthesis.run(appIn(outdir, '0 3 * * *'), { scheduleMap, scheduleMapTimeZone: 'Mars/Olympus' })).toBe(
        false,
      );
      expect(process.exitCode).toBe(1);
      expect(stderr).toBe(
        `Synthesis could not write the schedule map ${scheduleMap}: scheduleMapTimeZone must be an IANA zone, not "Mars/Olympus"\n`,
      );
      expect(readdirSync(outdir)).toEqual(['chart.k8s.yaml']);
    });
  });

  test('validationErrors reads cdk8s validation messages only', () => {
    expect(
      Synthesis.validationErrors(new Error('Validation failed with the following errors:\n  [a] x\n  [b] y')),
    ).toEqual(['[a] x', '[b] y']);
    expect(Synthesis.validationErrors(new Error('something else'))).toBeUndefined();
    expect(Synthesis.validationErrors('a string')).toBeUndefined();
  });
});
