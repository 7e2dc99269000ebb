/**
 * The IndexedBatch, QueueWorkerJob and monitoring examples of the examples app: their YAML
 * (snapshots), lint-clean Jobs (the Jobs KEDA creates included), the third-party objects valid
 * against their maintained schemas, and no Secret value anywhere in the output.
 */
import { App, Chart, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { buildExamplesApp } from '../../examples/app';
import { jobCreatedBy } from '../../src/rules/keda-scaled-job';
import { validateBatchObject } from '../../src/rules/registry';
import { schemaErrors } from '../constructs/monitoring/third-party-schema';

const CHARTS = ['indexed-batch', 'queue-worker', 'monitoring'];

function chartOf(app: App, id: string): Chart {
  return app.node.findChild(id) as Chart;
}

const app = buildExamplesApp();
const objects = Object.fromEntries(CHARTS.map((id) => [id, Testing.synth(chartOf(app, id))]));

describe.each(CHARTS)('example %s', (id) => {
  test('its YAML', () => {
    expect(Yaml.stringify(...objects[id])).toMatchSnapshot();
  });

  test('every Job, and every Job KEDA will create, passes every rule (PSS restricted included)', () => {
    for (const object of objects[id]) {
      const job = object.kind === 'ScaledJob' ? jobCreatedBy(object) : object;
      expect(validateBatchObject(job, { now: Date.UTC(2026, 0, 1) })).toEqual([]);
    }
  });
});

test('the examples hold what they show', () => {
  const kinds = (id: string) => objects[id].map((o) => o.kind).sort();
  expect(kinds('indexed-batch')).toEqual(['ConfigMap', 'Job', 'ServiceAccount']);
  expect(kinds('queue-worker')).toEqual(['PrometheusRule', 'ScaledJob', 'ServiceAccount']);
  expect(kinds('monitoring')).toEqual(['PrometheusRule']);
  const nightly = Testing.synth(chartOf(app, 'nightly-report')).find((o) => o.kind === 'CronJob');
  expect(objects.monitoring[0].spec.groups.map((g: any) => g.name)).toEqual([`cronjob-${nightly.metadata.name}`]);
});

test('the KEDA and Prometheus Operator objects pass their @kubernetes-models schemas', () => {
  const thirdParty = CHARTS.flatMap((id) => objects[id]).filter(
    (o) => o.apiVersion === 'keda.sh/v1alpha1' || o.apiVersion === 'monitoring.coreos.com/v1',
  );
  expect(thirdParty.map((o) => o.kind).sort()).toEqual(['PrometheusRule', 'PrometheusRule', 'ScaledJob']);
  expect(schemaErrors(thirdParty)).toEqual([]);
});

test('no Secret value reaches the YAML: the queue Secret fed with test values appears only in its own chart', () => {
  const withSecret = buildExamplesApp();
  const values = { address: 'redis-7.internal:6379-TEST-SECRET-ADDRESS', password: 'TEST-SECRET-PASSWORD-0d9e41' };
  const secrets = new Chart(withSecret, 'secrets');
  new kplus.Secret(secrets, 'thumbnail-queue', { metadata: { name: 'thumbnail-queue' }, stringData: values });
  const rest = withSecret.node.children.filter((c): c is Chart => c instanceof Chart && c !== secrets);
  const everythingElse = rest.map((c) => Yaml.stringify(...Testing.synth(c))).join('\n');
  const secretYaml = Yaml.stringify(...Testing.synth(secrets));
  for (const value of Object.values(values)) {
    expect(secretYaml).toContain(value);
    expect(everythingElse).not.toContain(value);
  }
  expect(everythingElse).toContain('name: thumbnail-queue');
});
