import { Duration, Testing } from 'cdk8s';
import { FailureScope, IndexedBatch, IndexedBatchProps, IndexFailurePolicy } from '../../../src';
import { CONTAINER, chartIn, findingsOf, objectOf, quietApp, synth, thrownMessage } from '../helpers';

function build(props: Partial<IndexedBatchProps> = {}, policy = {}) {
  const chart = chartIn(quietApp(policy));
  const batch = new IndexedBatch(chart, 'batch', {
    completions: 4,
    containers: [CONTAINER],
    securityContext: { user: 1000 },
    ...props,
  });
  return { chart, batch };
}

function jobOf(props: Partial<IndexedBatchProps> = {}, policy = {}) {
  return objectOf(build(props, policy).chart, 'Job');
}

/** The synth error message, or undefined when the chart synthesizes. */
function synthError(props: Partial<IndexedBatchProps> = {}, policy = {}): string | undefined {
  return thrownMessage(() => Testing.synth(build(props, policy).chart));
}

const envOf = (container: any) =>
  Object.fromEntries((container.env ?? []).map((v: any) => [v.name, v.value ?? v.valueFrom]));

describe('IndexedBatch defaults', () => {
  const job = jobOf();
  const pod = job.spec.template.spec;

  test('an Indexed Job with completions, and parallelism equal to completions when small', () => {
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4 });
  });
  test('parallelism is capped at 10 for a large batch', () => {
    expect(jobOf({ completions: 500 }).spec.parallelism).toBe(10);
  });
  test('evictions, preemptions and drains are ignored; nothing else is decided for the user', () => {
    expect(job.spec.podFailurePolicy).toEqual({
      rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
    });
  });
  test('every container gets the chunk count as TOTAL_CHUNKS', () => {
    expect(envOf(pod.containers[0])).toEqual({ TOTAL_CHUNKS: '4' });
  });
  test('JOB_COMPLETION_INDEX is left to the Job controller when nothing refers to it', () => {
    expect(pod.containers[0].env.map((v: any) => v.name)).not.toContain('JOB_COMPLETION_INDEX');
  });
  test("the base Job's defaults apply: deadline, TTL, backoff limit, Never, hardened pod", () => {
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 259200, backoffLimit: 2 });
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers[0].securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });
  test('the default IndexedBatch has no findings at all', () => {
    expect(findingsOf(job)).toEqual([]);
  });
});

describe('IndexedBatch overrides', () => {
  test('parallelism, total count variable, deadline and TTL', () => {
    const job = jobOf({
      parallelism: 2,
      totalCountVariable: 'SHARDS',
      activeDeadline: Duration.hours(6),
      ttlAfterFinished: Duration.days(1),
    });
    expect(job.spec).toMatchObject({ parallelism: 2, activeDeadlineSeconds: 21600, ttlSecondsAfterFinished: 86400 });
    expect(envOf(job.spec.template.spec.containers[0])).toEqual({ SHARDS: '4' });
  });

  test('countEveryFailure emits no pod failure policy', () => {
    expect(jobOf({ failurePolicy: IndexFailurePolicy.countEveryFailure() }).spec.podFailurePolicy).toBeUndefined();
  });

  test('init containers and containers added later get the count too', () => {
    const { chart, batch } = build({ initContainers: [{ ...CONTAINER, name: 'fetch' }] });
    batch.addContainer({ ...CONTAINER, name: 'sidecar' });
    const pod = objectOf(chart, 'Job').spec.template.spec;
    expect(envOf(pod.initContainers[0]).TOTAL_CHUNKS).toBe('4');
    expect(pod.containers.map((c: any) => envOf(c).TOTAL_CHUNKS)).toEqual(['4', '4']);
  });

  test("a container's own variables follow ours, so they can refer to them", () => {
    const job = jobOf({
      containers: [{ ...CONTAINER, envVariables: { LABEL: { value: 'chunk-of-$(TOTAL_CHUNKS)' } } }],
    });
    expect(job.spec.template.spec.containers[0].env.map((v: any) => v.name)).toEqual(['TOTAL_CHUNKS', 'LABEL']);
  });
});

describe('per-index retries', () => {
  test('at Kubernetes 1.28 they are reported with the release they need, by the prop and by the rule', () => {
    const message = synthError({ retriesPerIndex: 1, maxFailedIndexes: 1 }, { kubernetesVersion: '1.28' });
    expect(message).toMatch(
      /\[test\/batch\] retriesPerIndex: per-chunk retries \(backoffLimitPerIndex, maxFailedIndexes\) need Kubernetes 1\.29 or later, and the target is 1\.28\. \[indexed-batch-per-index-retries-unavailable\] Fix: set kubernetesVersion in the BatchPolicy.* or remove retriesPerIndex and maxFailedIndexes\./,
    );
    expect(message).toMatch(
      /\[test\/batch\] spec\.backoffLimitPerIndex: backoffLimitPerIndex needs Kubernetes 1\.29 or later.*\[field-unavailable-in-version\] Fix: /,
    );
  });

  test('at 1.29 they render, the shared backoff limit is left to the API server, and bad input fails only the index', () => {
    const job = jobOf(
      { retriesPerIndex: 2, maxFailedIndexes: 1, failurePolicy: IndexFailurePolicy.standard().failOnBadInput([2]) },
      { kubernetesVersion: '1.29' },
    );
    expect(job.spec).toMatchObject({ backoffLimitPerIndex: 2, maxFailedIndexes: 1 });
    expect(job.spec.backoffLimit).toBeUndefined();
    expect(job.spec.podFailurePolicy.rules[1]).toEqual({
      action: 'FailIndex',
      onExitCodes: { operator: 'In', values: [2] },
    });
    expect(findingsOf(job, '1.29')).toEqual([]);
  });

  test('maxFailedIndexes without retriesPerIndex is reported where the API server reports it', () => {
    expect(synthError({ maxFailedIndexes: 1 }, { kubernetesVersion: '1.29' })).toMatch(
      /spec\.backoffLimitPerIndex: maxFailedIndexes only works with a backoff limit per index.*\[job-backoff-limit-per-index-required\]/,
    );
  });

  test('failing an index without per-index retries is reported', () => {
    expect(
      synthError(
        { failurePolicy: IndexFailurePolicy.standard().failOnBadInput([3], FailureScope.INDEX) },
        { kubernetesVersion: '1.29' },
      ),
    ).toMatch(/spec\.podFailurePolicy\.rules\[1\]\.action: .*\[job-pod-failure-policy-fail-index-needs-per-index\]/);
  });
});

describe('failure policy presets', () => {
  test('bad input fails the Job when there are no per-index retries', () => {
    const rules = jobOf({ failurePolicy: IndexFailurePolicy.standard().failOnBadInput([2, 1, 2]) }).spec
      .podFailurePolicy.rules;
    expect(rules[1]).toEqual({ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 2] } });
  });

  test('countOnlyTransient counts the transient codes and fails on any other, after disruptions and bad input', () => {
    const policy = IndexFailurePolicy.standard().countOnlyTransient([75]).failOnBadInput([2]);
    const rules = jobOf({ failurePolicy: policy }).spec.podFailurePolicy.rules;
    expect(
      rules.map((r: any) => [
        r.action,
        r.onExitCodes?.operator ?? 'condition',
        r.onExitCodes?.values ?? r.onPodConditions[0].type,
      ]),
    ).toEqual([
      ['Ignore', 'condition', 'DisruptionTarget'],
      ['FailJob', 'In', [2]],
      ['Count', 'In', [75]],
      ['FailJob', 'NotIn', [75]],
    ]);
  });

  test('the emitted policies pass every rule', () => {
    const job = jobOf({
      failurePolicy: IndexFailurePolicy.standard().failOnBadInput([2]).countOnlyTransient([75, 76]),
    });
    expect(findingsOf(job)).toEqual([]);
  });

  test('an exit code that is both bad input and transient is a prop error', () => {
    expect(
      synthError({ failurePolicy: IndexFailurePolicy.standard().failOnBadInput([2, 75]).countOnlyTransient([75]) }),
    ).toMatch(/\[test\/batch\] failurePolicy: exit code 75 is listed both as bad input and as transient.* Fix: /);
  });

  test('exit code 0 as bad input is reported by the rules at its field', () => {
    expect(synthError({ failurePolicy: IndexFailurePolicy.standard().failOnBadInput([0]) })).toMatch(
      /spec\.podFailurePolicy\.rules\[1\]\.onExitCodes\.values.*\[job-pod-failure-policy-exit-codes-invalid\]/,
    );
  });
});

describe('name budget and index limits', () => {
  test("a generated name leaves room for the last pod's hostname suffix", () => {
    const chart = chartIn(quietApp());
    new IndexedBatch(chart, 'a-very-long-construct-id-that-would-make-a-long-generated-name-for-the-job', {
      completions: 10000,
      containers: [CONTAINER],
    });
    const name: string = objectOf(chart, 'Job').metadata.name;
    expect(`${name}-9999`.length).toBeLessThanOrEqual(63);
  });

  test('an explicit name too long for the last hostname is reported at metadata.name', () => {
    expect(synthError({ completions: 100, metadata: { name: 'x'.repeat(61) } })).toMatch(
      /metadata\.name: .*\[job-indexed-pod-hostname-invalid\]/,
    );
  });

  test('parallelism over the indexed limit is reported at its field', () => {
    expect(synthError({ completions: 200000, parallelism: 100001 })).toMatch(
      /spec\.parallelism: .*\[job-indexed-parallelism-too-high\]/,
    );
  });

  test('completions below one is a prop error', () => {
    expect(synthError({ completions: 0 })).toMatch(
      /\[test\/batch\] spec\.completions: 0 is not a positive whole number of chunks\. \[indexed-batch-completions-invalid\] Fix: /,
    );
  });

  test('an unusable total count variable is a prop error', () => {
    expect(synthError({ totalCountVariable: 'TOTAL-CHUNKS' })).toMatch(
      /totalCountVariable: "TOTAL-CHUNKS" is not a usable environment variable name/,
    );
  });

  test('a container that sets the count variable itself is a prop error naming the container', () => {
    expect(
      synthError({ containers: [{ ...CONTAINER, envVariables: { TOTAL_CHUNKS: { value: '9' } as any } }] }),
    ).toMatch(
      /spec\.template\.spec\.containers\[0\]\.env: container "task" sets TOTAL_CHUNKS itself.* \[indexed-batch-container-env-conflict\] Fix: /,
    );
  });
});

describe('synthesis', () => {
  test('the chart synthesizes and lists one ServiceAccount and one Job', () => {
    expect(synth(build().chart).map((o) => o.kind)).toEqual(['ServiceAccount', 'Job']);
  });
});
