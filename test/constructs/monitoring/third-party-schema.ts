/**
 * Runtime schema validation of synthesized third-party objects (KEDA, Prometheus Operator) with
 * the maintained `@kubernetes-models/*` packages' own validators. Those packages are ESM-only, so
 * the check runs in a child `node` process evaluating an ES module from the repository root
 * (where node_modules resolves). One spawn validates every object given, so each test file
 * spawns once.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..', '..');

/** Model module per kind. */
const MODELS: { [kind: string]: string } = {
  ScaledJob: '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledJob',
  TriggerAuthentication: '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication',
  PrometheusRule: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule',
};

/**
 * The schema errors of each object (kind/name: message), empty when all are valid. Objects of a
 * kind without a model here are an error of the test itself.
 */
export function schemaErrors(objects: readonly any[]): string[] {
  for (const o of objects) if (!MODELS[o.kind]) throw new Error(`no model for kind ${o.kind}`);
  const script = `
    import { readFileSync } from 'fs';
    const models = ${JSON.stringify(MODELS)};
    const objects = JSON.parse(readFileSync(0, 'utf8'));
    const errors = [];
    for (const object of objects) {
      const { [object.kind]: Model } = await import(models[object.kind]);
      try { new Model(object).validate(); } catch (e) { errors.push(object.kind + '/' + object.metadata?.name + ': ' + e.message); }
    }
    process.stdout.write(JSON.stringify(errors));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(objects),
  });
  return JSON.parse(out.toString());
}
