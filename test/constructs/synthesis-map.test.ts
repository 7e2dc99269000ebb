import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { BatchPolicy, CronJob, Synthesis } from '../../src';
import { CONTAINER, RESOURCES } from './helpers';

function appIn(outdir: string): App {
  const app = new App({ outdir });
  new BatchPolicy(app, { containerResources: RESOURCES, printWarnings: false });
  const chart = new Chart(app, 'chart');
  new CronJob(chart, 'nightly', { schedule: '0 3 * * *', containers: [CONTAINER], securityContext: { user: 1000 } });
  return app;
}

describe('Synthesis.run with a schedule map', () => {
  let dir: string;
  let stderr: string;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-synthesis-map-'));
    stderr = '';
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      stderr += String(chunk);
      return true;
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = undefined;
  });

  test('writes the map of the synthesized manifests next to them, the same on every synth for a fixed start', () => {
    const outdir = join(dir, 'dist');
    const scheduleMap = join(outdir, 'schedules.html');
    const options = { scheduleMap, scheduleMapFrom: '2026-10-29' };
    expect(Synthesis.run(appIn(outdir), options)).toBe(true);
    expect(readdirSync(outdir).sort()).toEqual(['chart.k8s.yaml', 'schedules.html']);
    const html = readFileSync(scheduleMap, 'utf8');
    expect(html).toContain('2026-10-29T00:00:00Z to 2026-11-05T00:00:00Z (7 days, shown in UTC)');
    expect(html).toMatch(
      /<tr class="job" data-job="chart-nightly-c8[0-9a-f]+"><td>chart-nightly-c8[0-9a-f]+<\/td><td>CronJob<\/td><td>0 3 \* \* \*<\/td>/,
    );
    expect(Synthesis.run(appIn(outdir), options)).toBe(true);
    expect(readFileSync(scheduleMap, 'utf8')).toBe(html);
  });

  test('the file name picks the format, and the zone and length are options', () => {
    const scheduleMap = join(dir, 'map.json');
    const options = {
      scheduleMap,
      scheduleMapFrom: '2026-10-29',
      scheduleMapDays: 1,
      scheduleMapTimeZone: 'Europe/Berlin',
    };
    expect(Synthesis.run(appIn(join(dir, 'dist')), options)).toBe(true);
    expect(JSON.parse(readFileSync(scheduleMap, 'utf8')).window).toEqual({
      from: '2026-10-28T23:00:00Z',
      to: '2026-10-29T23:00:00Z',
      days: 1,
      timeZone: 'Europe/Berlin',
      resolution: 'minute',
    });
  });

  test('a wrong map option is reported in one line, exit code 1, after the manifests are written', () => {
    const outdir = join(dir, 'dist');
    expect(
      Synthesis.run(appIn(outdir), { scheduleMap: join(dir, 'map.html'), scheduleMapTimeZone: 'Mars/Olympus' }),
    ).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(stderr).toBe(
      `Synthesis could not write the schedule map ${join(dir, 'map.html')}: scheduleMapTimeZone must be an IANA zone, not "Mars/Olympus"\n`,
    );
    expect(readdirSync(outdir)).toEqual(['chart.k8s.yaml']);
  });
});
