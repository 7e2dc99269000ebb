/**
 * Noise, measured: the average number of warnings per checked object with default settings on
 * test/fixtures/lint/real-world-shapes/, our rewrite of Job and CronJob manifests from public
 * repositories (their shapes: fields set and left out, schedules, image tags, mistakes). Issue 11's
 * target is at most 6. The average is printed on every run. A removed API version counts as
 * checked but its fields are not, so those objects are left out of the average.
 */
import { join } from 'path';
import { runLint } from '../../src/cli/lint';
import { fakeIo } from '../support/fake-io';

const CORPUS = join(__dirname, '..', 'fixtures', 'lint', 'real-world-shapes');

interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
}

async function lint(args: string[] = []): Promise<{ checked: number; findings: JsonFinding[] }> {
  const io = fakeIo();
  await runLint(['--format', 'json', ...args, CORPUS], io);
  return JSON.parse(io.stdout());
}

async function warningsPerObject(args: string[] = []): Promise<{ objects: number; average: number }> {
  const { checked, findings } = await lint(args);
  const removed = findings.filter((f) => f.rule === 'batch-api-removed').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return { objects: checked - removed, average: warnings / (checked - removed) };
}

test('on real-world shapes, default settings give at most 6 warnings per object on average (issue 11)', async () => {
  const { objects, average } = await warningsPerObject();
  console.log(`lint noise: ${average.toFixed(2)} warnings per object on ${objects} objects in ${CORPUS}`);
  expect(objects).toBeGreaterThanOrEqual(29);
  expect(average).toBeLessThanOrEqual(6);
});

test('--strict reports more warnings than the default', async () => {
  expect((await warningsPerObject(['--strict'])).average).toBeGreaterThan((await warningsPerObject()).average);
});

/**
 * No false API-server errors: the errors on the corpus are exactly the mistakes its README lists
 * (removed API versions, the restartPolicy problems, the broken volume, the placeholder image, the
 * volumes under the pod template), at every supported release.
 */
const EXPECTED_ERRORS = [
  '05-cluster-report-cronjob-v1beta1.yaml batch-api-removed apiVersion',
  '07-ci-artifact-pruner-cronjob-v1beta1.yaml batch-api-removed apiVersion',
  '15-digits-of-e-job-with-deadline-no-restart-policy.yaml job-restart-policy-invalid spec.template.spec.restartPolicy',
  '17-office-hours-node-recycler-cronjob-v1beta1.yaml batch-api-removed apiVersion',
  '24-config-copier-cronjob-broken-volume.yaml field-wrong-type spec.jobTemplate.spec.template.spec.volumes[0].configMap',
  '24-config-copier-cronjob-broken-volume.yaml container-volume-mount-invalid spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0].name',
  '31-finished-job-reaper-cronjob-v1beta1.yaml batch-api-removed apiVersion',
  '33-tls-cert-pull-cronjob-no-restart-policy.yaml job-restart-policy-invalid spec.jobTemplate.spec.template.spec.restartPolicy',
  '37-warehouse-query-cronjob-v2alpha1.yaml batch-api-removed apiVersion',
  '38-dashboard-restore-job.yaml container-image-invalid spec.template.spec.containers[0].image',
  '40-secret-store-snapshot-upload-cronjob-lowercase-restart-policy.yaml job-restart-policy-invalid spec.jobTemplate.spec.template.spec.restartPolicy',
  '45-social-feed-pruner-cronjob-v1beta1.yaml batch-api-removed apiVersion',
  '50-site-files-backup-cronjob-volumes-under-template.yaml field-unknown spec.jobTemplate.spec.template.volumes',
  '50-site-files-backup-cronjob-volumes-under-template.yaml container-volume-mount-invalid spec.jobTemplate.spec.template.spec.containers[0].volumeMounts[0].name',
];

test.each(['1.35', '1.36', '1.37'])(
  'on real-world shapes, the only errors in %s are the known mistakes',
  async (release) => {
    const { findings } = await lint(['--kubernetes-version', release]);
    const errors = (findings as (JsonFinding & { file: string; field: string })[])
      .filter((f) => f.severity === 'error')
      .map((f) => `${f.file.slice(CORPUS.length + 1)} ${f.rule} ${f.field}`);
    expect(errors).toEqual(EXPECTED_ERRORS);
  },
);
