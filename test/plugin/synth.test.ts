/**
 * A real `cdk8s synth` of test/fixtures/plugin-app, whose cdk8s.yaml loads our compiled plugin
 * (lib/, which `npm test` builds before jest runs). One synth, shared by every assertion.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ValidationContext } from 'cdk8s-cli/plugins';
import { API_SERVER_RULES } from '../../src/rules/api-server';

/** What `--validation-reports-output-file` holds per plugin (cdk8s-cli does not export the type by name). */
type ValidationReportJson = ReturnType<ValidationContext['report']['toJson']>;

const ROOT = join(__dirname, '..', '..');
const APP = join(__dirname, '..', 'fixtures', 'plugin-app');
const CDK8S = join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const COMPILED_PLUGIN = join(ROOT, 'lib', 'src', 'index.js');

let scratch: string;
let synth: SpawnSyncReturns<string>;
let report: ValidationReportJson;

beforeAll(() => {
  if (!existsSync(COMPILED_PLUGIN))
    throw new Error(`${COMPILED_PLUGIN} is missing: run tsc (npm test does) before this test`);
  scratch = mkdtempSync(join(tmpdir(), 'cdk8s-batch-synth-'));
  const reportFile = join(scratch, 'reports.json');
  synth = spawnSync(
    process.execPath,
    [
      CDK8S,
      'synth',
      '--no-check-upgrade',
      '--output',
      join(scratch, 'dist'),
      '--validation-reports-output-file',
      reportFile,
      '--plugins-dir',
      join(scratch, 'plugins'),
    ],
    { cwd: APP, encoding: 'utf8', timeout: 60_000 },
  );
  if (!existsSync(reportFile))
    throw new Error(`cdk8s synth wrote no report (exit ${synth.status}):\n${synth.stdout}\n${synth.stderr}`);
  [report] = JSON.parse(readFileSync(reportFile, 'utf8')).reports;
}, 90_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every (rule, construct path, location) the report lists. */
function occurrences() {
  return report.violations.flatMap((v) =>
    v.violatingConstructs.flatMap((c) =>
      c.locations.map((location) => ({
        rule: v.ruleName,
        path: c.constructPath,
        location,
        violation: v,
        construct: c,
      })),
    ),
  );
}

describe('cdk8s synth with the BatchValidation plugin', () => {
  test('cdk8s loads the plugin from cdk8s.yaml and writes its report', () => {
    expect(report.title).toBe(`Validation Report (${COMPILED_PLUGIN}@0.1.0)`);
    expect(report.summary.metadata).toMatchObject({ 'Kubernetes version': '1.28', 'Jobs and CronJobs checked': '2' });
    expect(synth.stdout).toContain('Performing validations');
  });

  test('a violation names the rule id and the construct path cdk8s recorded for the resource', () => {
    const suppression = occurrences().find((o) => o.rule === 'suppression-unknown-rule');
    expect(suppression).toMatchObject({
      path: 'batch/cleanup',
      location: 'metadata.annotations[cdk8s-batch.io/suppress-no-such-rule]',
    });
    expect(suppression!.construct.manifestPath).toBe(join(scratch, 'dist', 'batch.k8s.yaml'));
    expect(suppression!.construct.resourceName).toMatch(/^batch-cleanup-[0-9a-f]{8}$/);
    expect(suppression!.violation.recommendation).toMatch(
      /\(warning at metadata\.annotations\[cdk8s-batch\.io\/suppress-no-such-rule\]\)$/,
    );
  });

  test('only Jobs and CronJobs are reported; the ConfigMap is not', () => {
    expect(new Set(occurrences().map((o) => o.path))).not.toContain('batch/settings');
  });

  test('no stack trace, whatever the outcome', () => {
    expect(`${synth.stdout}${synth.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });
});

/*
 * END-TO-END WITH THE REAL RULES [runs once API-server rules are registered; skipped before].
 * The acceptance: a CronJob with a 60-character name and schedule "0 0 * * 7" fails
 * synth, listing both findings with construct path and fix. Asserted by field path, not rule id.
 */
const withRealRules = API_SERVER_RULES.length > 0 ? describe : describe.skip;

withRealRules('cdk8s synth with the real rules [runs once API-server rules land]', () => {
  test('synth fails (exit 2) and the report fails', () => {
    expect(synth.status).toBe(2);
    expect(report.summary.status).toBe('failure');
    expect(synth.stderr).toContain('Validation failed');
  });

  test.each([['metadata.name'], ['spec.schedule']])(
    'the CronJob error at %s is listed with its construct path and fix',
    (field) => {
      const found = occurrences().filter((o) => o.path === 'batch/nightly-report' && o.location === field);
      expect(found).toHaveLength(1);
      expect(found[0].rule).toMatch(/^[a-z0-9-]+$/);
      expect(found[0].violation.recommendation).toContain(`(error at ${field})`);
      expect(found[0].violation.fix.length).toBeGreaterThan(5);
      expect(synth.stdout).toContain(`    - Construct Path: batch/nightly-report`);
      expect(synth.stdout).toContain(`  How to fix: ${found[0].violation.fix}`);
    },
  );
});
