import { Chart, Testing } from 'cdk8s';
import { BatchPolicy, CompletionMode, CronJob, Job } from '../../src';
import { GitOpsTool } from '../../src/constructs/gitops';
import { DEFAULT_KUBERNETES_VERSION } from '../../src/rules/kubernetes-version';
import { RuleLevel } from '../../src/rules/policy';
import { CONTAINER, RESOURCES, chartIn, objectOf, quietApp, thrownMessage } from './helpers';

const POD = { containers: [CONTAINER], securityContext: { user: 1000 } };

describe('BatchPolicy.of', () => {
  test('defaults without any policy: the oldest release upstream supports (DEFAULT_KUBERNETES_VERSION)', () => {
    expect(BatchPolicy.of(new Chart(Testing.app(), 'c'))).toEqual({
      kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
      rules: {},
      containerResources: undefined,
      printWarnings: true,
      gitOpsTool: GitOpsTool.NONE,
    });
  });

  test('the nearest policy wins field by field; rule levels merge', () => {
    const app = Testing.app();
    new BatchPolicy(app, {
      kubernetesVersion: '1.29',
      rules: { 'job-missing-ttl': RuleLevel.ERROR, 'cronjob-suspended': RuleLevel.OFF },
      printWarnings: false,
      gitOpsTool: GitOpsTool.FLUX,
    });
    const chart = new Chart(app, 'chart');
    new BatchPolicy(chart, {
      kubernetesVersion: '1.31',
      rules: { 'job-missing-ttl': RuleLevel.OFF },
      containerResources: RESOURCES,
    });
    const job = new Job(chart, 'job', POD);
    expect(BatchPolicy.of(job)).toEqual({
      kubernetesVersion: '1.31',
      rules: { 'job-missing-ttl': RuleLevel.OFF, 'cronjob-suspended': RuleLevel.OFF },
      containerResources: RESOURCES,
      printWarnings: false,
      gitOpsTool: GitOpsTool.FLUX,
    });
    expect(BatchPolicy.of(app).kubernetesVersion).toBe('1.29');
  });

  test('a policy declared after the constructs still applies (it is read at synth time)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'chart');
    new Job(chart, 'job', POD);
    new BatchPolicy(chart, { containerResources: RESOURCES, printWarnings: false });
    expect(objectOf(chart, 'Job').spec.template.spec.containers[0].resources.requests.cpu).toBe('100m');
  });
});

describe('the policy drives validation', () => {
  const indexedPerIndex = { ...POD, completionMode: CompletionMode.INDEXED, completions: 4, backoffLimitPerIndex: 1 };

  test('a field newer than the target release is an error naming the version', () => {
    const chart = chartIn(quietApp({ kubernetesVersion: '1.28' }));
    new Job(chart, 'job', indexedPerIndex);
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/job\] spec\.backoffLimitPerIndex: .*1\.29.* \[field-unavailable-in-version\]/,
    );
  });

  test('the same Job passes when the chart targets 1.29, and by default', () => {
    const byDefault = chartIn();
    new Job(byDefault, 'job', indexedPerIndex);
    expect(objectOf(byDefault, 'Job').spec.backoffLimitPerIndex).toBe(1);
    const chart = chartIn(quietApp({ kubernetesVersion: '1.29' }));
    new Job(chart, 'job', indexedPerIndex);
    expect(objectOf(chart, 'Job').spec.backoffLimitPerIndex).toBe(1);
  });

  test('a best-practice rule raised to error fails the synth', () => {
    const chart = chartIn(quietApp({ rules: { 'container-image-not-pinned': RuleLevel.ERROR } }));
    new Job(chart, 'job', { ...POD, containers: [{ image: 'busybox' }] });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/job\] spec\.template\.spec\.containers\[0\]\.image: .* \[container-image-not-pinned\] Fix: /,
    );
  });

  test('API-server errors ignore the policy', () => {
    const chart = chartIn(quietApp({ rules: { 'cronjob-suspended': RuleLevel.OFF } }));
    new CronJob(chart, 'cron', { ...POD, schedule: 'not a schedule' });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(/\[cronjob-schedule-invalid\]/);
  });
});

describe('policy mistakes are synth errors at the policy', () => {
  test('an unsupported release, an unknown rule id and an API-server rule level, all listed', () => {
    const app = Testing.app();
    new BatchPolicy(app, {
      kubernetesVersion: '2.0',
      rules: { 'no-such-rule': RuleLevel.OFF, 'cronjob-name-too-long': RuleLevel.WARNING },
    });
    const chart = new Chart(app, 'chart');
    new Job(chart, 'job', POD);
    const message = thrownMessage(() => app.synth())!;
    expect(message).toContain(
      '[BatchPolicy] kubernetesVersion: "2.0" is not a supported Kubernetes release. [policy-kubernetes-version-unsupported] Fix: ',
    );
    expect(message).toContain(
      '[BatchPolicy] rules[no-such-rule]: "no-such-rule" is not a cdk8s-batch rule id. [policy-rule-level-invalid] Fix: ',
    );
    expect(message).toContain(
      '[BatchPolicy] rules[cronjob-name-too-long]: "cronjob-name-too-long" is enforced by the API server and is always an error. [policy-rule-level-invalid] Fix: ',
    );
    // The Job itself is not validated against an unknown release (and does not crash).
    expect(message).not.toContain('[chart/job]');
  });

  test('a newer release than the library knows synthesises, with a one-line note naming what is checked', () => {
    const app = Testing.app();
    new BatchPolicy(app, { kubernetesVersion: '1.38', containerResources: RESOURCES });
    const chart = new Chart(app, 'chart');
    new Job(chart, 'job', POD);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      app.synth();
      const notes = stderr.mock.calls.map(([text]) => String(text)).filter((t) => t.includes('note'));
      expect(notes).toEqual([
        'cdk8s-batch note: [BatchPolicy] Kubernetes 1.38 is newer than the newest release cdk8s-batch knows; checking with the rules of 1.37.\n',
      ]);
    } finally {
      stderr.mockRestore();
    }
  });

  test('one policy per scope', () => {
    const app = Testing.app();
    new BatchPolicy(app);
    expect(thrownMessage(() => new BatchPolicy(app))).toMatch(/BatchPolicy/);
  });
});
