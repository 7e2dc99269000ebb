import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CronJob, Job } from '../../src';
import { CONTAINER, chartIn, findingsOf, objectOf, quietApp, synth } from './helpers';
import { ungrouped } from '../support/findings';

function podOf(setup: (job: Job) => void = () => undefined, props = {}, policy = {}) {
  const chart = chartIn(quietApp(policy));
  const job = new Job(chart, 'job', { containers: [CONTAINER], securityContext: { user: 1000 }, ...props });
  setup(job);
  return { chart, job: objectOf(chart, 'Job'), pod: objectOf(chart, 'Job').spec.template.spec };
}

const RESTRICTED = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

describe('Pod Security Standards restricted by default', () => {
  test('every container gets the six restricted settings', () => {
    const { pod } = podOf((job) => {
      job.addContainer({ name: 'second', image: 'registry.example/b:1.0.0' });
      job.addInitContainer({ name: 'init', image: 'registry.example/i:1.0.0' });
    });
    for (const c of [...pod.containers, ...pod.initContainers]) expect(c.securityContext).toEqual(RESTRICTED);
  });

  test('the pod is non-root; no UID is invented', () => {
    const { pod } = podOf(undefined, { securityContext: {} });
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeUndefined();
    expect(pod.containers[0].securityContext.runAsUser).toBeUndefined();
  });

  test('the defaults pass every pod-security rule', () => {
    const { job } = podOf();
    expect(findingsOf(job).filter((f) => f.rule.startsWith('pss-'))).toEqual([]);
  });

  test('each setting can be overridden per container, and the rule then reports it', () => {
    const { job, pod } = podOf(undefined, {
      containers: [
        {
          ...CONTAINER,
          securityContext: { capabilities: { add: [kplus.Capability.NET_ADMIN] }, readOnlyRootFilesystem: false },
        },
      ],
    });
    expect(pod.containers[0].securityContext).toMatchObject({
      capabilities: { add: ['NET_ADMIN'] },
      readOnlyRootFilesystem: false,
    });
    const rules = findingsOf(job).map((f) => [f.rule, f.field]);
    expect(rules).toContainEqual([
      'pss-capabilities-drop-all',
      'spec.template.spec.containers[0].securityContext.capabilities.drop',
    ]);
  });
});

describe('writable /tmp', () => {
  test('one emptyDir mounted at /tmp in every read-only container', () => {
    const { pod } = podOf((job) => job.addInitContainer({ name: 'init', image: 'registry.example/i:1.0.0' }));
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.initContainers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('a size limit', () => {
    const { pod } = podOf(undefined, { tmpSizeLimit: Size.mebibytes(256) });
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
  });

  test('not for a container with a writable root filesystem, nor one that mounts /tmp itself', () => {
    const { pod } = podOf(
      (job) => {
        const scratch = kplus.Volume.fromEmptyDir(job, 'scratch', 'tmp');
        job.addContainer({
          name: 'own-tmp',
          image: 'registry.example/b:1.0.0',
          volumeMounts: [{ path: '/tmp', volume: scratch }],
        });
      },
      { containers: [{ ...CONTAINER, securityContext: { readOnlyRootFilesystem: false } }] },
    );
    expect(pod.containers[0].volumeMounts).toBeUndefined();
    expect(pod.containers[1].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });

  test('a user volume called tmp mounted elsewhere does not collide', () => {
    const { pod } = podOf((job) => {
      const cache = kplus.Volume.fromEmptyDir(job, 'cache', 'tmp');
      job.containers[0].mount('/cache', cache);
    });
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['tmp', 'tmp-1']);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/cache' },
      { name: 'tmp-1', mountPath: '/tmp' },
    ]);
  });

  test('writableTmp: false turns it off', () => {
    expect(podOf(undefined, { writableTmp: false }).pod.volumes).toBeUndefined();
  });
});

describe('ServiceAccount', () => {
  test('a dedicated account without a token is created and used', () => {
    const { chart, pod } = podOf();
    const accounts = synth(chart).filter((o) => o.kind === 'ServiceAccount');
    expect(accounts).toHaveLength(1);
    expect(accounts[0].automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(accounts[0].metadata.name);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('a given account is used and none is created', () => {
    const chart = chartIn();
    const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'reporting');
    new CronJob(chart, 'cron', {
      schedule: '0 3 * * *',
      serviceAccount: account,
      containers: [CONTAINER],
      securityContext: { user: 1000 },
    });
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'ServiceAccount')).toEqual([]);
    expect(objects[0].spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('reporting');
  });

  test('the pod can be bound to a Role through its account', () => {
    const chart = chartIn();
    const job = new Job(chart, 'job', { containers: [CONTAINER], securityContext: { user: 1000 } });
    const role = new kplus.Role(chart, 'role');
    role.allowRead(kplus.ApiResource.CONFIG_MAPS);
    role.bind(job);
    const binding = synth(chart).find((o) => o.kind === 'RoleBinding');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: job.serviceAccount!.name, apiGroup: '' }]);
  });
});

describe('resources: from the container or the policy, never a constant', () => {
  test('without either, none are emitted and the resources rules warn', () => {
    const { job, pod } = podOf(undefined, {}, { containerResources: undefined });
    expect(pod.containers[0].resources).toBeUndefined();
    expect(ungrouped(findingsOf(job)).map((f) => f.rule)).toEqual(
      expect.arrayContaining([
        'container-missing-cpu-request',
        'container-missing-memory-request',
        'container-missing-memory-limit',
      ]),
    );
  });

  test("the chart policy's resources go to every container and init container without its own", () => {
    const { pod } = podOf((job) => job.addInitContainer({ name: 'init', image: 'registry.example/i:1.0.0' }));
    const expected = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } };
    expect(pod.containers[0].resources).toEqual(expected);
    expect(pod.initContainers[0].resources).toEqual(expected);
  });

  test("a container's own resources win, and resources: {} opts one container out", () => {
    const { pod } = podOf(undefined, {
      containers: [
        { ...CONTAINER, resources: { cpu: { request: kplus.Cpu.millis(2000) } } },
        { name: 'sidecar', image: 'registry.example/s:1.0.0', resources: {} },
      ],
    });
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '2000m' } });
    expect(pod.containers[1].resources).toBeUndefined();
  });

  test('never the cdk8s-plus-28 constants', () => {
    const { pod } = podOf(undefined, {}, { containerResources: undefined });
    expect(JSON.stringify(pod)).not.toMatch(/1000m|1500m|512Mi|2048Mi/);
  });
});

describe('restart policy and pod props from cdk8s-plus', () => {
  test('env from values, config maps and secrets, volumes and scheduling pass through', () => {
    const { pod } = podOf((job) => {
      const config = kplus.ConfigMap.fromConfigMapName(job, 'cm', 'settings');
      const secret = kplus.Secret.fromSecretName(job, 'secret', 'credentials');
      job.containers[0].env.addVariable('MODE', kplus.EnvValue.fromValue('full'));
      job.containers[0].env.addVariable('TOKEN', kplus.EnvValue.fromSecretValue({ secret, key: 'token' }));
      job.containers[0].env.copyFrom(kplus.Env.fromConfigMap(config));
      job.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.is('batch', 'true')));
    });
    expect(pod.containers[0].env).toEqual([
      { name: 'MODE', value: 'full' },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: 'credentials' } } },
    ]);
    expect(pod.containers[0].envFrom).toEqual([{ configMapRef: { name: 'settings' } }]);
    expect(pod.tolerations).toEqual([{ key: 'batch', operator: 'Equal', value: 'true' }]);
  });

  test('wire names come from the Kubernetes schema (setHostnameAsFQDN, hostIP)', () => {
    const { pod } = podOf(undefined, {
      containers: [{ ...CONTAINER, ports: [{ number: 8080, hostIp: '127.0.0.1' }] }],
    });
    expect(pod.setHostnameAsFQDN).toBe(false);
    expect(pod.setHostnameAsFqdn).toBeUndefined();
    expect(pod.containers[0].ports[0].hostIP).toBe('127.0.0.1');
  });
});

describe('the dedicated ServiceAccount', () => {
  test("lives in the workload's namespace", () => {
    const { App, Chart } = require('cdk8s') as typeof import('cdk8s');
    const { Job } = require('../../src') as typeof import('../../src');
    const app = new App();
    const chart = new Chart(app, 'ns-test');
    new Job(chart, 'job', {
      metadata: { namespace: 'reports' },
      containers: [{ name: 'main', image: 'busybox:1.36.1' }],
    });
    const account = chart.toJson().find((o: { kind: string }) => o.kind === 'ServiceAccount');
    expect(account.metadata.namespace).toBe('reports');
  });
});

describe('imagePullPolicy: the API server default for the image, not cdk8s-plus Always', () => {
  const DIGEST = `registry.example/app@sha256:${'a'.repeat(64)}`;
  test.each([
    ['a tag', 'registry.example/app:1.4.2', 'IfNotPresent'],
    ['a digest', DIGEST, 'IfNotPresent'],
    ['a registry port and a tag', 'localhost:5000/app:2', 'IfNotPresent'],
    ['no tag', 'busybox', 'Always'],
    ['a registry port and no tag', 'localhost:5000/app', 'Always'],
    ['latest', 'busybox:latest', 'Always'],
  ])('an image with %s: %s', (_name, image, expected) => {
    const { pod } = podOf((job) => job.addInitContainer({ name: 'init', image }), {
      containers: [{ ...CONTAINER, image }],
    });
    expect(pod.containers[0].imagePullPolicy).toBe(expected);
    expect(pod.initContainers[0].imagePullPolicy).toBe(expected);
  });

  test('a policy given per container wins', () => {
    const { pod } = podOf(() => undefined, {
      containers: [{ ...CONTAINER, imagePullPolicy: kplus.ImagePullPolicy.ALWAYS }],
    });
    expect(pod.containers[0].imagePullPolicy).toBe('Always');
  });

  test('the CronJob and the Job share it', () => {
    const chart = chartIn();
    new CronJob(chart, 'nightly', { schedule: '0 3 * * *', containers: [CONTAINER], securityContext: { user: 1 } });
    const template = objectOf(chart, 'CronJob').spec.jobTemplate.spec.template;
    expect(template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });
});

describe('pod labels: the chart and the construct labels reach the pods, never a selector', () => {
  function labelled() {
    const chart = new Chart(quietApp(), 'shop', { labels: { 'app.kubernetes.io/part-of': 'shop' } });
    const job = new Job(chart, 'job', {
      metadata: { labels: { team: 'billing', 'kueue.x-k8s.io/queue-name': 'batch' } },
      podMetadata: { labels: { team: 'billing-pods' } },
      containers: [CONTAINER],
      securityContext: { user: 1000 },
    });
    job.metadata.addLabel('cost-center', '42');
    return { chart, job: objectOf(chart, 'Job') };
  }

  test('the pod template carries them, the pod own labels winning, labels added later included', () => {
    const { job } = labelled();
    expect(job.spec.template.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'shop',
      team: 'billing-pods',
      'cost-center': '42',
      'cdk8s.io/metadata.addr': expect.any(String),
    });
  });

  test('Kueue labels stay on the Job: on a pod they would ask Kueue to manage it a second time', () => {
    const { job } = labelled();
    expect(job.metadata.labels['kueue.x-k8s.io/queue-name']).toBe('batch');
    expect(job.spec.template.metadata.labels['kueue.x-k8s.io/queue-name']).toBeUndefined();
  });

  test('the Job has no selector: the API server generates it from the Job uid', () => {
    const { job } = labelled();
    expect(job.spec.selector).toBeUndefined();
    expect(job.spec.manualSelector).toBeUndefined();
  });

  test("a CronJob's pods carry them too", () => {
    const chart = new Chart(quietApp(), 'shop', { labels: { 'app.kubernetes.io/part-of': 'shop' } });
    new CronJob(chart, 'nightly', { schedule: '0 3 * * *', containers: [CONTAINER], securityContext: { user: 1 } });
    const cronJob = objectOf(chart, 'CronJob');
    expect(cronJob.spec.jobTemplate.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('shop');
    expect(cronJob.spec.jobTemplate.spec.selector).toBeUndefined();
  });
});
