/**
 * The examples app (examples/main.ts, what `npx cdk8s synth` runs): deterministic output, and
 * every Job and CronJob in it passes every rule, Pod Security Standards restricted included.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { validateBatchObject } from '../../src/rules/registry';
import { buildExamplesApp } from '../../examples/app';

const ROOT = join(__dirname, '..', '..');

/** Runs `npx cdk8s synth` as a user would; returns file name -> content. */
function cdk8sSynth(): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk8s-batch-examples-'));
  try {
    execFileSync('npx', ['cdk8s', 'synth', '--no-check-upgrade', '--output', outdir], { cwd: ROOT, stdio: 'pipe' });
    return new Map(
      readdirSync(outdir)
        .sort()
        .map((f) => [f, readFileSync(join(outdir, f), 'utf8')]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('examples app', () => {
  test('synthesizes identically twice in one process', () => {
    expect(buildExamplesApp().synthYaml()).toBe(buildExamplesApp().synthYaml());
  });

  test('`npx cdk8s synth` writes byte-identical manifests twice, one per chart, and they are lint-clean', () => {
    const first = cdk8sSynth();
    const second = cdk8sSynth();
    const charts = buildExamplesApp()
      .node.children.filter((c) => c instanceof Chart)
      .map((c) => `${c.node.id}.k8s.yaml`);
    expect([...first.keys()]).toEqual(charts.sort());
    expect(second).toEqual(first);

    const batch = [...first.values()]
      .flatMap((text) => parseAllDocuments(text).map((d) => d.toJS()))
      .filter((o) => o.apiVersion === 'batch/v1');
    expect(batch.map((o) => o.kind)).toEqual(expect.arrayContaining(['CronJob', 'Job']));
    for (const object of batch) {
      // No finding at all: no error, no warning (PSS restricted, resources, deadlines, cleanup...).
      expect(validateBatchObject(object, { now: Date.UTC(2026, 0, 1) })).toEqual([]);
    }
  }, 120_000);
});
