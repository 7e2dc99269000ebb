/** MigrationJob: hook annotations per style, migration defaults, naming, overrides and props mistakes. */
import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import { EnvValue, Secret } from 'cdk8s-plus-28';
import {
  HookDeletePolicy,
  MigrationHookStyle,
  MigrationJob,
  MigrationJobNaming,
  MigrationJobProps,
  PodFailurePolicyRules,
} from '../../../src';
import { migrationJobName } from '../../../src/constructs/migration/job-name';
import { findingsOf, quietApp, thrownMessage } from '../helpers';

const MIGRATE = { name: 'migrate', image: 'registry.example/orders-migrations:4.2.0', args: ['migrate', 'up'] };

function jobOf(props: Partial<MigrationJobProps> = {}, id = 'migrate', chartId = 'test') {
  const chart = new Chart(quietApp(), chartId);
  new MigrationJob(chart, id, {
    hookStyle: MigrationHookStyle.ARGO_CD,
    containers: [MIGRATE],
    securityContext: { user: 10001 },
    ...props,
  });
  return Testing.synth(chart).find((o) => o.kind === 'Job');
}

function errorOf(props: Partial<MigrationJobProps>): string {
  const chart = new Chart(quietApp(), 'test');
  new MigrationJob(chart, 'migrate', {
    hookStyle: MigrationHookStyle.ARGO_CD,
    containers: [MIGRATE],
    securityContext: { user: 10001 },
    ...props,
  });
  return thrownMessage(() => Testing.synth(chart)) ?? '';
}

describe('MigrationJob defaults', () => {
  const job = jobOf();

  test('Argo CD: a PreSync hook deleted before the next one is created', () => {
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
  });

  test('no retry: backoffLimit 0, and disruptions do not count as failures', () => {
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.podFailurePolicy).toEqual({
      rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }],
    });
  });

  test("the base Job's deadline and TTL; one pod", () => {
    expect(job.spec.activeDeadlineSeconds).toBe(3600);
    expect(job.spec.ttlSecondsAfterFinished).toBe(3 * 86400);
    expect(job.spec.completions).toBeUndefined();
    expect(job.spec.parallelism).toBeUndefined();
  });

  test("a stable name with a hook: cdk8s's name for the construct path, the same on every synth", () => {
    expect(job.metadata.name).toMatch(/^test-migrate-c8[0-9a-f]{6}$/);
    expect(jobOf().metadata.name).toBe(job.metadata.name);
  });

  test('no findings at all (PSS restricted, TTL, deadline, resources)', () => {
    expect(findingsOf(job)).toEqual([]);
  });
});

describe('MigrationJob hook styles', () => {
  test("Helm: pre-install,pre-upgrade with Helm's spelling of the delete policies and the weight", () => {
    const job = jobOf({
      hookStyle: MigrationHookStyle.HELM,
      hookDeletePolicies: [HookDeletePolicy.BEFORE_HOOK_CREATION, HookDeletePolicy.HOOK_SUCCEEDED],
      hookOrder: -5,
    });
    expect(job.metadata.annotations).toEqual({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
      'helm.sh/hook-weight': '-5',
    });
  });

  test('Argo CD with a sync wave and a repeated policy (written once)', () => {
    const job = jobOf({
      hookOrder: 2,
      hookDeletePolicies: [HookDeletePolicy.HOOK_SUCCEEDED, HookDeletePolicy.HOOK_SUCCEEDED],
    });
    expect(job.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded',
      'argocd.argoproj.io/sync-wave': '2',
    });
  });

  test('none: no annotations, and a content-hashed name', () => {
    const job = jobOf({ hookStyle: MigrationHookStyle.NONE });
    expect(job.metadata.annotations).toBeUndefined();
    expect(job.metadata.name).toMatch(/^migrate-[0-9a-f]{10}$/);
    expect(findingsOf(job)).toEqual([]);
  });

  test("the user's own annotations win over the hook defaults", () => {
    const job = jobOf({ metadata: { annotations: { 'argocd.argoproj.io/hook': 'PreSync,SyncFail', team: 'orders' } } });
    expect(job.metadata.annotations).toMatchObject({
      'argocd.argoproj.io/hook': 'PreSync,SyncFail',
      team: 'orders',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    });
  });
});

describe('MigrationJob naming', () => {
  const hashed = (props: Partial<MigrationJobProps> = {}, id = 'migrate', chartId = 'test') =>
    jobOf({ hookStyle: MigrationHookStyle.NONE, ...props }, id, chartId).metadata.name;

  test('the same migration keeps its name; a changed image, argument or env value gets a new one', () => {
    const name = hashed();
    expect(hashed()).toBe(name);
    expect(hashed({ containers: [{ ...MIGRATE, image: 'registry.example/orders-migrations:4.3.0' }] })).not.toBe(name);
    expect(hashed({ containers: [{ ...MIGRATE, args: ['migrate', 'down'] }] })).not.toBe(name);
    expect(hashed({ containers: [{ ...MIGRATE, envVariables: { TARGET: EnvValue.fromValue('42') } }] })).not.toBe(
      hashed({ containers: [{ ...MIGRATE, envVariables: { TARGET: EnvValue.fromValue('43') } }] }),
    );
  });

  test('the same migration in two charts gets two names', () => {
    expect(hashed({}, 'migrate', 'a')).not.toBe(hashed({}, 'migrate', 'b'));
  });

  test('metadata.name is the base of a hashed name, and the exact name of a stable one', () => {
    expect(hashed({ metadata: { name: 'orders-migrate' } })).toMatch(/^orders-migrate-[0-9a-f]{10}$/);
    expect(jobOf({ metadata: { name: 'orders-migrate' } }).metadata.name).toBe('orders-migrate');
    expect(jobOf({ naming: MigrationJobNaming.CONTENT_HASH }).metadata.name).toMatch(/^migrate-[0-9a-f]{10}$/);
  });

  test('a long or odd base is cut to a 63-character DNS label', () => {
    const name = migrationJobName(`Orders_${'x'.repeat(80)}`, 'p', []);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^orders-x+-[0-9a-f]{10}$/);
    expect(migrationJobName('---', 'p', [])).toMatch(/^migration-[0-9a-f]{10}$/);
  });
});

describe('MigrationJob overrides', () => {
  test('backoffLimit, pod failure policy, deadline and TTL', () => {
    const job = jobOf({
      backoffLimit: 1,
      podFailurePolicy: [PodFailurePolicyRules.failJobOnExitCodes([3])],
      activeDeadline: Duration.hours(4),
      ttlAfterFinished: Duration.days(1),
    });
    expect(job.spec).toMatchObject({
      backoffLimit: 1,
      activeDeadlineSeconds: 4 * 3600,
      ttlSecondsAfterFinished: 86400,
    });
    expect(job.spec.podFailurePolicy.rules).toEqual([
      { action: 'FailJob', onExitCodes: { operator: 'In', values: [3] } },
    ]);
  });

  test('ignoreDisruptions: false leaves podFailurePolicy out (Kubernetes 1.25)', () => {
    expect(jobOf({ ignoreDisruptions: false }).spec.podFailurePolicy).toBeUndefined();
  });
});

describe('MigrationJob props mistakes are synth errors naming the prop', () => {
  test.each<[string, Partial<MigrationJobProps>, RegExp]>([
    [
      'delete policies without a hook',
      { hookStyle: MigrationHookStyle.NONE, hookDeletePolicies: [HookDeletePolicy.HOOK_SUCCEEDED] },
      /\[test\/migrate\] hookDeletePolicies: without a hook style/,
    ],
    [
      'an order without a hook',
      { hookStyle: MigrationHookStyle.NONE, hookOrder: 1 },
      /hookOrder: without a hook style/,
    ],
    ['an empty delete policy list', { hookDeletePolicies: [] }, /hookDeletePolicies: an empty list/],
    ['a fractional order', { hookOrder: 1.5 }, /hookOrder: 1\.5 is not a whole number/],
    ['two pods', { parallelism: 2 }, /parallelism: 2 pods would run the migration at the same time/],
    ['two completions', { completions: 3 }, /completions: 3 pods/],
    [
      'a TTL the hook tool may miss',
      { ttlAfterFinished: Duration.seconds(0) },
      /spec\.ttlSecondsAfterFinished: 0 s can delete the Job before the hook tool has seen it finish.* \[migration-hook-ttl-too-short\] Fix: /,
    ],
  ])('%s', (_name, props, expected) => {
    const message = errorOf(props);
    expect(message).toMatch(expected);
    expect(message).toMatch(/Fix: /);
  });

  test('a short TTL is fine without a hook, and the good props pass', () => {
    expect(errorOf({ hookStyle: MigrationHookStyle.NONE, ttlAfterFinished: Duration.seconds(60) })).toBe('');
    expect(errorOf({})).toBe('');
  });
});

describe('MigrationJob promises are checked on the emitted Job', () => {
  function migrationIn(props: Partial<MigrationJobProps> = {}) {
    const chart = new Chart(quietApp(), 'test');
    const job = new MigrationJob(chart, 'migrate', {
      hookStyle: MigrationHookStyle.ARGO_CD,
      containers: [MIGRATE],
      securityContext: { user: 10001 },
      ...props,
    });
    return { chart, job };
  }

  test('an annotation added after construction that takes the Job out of PreSync is an error', () => {
    const { chart, job } = migrationIn();
    job.metadata.addAnnotation('argocd.argoproj.io/hook', 'Sync');
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[test\/migrate\] metadata\.annotations\[argocd\.argoproj\.io\/hook\]: .*"Sync", without PreSync.* \[migration-hook-annotations-changed\] Fix: /,
    );
  });

  test('a JSON patch that removes the Helm hook is an error', () => {
    const { chart, job } = migrationIn({ hookStyle: MigrationHookStyle.HELM });
    ApiObject.of(job).addJsonPatch(JsonPatch.remove('/metadata/annotations/helm.sh~1hook'));
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /metadata\.annotations\[helm\.sh\/hook\]: .* is missing, without pre-install and pre-upgrade.*\[migration-hook-annotations-changed\]/,
    );
  });

  test('a hook annotation on a migration without a hook style is an error', () => {
    const { chart, job } = migrationIn({ hookStyle: MigrationHookStyle.NONE });
    job.metadata.addAnnotation('helm.sh/hook', 'pre-upgrade');
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /metadata\.annotations\[helm\.sh\/hook\]: hookStyle is NONE.*\[migration-hook-annotations-changed\] Fix: set hookStyle to HELM/,
    );
  });

  test('a database password in plain text, added after construction, is an error', () => {
    const { chart, job } = migrationIn();
    job.containers[0].env.addVariable(
      'DATABASE_URL',
      EnvValue.fromValue('postgresql://owner:hunter2@db.shop.svc/orders'),
    );
    const message = thrownMessage(() => Testing.synth(chart)) ?? '';
    expect(message).toMatch(
      /\[test\/migrate\] spec\.template\.spec\.containers\[0\]\.env\[0\]\.value: .*a URL with a password.*\[container-env-secret-literal\] Fix: /,
    );
    expect(message).not.toContain('hunter2');
  });

  test('the same password from a Secret, and the hook left alone, pass', () => {
    const { chart, job } = migrationIn();
    job.containers[0].env.addVariable(
      'DATABASE_URL',
      EnvValue.fromSecretValue({ secret: Secret.fromSecretName(chart, 'db', 'orders-db'), key: 'url' }),
    );
    job.metadata.addAnnotation('argocd.argoproj.io/sync-wave', '-1');
    expect(thrownMessage(() => Testing.synth(chart))).toBeUndefined();
  });
});
