/** What the API server does to an object before validating it (k8s-validation.md §0), and that the input is never changed. */
import { defaultBatchObject, defaultJobSpec } from '../../src/rules/defaults';
import { KubernetesVersion } from '../../src/rules/kubernetes-version';

const v = (minor: number) => ({ major: 1, minor });

// The results are read deep, as plain JSON (the rules read them through support/access.ts).
const jobSpec = (spec: unknown, version: KubernetesVersion): any => defaultJobSpec(spec, version);
const batchObject = (kind: 'Job' | 'CronJob', object: unknown, version: KubernetesVersion): any =>
  defaultBatchObject(kind, object, version);

describe('Job defaulting (SetDefaults_Job and the nested defaulters)', () => {
  test('completions and parallelism both unset become 1; parallelism alone keeps completions unset', () => {
    expect(jobSpec({}, v(28))).toMatchObject({ completions: 1, parallelism: 1 });
    const onlyParallelism = jobSpec({ parallelism: 3 }, v(28));
    expect(onlyParallelism.completions).toBeUndefined();
    expect(jobSpec({ completions: 4 }, v(28)).parallelism).toBe(1);
  });

  test('backoffLimit is 6, or MaxInt32 with backoffLimitPerIndex', () => {
    expect(jobSpec({}, v(29)).backoffLimit).toBe(6);
    expect(jobSpec({ backoffLimitPerIndex: 1 }, v(29)).backoffLimit).toBe(2_147_483_647);
  });

  test('completionMode, suspend, manualSelector and (from 1.29) podReplacementPolicy', () => {
    expect(jobSpec({}, v(28))).toMatchObject({
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
    });
    expect(jobSpec({}, v(28)).podReplacementPolicy).toBeUndefined();
    expect(jobSpec({}, v(29)).podReplacementPolicy).toBe('TerminatingOrFailed');
    expect(jobSpec({ podFailurePolicy: { rules: [] } }, v(29)).podReplacementPolicy).toBe('Failed');
  });

  test('restartPolicy defaults to Always, and null counts as unset', () => {
    expect(jobSpec({}, v(28)).template.spec.restartPolicy).toBe('Always');
    expect(jobSpec({ template: { spec: { restartPolicy: null } } }, v(28)).template.spec.restartPolicy).toBe('Always');
    expect(jobSpec({ template: { spec: { restartPolicy: 'Never' } } }, v(28)).template.spec.restartPolicy).toBe(
      'Never',
    );
  });

  test('an empty pod condition status becomes True', () => {
    const spec = jobSpec(
      {
        podFailurePolicy: {
          rules: [{ action: 'Ignore', onPodConditions: [{ type: 'A' }, { type: 'B', status: 'False' }] }],
        },
      },
      v(28),
    );
    expect(spec.podFailurePolicy.rules[0].onPodConditions).toEqual([
      { type: 'A', status: 'True' },
      { type: 'B', status: 'False' },
    ]);
  });

  test('fields the release does not have, or whose gate is off, are dropped from a Job', () => {
    const spec = jobSpec(
      { managedBy: 'a.io/b', successPolicy: {}, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [] } },
      v(25),
    );
    expect(spec).not.toHaveProperty('managedBy');
    expect(spec).not.toHaveProperty('successPolicy');
    expect(spec).not.toHaveProperty('backoffLimitPerIndex');
    expect(spec).not.toHaveProperty('podFailurePolicy');
    expect(jobSpec({ podFailurePolicy: { rules: [] } }, v(26))).toHaveProperty('podFailurePolicy');
  });

  test('a Job without labels shares its template labels; with labels of its own it keeps them', () => {
    const templateLabels = { app: 'x' };
    const job = batchObject(
      'Job',
      { metadata: {}, spec: { template: { metadata: { labels: templateLabels } } } },
      v(28),
    );
    expect(job.metadata.labels).toBe(job.spec.template.metadata.labels);
    const own = batchObject(
      'Job',
      { metadata: { labels: { team: 'y' } }, spec: { template: { metadata: { labels: templateLabels } } } },
      v(28),
    );
    expect(own.metadata.labels).toEqual({ team: 'y' });
  });
});

describe('CronJob defaulting', () => {
  test('SetDefaults_CronJob, and only the nested defaulters in the job template', () => {
    const cronJob = batchObject(
      'CronJob',
      { spec: { jobTemplate: { spec: { completionMode: 'Indexed', managedBy: 'a.io/b' } } } },
      v(30),
    );
    expect(cronJob.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    const template = cronJob.spec.jobTemplate.spec;
    expect(template.completions).toBeUndefined();
    expect(template.backoffLimit).toBeUndefined();
    expect(template.template.spec.restartPolicy).toBe('Always');
    // An alpha field stays in a CronJob's template; a field the release lacks does not.
    expect(template.managedBy).toBe('a.io/b');
    expect(
      batchObject('CronJob', { spec: { jobTemplate: { spec: { managedBy: 'a.io/b' } } } }, v(29)).spec.jobTemplate.spec,
    ).not.toHaveProperty('managedBy');
  });
});

describe('the input is never modified', () => {
  test('deeply frozen objects of both kinds', () => {
    const freeze = (o: any): any => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(freeze);
        Object.freeze(o);
      }
      return o;
    };
    const job = freeze({
      metadata: {},
      spec: {
        podFailurePolicy: { rules: [{ onPodConditions: [{ type: 'A' }] }] },
        template: { metadata: { labels: { a: 'b' } }, spec: {} },
      },
    });
    expect(() => batchObject('Job', job, v(29))).not.toThrow();
    const cronJob = freeze({ spec: { jobTemplate: { spec: { template: { spec: {} } } } } });
    expect(() => batchObject('CronJob', cronJob, v(29))).not.toThrow();
  });

  test('anything that is not an object becomes an empty one', () => {
    expect(batchObject('Job', 'nope', v(28)).spec.template.spec.restartPolicy).toBe('Always');
    expect(batchObject('CronJob', null, v(28)).spec.concurrencyPolicy).toBe('Allow');
  });
});
