import { ApiObject, App, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BatchPolicy,
  IdentityOwner,
  KafkaOffsetResetPolicy,
  KedaAuthentication,
  PodIdentityProvider,
  QueueConnection,
  QueueTrigger,
  QueueWorkerJob,
  QueueWorkerJobProps,
  RabbitMqProtocol,
  RuleLevel,
  ScalingStrategy,
} from '../../../src';
import { jobCreatedBy } from '../../../src/rules/keda-scaled-job';
import { schemaErrors } from '../monitoring/third-party-schema';
import { CONTAINER, chartIn, findingsOf, objectOf, quietApp, synth, thrownMessage } from '../helpers';

const REDIS_ENV = { REDIS_ADDRESS: 'address', REDIS_PASSWORD: 'password' };
const redisTrigger = () =>
  QueueTrigger.redisList({ listName: 'jobs', addressFromEnv: 'REDIS_ADDRESS', passwordFromEnv: 'REDIS_PASSWORD' });

function build(props: (chart: Chart) => Partial<QueueWorkerJobProps> = () => ({}), app: App = quietApp()) {
  const chart = chartIn(app);
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'queue-credentials');
  const worker = new QueueWorkerJob(chart, 'worker', {
    containers: [CONTAINER],
    securityContext: { user: 1000 },
    queue: QueueConnection.fromSecret(secret, REDIS_ENV),
    ...props(chart),
  });
  return { chart, worker };
}

const withKeda =
  (keda: Partial<QueueWorkerJobProps['keda']> = {}, extra: Partial<QueueWorkerJobProps> = {}) =>
  () => ({ keda: { triggers: [redisTrigger()], ...keda }, ...extra });
const synthError = (props: (chart: Chart) => Partial<QueueWorkerJobProps>, app?: App) =>
  thrownMessage(() => Testing.synth(build(props, app).chart));

describe('QueueWorkerJob without KEDA', () => {
  const job = objectOf(build().chart, 'Job');

  test('a work-queue Job: parallelism without completions', () => {
    expect(job.spec.parallelism).toBe(1);
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.completionMode).toBeUndefined();
  });
  test("the base Job's deadline, backoff limit and TTL, and evictions that do not use up retries", () => {
    expect(job.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 2, ttlSecondsAfterFinished: 259200 });
    expect(job.spec.podFailurePolicy.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    ]);
  });
  test('the connection comes from the Secret by reference, never as a value', () => {
    expect(job.spec.template.spec.containers[0].env).toEqual([
      { name: 'REDIS_ADDRESS', valueFrom: { secretKeyRef: { name: 'queue-credentials', key: 'address' } } },
      { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'queue-credentials', key: 'password' } } },
    ]);
  });
  test('no findings at all', () => expect(findingsOf(job)).toEqual([]));

  test('overrides: parallelism, deadline, retries, TTL, failure policy', () => {
    const j = objectOf(
      build(() => ({
        parallelism: 5,
        activeDeadline: Duration.hours(4),
        backoffLimit: 6,
        ttlAfterFinished: Duration.hours(12),
        podFailurePolicy: [],
      })).chart,
      'Job',
    );
    expect(j.spec).toMatchObject({
      parallelism: 5,
      activeDeadlineSeconds: 14400,
      backoffLimit: 6,
      ttlSecondsAfterFinished: 43200,
    });
    expect(j.spec.podFailurePolicy).toEqual({ rules: [] });
  });

  test('containers added later get the connection too', () => {
    const { chart, worker } = build();
    worker.addContainer({ ...CONTAINER, name: 'second' });
    const containers = objectOf(chart, 'Job').spec.template.spec.containers;
    expect(containers.map((c: any) => c.env.map((e: any) => e.name))).toEqual([
      ['REDIS_ADDRESS', 'REDIS_PASSWORD'],
      ['REDIS_ADDRESS', 'REDIS_PASSWORD'],
    ]);
  });
});

describe('queue connection mistakes', () => {
  test('a container that sets a connection variable itself', () => {
    expect(
      synthError(() => ({
        containers: [{ ...CONTAINER, envVariables: { REDIS_PASSWORD: kplus.EnvValue.fromValue('x') } }],
      })),
    ).toMatch(
      /\[test\/worker\] spec\.template\.spec\.containers\[0\]\.env\[0\]: container "task" sets REDIS_PASSWORD itself, which the queue connection sets from the Secret\. \[queue-worker-env-conflict\] Fix: /,
    );
  });
  test('bad variable names and Secret keys, and an empty mapping', () => {
    const secret = (chart: Chart) => kplus.Secret.fromSecretName(chart, 's2', 'x');
    expect(synthError((c) => ({ queue: QueueConnection.fromSecret(secret(c), { 'REDIS-URL': 'url' }) }))).toMatch(
      /queue: "REDIS-URL" is not a usable environment variable name\. \[queue-connection-invalid\]/,
    );
    expect(synthError((c) => ({ queue: QueueConnection.fromSecret(secret(c), { URL: 'a/b' }) }))).toMatch(
      /queue: "a\/b" \(for URL\) is not a valid Secret key\. \[queue-connection-invalid\]/,
    );
    expect(synthError((c) => ({ queue: QueueConnection.fromSecret(secret(c), {}) }))).toMatch(
      /queue: the connection maps no variables\. \[queue-connection-invalid\]/,
    );
  });
});

describe('QueueWorkerJob with KEDA', () => {
  const { chart } = build(withKeda());
  const objects = synth(chart);
  const scaledJob = objectOf(chart, 'ScaledJob');

  test('a ScaledJob and no standalone Job', () => {
    expect(objects.map((o) => `${o.apiVersion} ${o.kind}`).sort()).toEqual([
      'keda.sh/v1alpha1 ScaledJob',
      'v1 ServiceAccount',
    ]);
  });

  test("jobTargetRef is exactly the Job form's JobSpec, without the TTL", () => {
    const plain = objectOf(build().chart, 'Job').spec;
    const { ttlSecondsAfterFinished, ...withoutTtl } = plain;
    expect(ttlSecondsAfterFinished).toBe(259200);
    expect(scaledJob.spec.jobTargetRef).toEqual(withoutTtl);
  });

  test('defaults: 10 Jobs at most, 30 s polling, 3 and 5 Jobs of history, gradual rollout', () => {
    expect(scaledJob.spec).toMatchObject({
      maxReplicaCount: 10,
      pollingInterval: 30,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 5,
      rollout: { strategy: 'gradual' },
    });
    expect(scaledJob.spec.minReplicaCount).toBeUndefined();
  });

  test('a Redis list counts only waiting items, so the accurate strategy is chosen', () => {
    expect(scaledJob.spec.scalingStrategy).toEqual({ strategy: 'accurate' });
  });

  test("triggers that count in-flight messages keep KEDA's default strategy, as does a mix", () => {
    const sqs = QueueTrigger.awsSqs({ queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q', region: 'eu-west-1' });
    expect(
      objectOf(build(() => ({ keda: { triggers: [sqs] } })).chart, 'ScaledJob').spec.scalingStrategy.strategy,
    ).toBe('default');
    expect(
      objectOf(build(() => ({ keda: { triggers: [sqs, redisTrigger()] } })).chart, 'ScaledJob').spec.scalingStrategy
        .strategy,
    ).toBe('default');
  });

  test('overrides of every scaling setting', () => {
    const spec = objectOf(
      build(
        withKeda({
          maxReplicaCount: 50,
          minReplicaCount: 1,
          pollingInterval: Duration.seconds(10),
          successfulJobsRetained: 1,
          failedJobsRetained: 10,
          scalingStrategy: ScalingStrategy.EAGER,
          envSourceContainer: 'task',
        }),
      ).chart,
      'ScaledJob',
    ).spec;
    expect(spec).toMatchObject({
      maxReplicaCount: 50,
      minReplicaCount: 1,
      pollingInterval: 10,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 10,
      scalingStrategy: { strategy: 'eager' },
      envSourceContainerName: 'task',
    });
  });

  test('the Job KEDA creates passes every rule, PSS restricted included', () => {
    expect(findingsOf(jobCreatedBy(scaledJob))).toEqual([]);
  });
});

describe('the Job KEDA creates (validation target)', () => {
  const scaledJob = objectOf(
    build(withKeda({}, { metadata: { labels: { team: 'search' }, annotations: { note: 'x' } } })).chart,
    'ScaledJob',
  );
  const job: any = jobCreatedBy(scaledJob);

  test("KEDA's generateName, labels under the ScaledJob's, annotations, and the ScaledJob as owner", () => {
    const name = scaledJob.metadata.name;
    expect(job.metadata).toMatchObject({
      generateName: `${name}-`,
      labels: { 'scaledjob.keda.sh/name': name, 'app.kubernetes.io/managed-by': 'keda-operator', team: 'search' },
      annotations: { note: 'x' },
      ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', name, controller: true }],
    });
    expect(job.spec.template.metadata.labels['scaledjob.keda.sh/name']).toBe(name);
  });

  test("a template without restartPolicy gets KEDA's OnFailure", () => {
    const bare: any = jobCreatedBy({
      metadata: { name: 'x' },
      spec: { jobTargetRef: { template: { spec: { containers: [] } } } },
    });
    expect(bare.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  test('rules run on it at synth: an unpinned image raised to an error is reported with its Job field', () => {
    const app = quietApp({ rules: { 'container-image-not-pinned': RuleLevel.ERROR } });
    expect(synthError(withKeda({}, { containers: [{ ...CONTAINER, image: 'registry.example/task' }] }), app)).toMatch(
      /\[test\/worker\] spec\.template\.spec\.containers\[0\]\.image: .*\[container-image-not-pinned\] Fix: /,
    );
  });

  test('an API-server rule is reported too (restartPolicy Always)', () => {
    expect(synthError(withKeda({}, { restartPolicy: kplus.RestartPolicy.ALWAYS }))).toMatch(
      /spec\.template\.spec\.restartPolicy: .*\[job-restart-policy-invalid\]/,
    );
  });

  test('a suppression on the ScaledJob reaches the Jobs, as KEDA copies its annotations', () => {
    const app = quietApp({ rules: { 'container-image-not-pinned': RuleLevel.ERROR } });
    const { chart, worker } = build(
      withKeda({}, { containers: [{ ...CONTAINER, image: 'registry.example/task' }] }),
      app,
    );
    worker.suppressRule('container-image-not-pinned', 'the registry only serves immutable tags');
    expect(thrownMessage(() => Testing.synth(chart))).toBeUndefined();
  });
});

describe('triggers', () => {
  const triggersOf = (...triggers: QueueTrigger[]) =>
    objectOf(build(() => ({ keda: { triggers }, queue: undefined })).chart, 'ScaledJob').spec.triggers;

  test('aws-sqs-queue', () => {
    expect(
      triggersOf(
        QueueTrigger.awsSqs({
          queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/q',
          region: 'eu-west-1',
          queueLength: 2,
        }),
      ),
    ).toEqual([
      {
        type: 'aws-sqs-queue',
        metadata: { queueURL: 'https://sqs.eu-west-1.amazonaws.com/1/q', awsRegion: 'eu-west-1', queueLength: '2' },
      },
    ]);
  });

  test('kafka', () => {
    expect(
      triggersOf(
        QueueTrigger.kafka({
          bootstrapServers: ['k1:9092', 'k2:9092'],
          consumerGroup: 'workers',
          topic: 'jobs',
          offsetResetPolicy: KafkaOffsetResetPolicy.EARLIEST,
        }),
      ),
    ).toEqual([
      {
        type: 'kafka',
        metadata: {
          bootstrapServers: 'k1:9092,k2:9092',
          consumerGroup: 'workers',
          topic: 'jobs',
          lagThreshold: '10',
          offsetResetPolicy: 'earliest',
        },
      },
    ]);
  });

  test('redis', () => {
    expect(
      triggersOf(
        QueueTrigger.redisList({ listName: 'jobs', address: 'redis:6379', databaseIndex: 2, tls: true, listLength: 3 }),
      ),
    ).toEqual([
      {
        type: 'redis',
        metadata: { listName: 'jobs', listLength: '3', address: 'redis:6379', databaseIndex: '2', enableTLS: 'true' },
      },
    ]);
  });

  test('rabbitmq', () => {
    const auth = (chart: Chart) =>
      KedaAuthentication.fromSecret(kplus.Secret.fromSecretName(chart, 'rabbit', 'rabbit'), { host: 'url' });
    const { chart } = build((c) => ({
      queue: undefined,
      keda: {
        triggers: [
          QueueTrigger.rabbitMq({ queueName: 'jobs', protocol: RabbitMqProtocol.AMQP, authentication: auth(c) }),
        ],
      },
    }));
    const scaledJob = objectOf(chart, 'ScaledJob');
    expect(scaledJob.spec.triggers[0]).toEqual({
      type: 'rabbitmq',
      metadata: { queueName: 'jobs', mode: 'QueueLength', value: '20', protocol: 'amqp' },
      authenticationRef: { name: objectOf(chart, 'TriggerAuthentication').metadata.name },
    });
    expect(scaledJob.spec.scalingStrategy.strategy).toBe('accurate');
  });
});

describe('trigger authentication', () => {
  const authsOf = (triggers: (chart: Chart) => QueueTrigger[]) =>
    synth(build((c) => ({ queue: undefined, keda: { triggers: triggers(c) } })).chart).filter(
      (o) => o.kind === 'TriggerAuthentication',
    );
  const sqs = (authentication: KedaAuthentication) =>
    QueueTrigger.awsSqs({ queueUrl: 'q', region: 'eu-west-1', authentication });

  test("AWS pod identity uses the workload's own role by default", () => {
    expect(authsOf(() => [sqs(KedaAuthentication.podIdentity(PodIdentityProvider.AWS))])[0].spec).toEqual({
      podIdentity: { provider: 'aws', identityOwner: 'workload' },
    });
  });
  test('an AWS role ARN instead', () => {
    expect(
      authsOf(() => [
        sqs(KedaAuthentication.podIdentity(PodIdentityProvider.AWS, { roleArn: 'arn:aws:iam::1:role/r' })),
      ])[0].spec,
    ).toEqual({ podIdentity: { provider: 'aws', roleArn: 'arn:aws:iam::1:role/r' } });
  });
  test('Azure workload identity and GCP', () => {
    expect(
      authsOf(() => [
        sqs(KedaAuthentication.podIdentity(PodIdentityProvider.AZURE_WORKLOAD, { identityId: 'client-id' })),
      ])[0].spec,
    ).toEqual({ podIdentity: { provider: 'azure-workload', identityId: 'client-id' } });
    expect(authsOf(() => [sqs(KedaAuthentication.podIdentity(PodIdentityProvider.GCP))])[0].spec).toEqual({
      podIdentity: { provider: 'gcp' },
    });
  });
  test('Secret references, sorted by parameter, beside a pod identity', () => {
    const spec = authsOf((c) => [
      QueueTrigger.redisList({
        listName: 'l',
        authentication: KedaAuthentication.podIdentity(PodIdentityProvider.AZURE_WORKLOAD).withSecret(
          kplus.Secret.fromSecretName(c, 'r', 'redis'),
          { password: 'pw', address: 'addr' },
        ),
      }),
    ])[0].spec;
    expect(spec).toEqual({
      podIdentity: { provider: 'azure-workload' },
      secretTargetRef: [
        { parameter: 'address', name: 'redis', key: 'addr' },
        { parameter: 'password', name: 'redis', key: 'pw' },
      ],
    });
  });
  test('one TriggerAuthentication per distinct authentication', () => {
    const shared = KedaAuthentication.podIdentity(PodIdentityProvider.AWS);
    expect(authsOf(() => [sqs(shared), sqs(shared)])).toHaveLength(1);
    expect(authsOf(() => [sqs(shared), sqs(KedaAuthentication.podIdentity(PodIdentityProvider.GCP))])).toHaveLength(2);
  });
});

describe('KEDA mistakes are prop errors', () => {
  const keda =
    (triggers: (chart: Chart) => QueueTrigger[], extra = {}) =>
    (c: Chart) => ({ keda: { triggers: triggers(c), ...extra } });
  const cases: Array<[string, (c: Chart) => Partial<QueueWorkerJobProps>, RegExp]> = [
    [
      'no triggers',
      keda(() => []),
      /keda\.triggers: a ScaledJob without triggers never starts a Job\. \[keda-trigger-invalid\]/,
    ],
    [
      'SQS without a URL',
      keda(() => [QueueTrigger.awsSqs({ region: 'eu-west-1' })]),
      /keda\.triggers\[0\]: aws-sqs-queue: set exactly one of queueUrl and queueUrlFromEnv\. \[keda-trigger-invalid\]/,
    ],
    [
      'SQS with both URLs',
      keda(() => [QueueTrigger.awsSqs({ region: 'r', queueUrl: 'q', queueUrlFromEnv: 'REDIS_ADDRESS' })]),
      /set exactly one of queueUrl and queueUrlFromEnv\. \[keda-trigger-invalid\]/,
    ],
    [
      'RabbitMQ without a broker URL',
      keda(() => [QueueTrigger.rabbitMq({ queueName: 'q' })]),
      /keda\.triggers\[0\]: rabbitmq: take the broker URL from exactly one place.* \[keda-trigger-invalid\]/,
    ],
    [
      'Redis with two addresses',
      keda(() => [QueueTrigger.redisList({ listName: 'l', address: 'a:1', addressFromEnv: 'REDIS_ADDRESS' })]),
      /: redis: name the server exactly once.* \[keda-trigger-invalid\]/,
    ],
    [
      'Kafka without brokers',
      keda(() => [QueueTrigger.kafka({ bootstrapServers: [], consumerGroup: 'g' })]),
      /: kafka: bootstrapServers is empty\. \[keda-trigger-invalid\]/,
    ],
    [
      'an empty metadata value',
      keda(() => [QueueTrigger.kafka({ bootstrapServers: ['k:9092'], consumerGroup: '' })]),
      /: kafka: consumerGroup is empty\. \[keda-trigger-invalid\]/,
    ],
    [
      'a ...FromEnv variable the container lacks',
      keda(() => [QueueTrigger.redisList({ listName: 'l', addressFromEnv: 'REDIS_HOST' })]),
      /spec\.triggers\[0\]\.metadata\[addressFromEnv\]: redis: KEDA reads REDIS_HOST from container "task", which does not set it\. \[keda-env-source-missing\] Fix: /,
    ],
    [
      'an unknown env source container',
      keda(() => [redisTrigger()], { envSourceContainer: 'nope' }),
      /spec\.envSourceContainerName: no container is named "nope"\. \[keda-env-source-missing\]/,
    ],
    [
      'roleArn with identityOwner',
      keda(() => [
        QueueTrigger.awsSqs({
          queueUrl: 'q',
          region: 'r',
          authentication: KedaAuthentication.podIdentity(PodIdentityProvider.AWS, {
            roleArn: 'a',
            identityOwner: IdentityOwner.KEDA,
          }),
        }),
      ]),
      /keda\.triggers\[0\]\.authentication: roleArn and identityOwner are mutually exclusive.* \[keda-trigger-invalid\]/,
    ],
    [
      'roleArn on GCP',
      keda(() => [
        QueueTrigger.awsSqs({
          queueUrl: 'q',
          region: 'r',
          authentication: KedaAuthentication.podIdentity(PodIdentityProvider.GCP, { roleArn: 'a' }),
        }),
      ]),
      /apply to the AWS pod identity only\. \[keda-trigger-invalid\]/,
    ],
    [
      'a parameter from two Secrets',
      keda((c) => [
        QueueTrigger.redisList({
          listName: 'l',
          address: 'a:1',
          authentication: KedaAuthentication.fromSecret(kplus.Secret.fromSecretName(c, 'a', 'a'), {
            password: 'p',
          }).withSecret(kplus.Secret.fromSecretName(c, 'b', 'b'), { password: 'p' }),
        }),
      ]),
      /the parameter "password" is taken from two Secrets\. \[keda-trigger-invalid\]/,
    ],
    [
      'maxReplicaCount 0',
      keda(() => [redisTrigger()], { maxReplicaCount: 0 }),
      /keda\.maxReplicaCount: 0 must be a whole number of at least 1\. \[keda-scaling-invalid\]/,
    ],
    [
      'minReplicaCount above max',
      keda(() => [redisTrigger()], { minReplicaCount: 11 }),
      /keda\.minReplicaCount: 11 must be a whole number from 0 to maxReplicaCount \(10\)\. \[keda-scaling-invalid\]/,
    ],
    [
      'negative history',
      keda(() => [redisTrigger()], { failedJobsRetained: -1 }),
      /keda\.failedJobsRetained: -1 must be a whole number of Jobs.* \[keda-scaling-invalid\]/,
    ],
    [
      'a fractional polling interval',
      keda(() => [redisTrigger()], { pollingInterval: Duration.millis(1500) }),
      /keda\.pollingInterval: 1\.5 s must be a whole number of seconds.* \[keda-scaling-invalid\]/,
    ],
  ];
  test.each(cases)('%s', (_name, props, expected) => {
    const message = synthError(props);
    expect(message).toMatch(expected);
    expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[test\/worker\] /);
  });

  test('the valid forms of each trigger synthesize', () => {
    for (const trigger of [
      QueueTrigger.awsSqs({ queueUrlFromEnv: 'REDIS_ADDRESS', region: 'r' }),
      QueueTrigger.redisList({ listName: 'l', addressFromEnv: 'REDIS_ADDRESS' }),
      QueueTrigger.rabbitMq({ queueName: 'q', hostFromEnv: 'REDIS_ADDRESS' }),
      QueueTrigger.kafka({ bootstrapServers: ['k:9092'], consumerGroup: 'g' }),
    ]) {
      expect(synthError(() => ({ keda: { triggers: [trigger] } }))).toBeUndefined();
    }
  });
});

describe('Kueue', () => {
  test('the queue label is on the Job, and nothing is suspended by the manifest', () => {
    const job = objectOf(build(() => ({ kueueQueue: 'team-a' })).chart, 'Job');
    expect(job.metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'team-a' });
    expect(job.spec.suspend).toBeUndefined();
    expect(findingsOf(job)).toEqual([]);
  });

  test('with KEDA the label is on the ScaledJob, which KEDA copies onto each Job', () => {
    const scaledJob = objectOf(build(withKeda({}, { kueueQueue: 'team-a' })).chart, 'ScaledJob');
    expect(scaledJob.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('team-a');
    expect((jobCreatedBy(scaledJob) as any).metadata.labels['kueue.x-k8s.io/queue-name']).toBe('team-a');
  });

  test('a container without requests is an error, even with the rule turned off in the policy', () => {
    const app = Testing.app();
    new BatchPolicy(app, { printWarnings: false, rules: { 'kueue-job-missing-requests': RuleLevel.OFF } });
    const message = synthError(() => ({ kueueQueue: 'team-a' }), app);
    expect(message).toMatch(
      /\[test\/worker\] spec\.template\.spec\.containers\[0\]\.resources\.requests\[cpu\]: .*\[kueue-job-missing-requests\] Fix: /,
    );
    expect(message).toMatch(/resources\.requests\[memory\]/);
  });

  test('a Kueue finding is reported once, as the error, and never printed as a warning before it', () => {
    const app = Testing.app();
    new BatchPolicy(app, { printWarnings: true });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const message = synthError(() => ({ kueueQueue: 'team-a' }), app);
      const cpu = 'spec.template.spec.containers[0].resources.requests[cpu]: ';
      expect(message?.split(cpu)).toHaveLength(2);
      expect(stderr.mock.calls.map(([text]) => String(text)).join('')).not.toContain('kueue-job-missing-requests');
    } finally {
      stderr.mockRestore();
    }
  });

  test('the same with KEDA, checked on the Job KEDA creates', () => {
    const app = Testing.app();
    new BatchPolicy(app, { printWarnings: false });
    expect(synthError(withKeda({}, { kueueQueue: 'team-a' }), app)).toMatch(
      /\[test\/worker\] spec\.template\.spec\.containers\[0\]\.resources\.requests\[cpu\]: .*\[kueue-job-missing-requests\] Fix: /,
    );
  });
});

describe('runtime schema of the KEDA objects (@kubernetes-models)', () => {
  test('ScaledJob and TriggerAuthentication of every trigger type and authentication validate', () => {
    const { chart } = build((c) => ({
      keda: {
        triggers: [
          redisTrigger(),
          QueueTrigger.awsSqs({
            queueUrl: 'q',
            region: 'eu-west-1',
            authentication: KedaAuthentication.podIdentity(PodIdentityProvider.AWS),
          }),
          QueueTrigger.kafka({
            bootstrapServers: ['k:9092'],
            consumerGroup: 'g',
            authentication: KedaAuthentication.fromSecret(kplus.Secret.fromSecretName(c, 'k', 'kafka'), {
              sasl: 'sasl',
              username: 'user',
              password: 'pw',
            }),
          }),
          QueueTrigger.rabbitMq({
            queueName: 'q',
            hostFromEnv: 'REDIS_ADDRESS',
            authentication: KedaAuthentication.podIdentity(PodIdentityProvider.AZURE_WORKLOAD),
          }),
        ],
        minReplicaCount: 1,
      },
      kueueQueue: 'team-a',
    }));
    const objects = synth(chart).filter((o) => o.apiVersion === 'keda.sh/v1alpha1');
    expect(objects.map((o) => o.kind)).toEqual([
      'ScaledJob',
      'TriggerAuthentication',
      'TriggerAuthentication',
      'TriggerAuthentication',
    ]);
    // A broken object fails, so the check is not vacuous.
    const broken = {
      ...objects[0],
      spec: { ...objects[0].spec, triggers: [{ type: 'redis', metadata: { listLength: 5 } }] },
    };
    const errors = schemaErrors([...objects, broken]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ScaledJob\/.*triggers\/0\/metadata\/listLength must be string/);
  });
});

describe('no Secret value in the YAML', () => {
  test('values fed to a Secret in another chart never reach the worker chart', () => {
    const values = { address: 'redis.internal:6379-SECRET-ADDRESS-7f3a', password: 'hunter2-SECRET-PASSWORD-91c2' };
    const app = quietApp();
    const secretsChart = new Chart(app, 'secrets');
    const secret = new kplus.Secret(secretsChart, 'queue', { stringData: values });
    const workerChart = new Chart(app, 'worker');
    new QueueWorkerJob(workerChart, 'drain', {
      containers: [CONTAINER],
      queue: QueueConnection.fromSecret(secret, REDIS_ENV),
      keda: {
        triggers: [
          QueueTrigger.redisList({
            listName: 'jobs',
            addressFromEnv: 'REDIS_ADDRESS',
            authentication: KedaAuthentication.fromSecret(secret, { password: 'password' }),
          }),
        ],
      },
    });
    const secretYaml = JSON.stringify(Testing.synth(secretsChart));
    const workerYaml = JSON.stringify(Testing.synth(workerChart));
    for (const value of Object.values(values)) {
      expect(secretYaml).toContain(value); // the values were really fed in
      expect(workerYaml).not.toContain(value);
    }
    expect(workerYaml).toContain(secret.name);
  });
});

describe('the wiring and the credentials are checked on what is emitted', () => {
  test('a patch that replaces a connection variable with a literal is an error, twice over', () => {
    const { chart, worker } = build();
    ApiObject.of(worker).addJsonPatch(
      JsonPatch.replace('/spec/template/spec/containers/0/env/1', { name: 'REDIS_PASSWORD', value: 'hunter2' }),
    );
    const message = thrownMessage(() => Testing.synth(chart)) ?? '';
    expect(message).toMatch(
      /\[test\/worker\] spec\.template\.spec\.containers\[0\]\.env\[1\]: container "task" sets REDIS_PASSWORD otherwise than from key "password" of Secret "queue-credentials".* \[queue-connection-not-from-secret\] Fix: /,
    );
    expect(message).toMatch(
      /spec\.template\.spec\.containers\[0\]\.env\[1\]\.value: .*REDIS_PASSWORD.* \[container-env-secret-literal\] Fix: /,
    );
    expect(message).not.toContain('hunter2');
  });

  test('a patch that drops the variable a trigger reads is an error at the trigger', () => {
    const { chart, worker } = build(withKeda());
    ApiObject.of(worker).addJsonPatch(JsonPatch.remove('/spec/jobTargetRef/template/spec/containers/0/env/0'));
    const message = thrownMessage(() => Testing.synth(chart)) ?? '';
    expect(message).toMatch(
      /spec\.triggers\[0\]\.metadata\[addressFromEnv\]: redis: KEDA reads REDIS_ADDRESS from container "task", which does not set it\. \[keda-env-source-missing\]/,
    );
    expect(message).toMatch(
      /spec\.jobTargetRef\.template\.spec\.containers\[0\]\.env: container "task" lacks REDIS_ADDRESS/,
    );
  });

  test('a token added to a container after construction is an error, on the Job KEDA creates too', () => {
    const { chart, worker } = build(withKeda());
    worker.containers[0].env.addVariable('API_TOKEN', kplus.EnvValue.fromValue('tok_4f9a8b7c6d5e'));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/worker\] spec\.template\.spec\.containers\[0\]\.env\[2\]\.value: Container "task" sets API_TOKEN, which is named like a credential.* \[container-env-secret-literal\] Fix: /,
    );
  });

  test('a broker URL with a password in args is an error', () => {
    expect(
      synthError(() => ({
        containers: [{ ...CONTAINER, args: ['--broker=amqp://worker:s3cr3t@rabbitmq.queue.svc/jobs'] }],
      })),
    ).toMatch(
      /spec\.template\.spec\.containers\[0\]\.args\[0\]: .*a URL with a password.* \[container-args-secret-literal\]/,
    );
  });

  test('the same from the Secret, a token file path and a URL without a password pass', () => {
    expect(
      synthError(() => ({
        containers: [
          {
            ...CONTAINER,
            args: ['--broker=amqp://worker@rabbitmq.queue.svc/jobs'],
            envVariables: { API_TOKEN_FILE: kplus.EnvValue.fromValue('/var/run/secrets/api/token') },
          },
        ],
      })),
    ).toBeUndefined();
  });
});
