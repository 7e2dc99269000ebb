import { mkdtempSync, readdirSync, rmSync } from 'fs';
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

  test('validationErrors reads cdk8s validation messages only', () => {
    expect(
      Synthesis.validationErrors(new Error('Validation failed with the following errors:\n  [a] x\n  [b] y')),
    ).toEqual(['[a] x', '[b] y']);
    expect(Synthesis.validationErrors(new Error('something else'))).toBeUndefined();
    expect(Synthesis.validationErrors('a string')).toBeUndefined();
  });
});
