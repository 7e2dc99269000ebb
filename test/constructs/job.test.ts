import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CompletionMode,
  ExitCodeOperator,
  Job,
  PodConditionStatus,
  PodFailurePolicyAction,
  PodFailurePolicyRules,
  PodReplacementPolicy,
  Severity,
} from '../../src';
import { DEFAULT_JOB_TTL_SECONDS } from '../../src/constructs/job';
import { CONTAINER, chartIn, findingsOf, objectOf, quietApp, synth } from './helpers';

function jobJson(props: ConstructorParameters<typeof Job>[2] = {}, policy = {}) {
  const chart = chartIn(quietApp(policy));
  new Job(chart, 'job', { containers: [CONTAINER], securityContext: { user: 1000 }, ...props });
  return objectOf(chart, 'Job');
}

describe('Job defaults', () => {
  const job = jobJson();
  const pod = job.spec.template.spec;

  test('emits a plain batch/v1 Job', () => {
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.kind).toBe('Job');
  });
  test('restartPolicy Never', () => expect(pod.restartPolicy).toBe('Never'));
  test('backoffLimit 2', () => expect(job.spec.backoffLimit).toBe(2));
  test('activeDeadlineSeconds one hour', () => expect(job.spec.activeDeadlineSeconds).toBe(3600));
  test('ttlSecondsAfterFinished three days', () =>
    expect(job.spec.ttlSecondsAfterFinished).toBe(DEFAULT_JOB_TTL_SECONDS));
  test('no selector of its own (the API server generates it)', () => expect(job.spec.selector).toBeUndefined());
  test('fields the user did not set are left to the API server', () => {
    for (const field of [
      'completions',
      'parallelism',
      'completionMode',
      'podFailurePolicy',
      'suspend',
      'managedBy',
      'successPolicy',
    ]) {
      expect(job.spec[field]).toBeUndefined();
    }
  });
  test('the whole default Job has no findings at all, errors or warnings', () => {
    expect(findingsOf(job)).toEqual([]);
  });
  test('the pod runs as a dedicated ServiceAccount without a token', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toMatch(/serviceaccount/);
  });
});

describe('Job overrides', () => {
  test('deadlines, retries and TTL', () => {
    const job = jobJson({ activeDeadline: Duration.minutes(10), backoffLimit: 0, ttlAfterFinished: Duration.hours(1) });
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 600, backoffLimit: 0, ttlSecondsAfterFinished: 3600 });
  });

  test('restartPolicy OnFailure', () => {
    expect(jobJson({ restartPolicy: kplus.RestartPolicy.ON_FAILURE }).spec.template.spec.restartPolicy).toBe(
      'OnFailure',
    );
  });

  test('parallel NonIndexed work', () => {
    const job = jobJson({ completions: 10, parallelism: 3, completionMode: CompletionMode.NON_INDEXED });
    expect(job.spec).toMatchObject({ completions: 10, parallelism: 3, completionMode: 'NonIndexed' });
  });

  test('suspend', () => expect(jobJson({ suspend: true }).spec.suspend).toBe(true));

  test('podReplacementPolicy', () => {
    expect(
      jobJson({ podReplacementPolicy: PodReplacementPolicy.FAILED }, { kubernetesVersion: '1.29' }).spec
        .podReplacementPolicy,
    ).toBe('Failed');
  });

  test('backoffLimitPerIndex leaves backoffLimit to the API server, with maxFailedIndexes', () => {
    const job = jobJson(
      { completionMode: CompletionMode.INDEXED, completions: 8, backoffLimitPerIndex: 1, maxFailedIndexes: 2 },
      { kubernetesVersion: '1.29' },
    );
    expect(job.spec.backoffLimit).toBeUndefined();
    expect(job.spec).toMatchObject({
      backoffLimitPerIndex: 1,
      maxFailedIndexes: 2,
      completionMode: 'Indexed',
      completions: 8,
    });
  });

  test('an explicit backoffLimit is kept next to backoffLimitPerIndex', () => {
    const job = jobJson(
      { completionMode: CompletionMode.INDEXED, completions: 2, backoffLimitPerIndex: 1, backoffLimit: 5 },
      { kubernetesVersion: '1.29' },
    );
    expect(job.spec.backoffLimit).toBe(5);
  });

  test('managedBy and successPolicy, which the bundled 1.28 L1 mapper would drop', () => {
    const job = jobJson(
      {
        completionMode: CompletionMode.INDEXED,
        completions: 5,
        managedBy: 'kueue.x-k8s.io/multikueue',
        successPolicy: [{ succeededIndexes: '0-2', succeededCount: 2 }],
      },
      { kubernetesVersion: '1.32' },
    );
    expect(job.spec.managedBy).toBe('kueue.x-k8s.io/multikueue');
    expect(job.spec.successPolicy).toEqual({ rules: [{ succeededIndexes: '0-2', succeededCount: 2 }] });
  });

  test('every default can be overridden together and the result is still accepted', () => {
    const job = jobJson({
      activeDeadline: Duration.hours(6),
      backoffLimit: 4,
      ttlAfterFinished: Duration.days(1),
      restartPolicy: kplus.RestartPolicy.ON_FAILURE,
      automountServiceAccountToken: true,
      writableTmp: false,
    });
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 21600, backoffLimit: 4, ttlSecondsAfterFinished: 86400 });
    expect(job.spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(job.spec.template.spec.volumes).toBeUndefined();
  });
});

describe('Job podFailurePolicy', () => {
  test('typed rules render in the API shape, exit codes sorted and de-duplicated, condition status defaulted', () => {
    const job = jobJson({
      podFailurePolicy: [
        PodFailurePolicyRules.ignoreDisruptions(),
        {
          action: PodFailurePolicyAction.FAIL_JOB,
          onExitCodes: { operator: ExitCodeOperator.IN, values: [42, 3, 42], containerName: 'task' },
        },
        {
          action: PodFailurePolicyAction.COUNT,
          onPodConditions: [{ type: 'ConfigIssue', status: PodConditionStatus.UNKNOWN }],
        },
      ],
    });
    expect(job.spec.podFailurePolicy).toEqual({
      rules: [
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        { action: 'FailJob', onExitCodes: { operator: 'In', values: [3, 42], containerName: 'task' } },
        { action: 'Count', onPodConditions: [{ type: 'ConfigIssue', status: 'Unknown' }] },
      ],
    });
    expect(findingsOf(job)).toEqual([]);
  });

  test('FailIndex with backoffLimitPerIndex on 1.29', () => {
    const job = jobJson(
      {
        completionMode: CompletionMode.INDEXED,
        completions: 3,
        backoffLimitPerIndex: 0,
        podFailurePolicy: [PodFailurePolicyRules.failIndexOnExitCodes([1])],
      },
      { kubernetesVersion: '1.29' },
    );
    expect(job.spec.podFailurePolicy.rules[0]).toEqual({
      action: 'FailIndex',
      onExitCodes: { operator: 'In', values: [1] },
    });
    expect(findingsOf(job, '1.29').filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });
});

describe('Job names', () => {
  test('an Indexed Job without a name gets a generated one short enough for <name>-<index> pod hostnames', () => {
    const chart = chartIn(quietApp(), 'a-chart-with-a-rather-long-name-to-push-the-generated-name-limit');
    new Job(chart, 'and-a-long-construct-id-as-well', {
      completionMode: CompletionMode.INDEXED,
      completions: 1000,
      containers: [CONTAINER],
      securityContext: { user: 1000 },
    });
    const job = objectOf(chart, 'Job');
    expect(`${job.metadata.name}-999`.length).toBeLessThanOrEqual(63);
    expect(findingsOf(job)).toEqual([]);
  });

  test('an explicit name is kept as written', () => {
    const job = jobJson({ metadata: { name: 'nightly-export' } });
    expect(job.metadata.name).toBe('nightly-export');
  });
});

describe('Job escape hatch', () => {
  test('ApiObject.of reaches the emitted object and patches are applied before validation', () => {
    const app = quietApp();
    const chart = chartIn(app);
    const job = new Job(chart, 'job', { containers: [CONTAINER], securityContext: { user: 1000 } });
    ApiObject.of(job).addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', 'batch-low'));
    expect(objectOf(chart, 'Job').spec.template.spec.priorityClassName).toBe('batch-low');
  });

  test('spread adds the hostname and zone terms once, however often the object is rendered', () => {
    const chart = chartIn();
    new Job(chart, 'job', { containers: [CONTAINER], securityContext: { user: 1000 }, spread: true });
    const first = JSON.stringify(synth(chart));
    expect(JSON.stringify(synth(chart))).toBe(first);
    const terms = objectOf(chart, 'Job').spec.template.spec.affinity.podAntiAffinity
      .requiredDuringSchedulingIgnoredDuringExecution;
    expect(terms.map((t: any) => t.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
  });
});
