/**
 * The construct rules as pure checks (one bad and one good input per rule, each bad one reported
 * under the rule's id at its field path), their policy and suppression through a construct, and
 * their place in the README's rule table.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ALL_CONSTRUCT_RULES } from '../../scripts/rule-table';
import { BatchPolicy, MigrationHookStyle, MigrationJob, RuleLevel } from '../../src';
import { BackupDestination } from '../../src/constructs/backup/backup-destination';
import { BackupSource, DatabaseEngine } from '../../src/constructs/backup/backup-source';
import { EmittedBackup } from '../../src/constructs/backup/backup-emitted-rules';
import { BackupPlan, RestorePlan } from '../../src/constructs/backup/backup-validation';
import { IndexFailurePolicy } from '../../src/constructs/indexed-batch/failure-policy';
import { IndexedBatchPlan } from '../../src/constructs/indexed-batch/indexed-batch-rules';
import { WorkItems } from '../../src/constructs/indexed-batch/work-items';
import { MigrationPlan } from '../../src/constructs/migration/migration-rules';
import { MonitoringPlan } from '../../src/constructs/monitoring/monitoring-rules';
import { QueueConnection } from '../../src/constructs/queue-worker/queue-connection';
import { QueueTrigger } from '../../src/constructs/queue-worker/queue-trigger';
import { QueueWorkerPlan } from '../../src/constructs/queue-worker/queue-worker-rules';
import { CleanupPlan } from '../../src/constructs/rbac/cleanup-rules';
import { AccessPlan } from '../../src/constructs/rbac/workload-access-rules';
import { AWS_ROLE_ARN_ANNOTATION } from '../../src/constructs/rbac/workload-identity-rules';
import { ALL_RULES } from '../../src/rules/registry';
import { checkConstructRules } from '../../src/rules/construct-rule';
import { parseKubernetesVersion } from '../../src/rules/kubernetes-version';
import { RuleOrigin } from '../../src/rules/rule';
import { JobTemplateObjectSpec, ParameterTarget } from '../../src/reconciler/template/job-template-object';
import { CONTAINER, quietApp, thrownMessage } from './helpers';

const secretIn = () => kplus.Secret.fromSecretName(new Chart(Testing.app(), 'c'), 's', 's');

const backup: BackupPlan = {
  source: BackupSource.command({ image: 'redis:7', command: ['redis-cli', '--rdb', '-'] })._spec,
  destination: BackupDestination.persistentVolumeClaim({ claimName: 'backups' })._spec,
  filePrefix: 'orders',
  containersGiven: false,
  writableTmp: true,
};
const restoreTarget = {
  host: 'db',
  database: 'scratch',
  user: 'u',
  passwordSecret: { secret: secretIn(), key: 'password' },
};
const restore: RestorePlan = {
  backupSource: BackupSource.postgres({ ...restoreTarget, database: 'orders' })._spec,
  target: BackupSource.postgres(restoreTarget)._spec,
  filePrefix: 'orders',
  containersGiven: false,
  writableTmp: true,
};
const migration: MigrationPlan = {
  hooked: true,
  hookStyle: MigrationHookStyle.ARGO_CD,
  annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
};
const backupPod = (containers: object[]) => ({
  spec: { jobTemplate: { spec: { template: { spec: { containers } } } } },
});
const emittedBackup: EmittedBackup = {
  manifest: backupPod([{ name: 'backup', command: ['/bin/sh', '-c', 'dump'], args: ['--exclude-table=audit'] }]),
  own: { containers: [{ name: 'backup', command: ['/bin/sh', '-c', 'dump'] }], initContainers: [] },
  dumpContainer: 'backup',
  engine: DatabaseEngine.POSTGRESQL,
};
const cleanup: CleanupPlan = { containersGiven: false, olderThanSeconds: 86400 };
const access: AccessPlan = { rules: [{ verbs: 1, resources: 1 }], cluster: false, hasServiceAccount: true };
const monitoring: MonitoringPlan = {
  missedIntervals: 1.5,
  labelSets: [{ prop: 'labels', keys: ['team'] }],
  alerts: [{ prop: 'jobFailed', name: 'BatchJobFailed', forSeconds: 0 }],
  workloadsGiven: false,
  chartPath: 'c',
  workloads: [{ path: 'c/job', alertable: true }],
};
const template = { spec: { containers: [{ name: 'task', command: ['run'] }] } };
const indexed: IndexedBatchPlan = {
  completions: 3,
  totalCountVariable: 'TOTAL_CHUNKS',
  failurePolicy: IndexFailurePolicy.standard(),
  perIndexProps: [],
  version: parseKubernetesVersion('1.28'),
  template,
  indexEnvironment: { completions: 3, totalVariable: 'TOTAL_CHUNKS' },
};
const redis = QueueTrigger.redisList({ listName: 'l', addressFromEnv: 'REDIS_ADDRESS' });
const scaledJob = (spec: object, env: object[]) => ({
  spec: {
    triggers: [{ type: 'redis', metadata: { addressFromEnv: 'REDIS_ADDRESS' } }],
    jobTargetRef: { template: { spec: { containers: [{ name: 'task', env }] } } },
    ...spec,
  },
});
const fromSecret = [{ name: 'REDIS_ADDRESS', valueFrom: { secretKeyRef: { name: 's', key: 'address' } } }];
const queue: QueueWorkerPlan = {
  queue: QueueConnection.fromSecret(secretIn(), { REDIS_ADDRESS: 'address' }),
  containers: [{ name: 'task' }],
  templatePath: 'spec.jobTargetRef.template',
  keda: { triggers: [redis], maxReplicaCount: 10 },
  manifest: scaledJob({}, fromSecret),
};

/** For each construct rule: a good input, a bad one, and the field the bad one is reported at. */
const jobTemplate: JobTemplateObjectSpec = {
  parameters: [{ name: 'BILLING_PERIOD', required: true, target: ParameterTarget.ENV }],
  job: {
    spec: { template: { spec: { containers: [{ name: 'generate', image: 'registry.example/invoice:1.0.0' }] } } },
  },
};

const CASES: Record<string, { good: unknown; bad: unknown; field: string }> = {
  'construct-render-failed': { good: undefined, bad: { error: new Error('no container') }, field: '(manifest)' },
  'policy-kubernetes-version-unsupported': {
    good: { kubernetesVersion: '1.30', levels: {}, knownRules: ALL_RULES },
    bad: { kubernetesVersion: '2.0', levels: {}, knownRules: ALL_RULES },
    field: 'kubernetesVersion',
  },
  'policy-rule-level-invalid': {
    good: { levels: { 'job-missing-ttl': 'off' }, knownRules: ALL_RULES },
    bad: { levels: { 'no-such-rule': 'off' }, knownRules: ALL_RULES },
    field: 'rules[no-such-rule]',
  },
  'backup-pod-settings-conflict': { good: backup, bad: { ...backup, writableTmp: false }, field: 'writableTmp' },
  'backup-file-name-unsafe': { good: backup, bad: { ...backup, filePrefix: '../x' }, field: 'filePrefix' },
  'backup-retention-invalid': {
    good: { ...backup, retentionDays: 14 },
    bad: { ...backup, retentionDays: 0 },
    field: 'retentionDays',
  },
  'backup-source-invalid': {
    good: backup,
    bad: { ...backup, source: BackupSource.command({ image: '', command: ['a'] })._spec },
    field: 'source.image',
  },
  'backup-database-wait-too-short': {
    good: { ...backup, waitTimeoutSeconds: 120 },
    bad: { ...backup, waitTimeoutSeconds: 2 },
    field: 'databaseWaitTimeout',
  },
  'backup-volume-invalid': {
    good: backup,
    bad: { ...backup, destination: BackupDestination.persistentVolumeClaim({ claimName: 'Backups_1' })._spec },
    field: 'destination.claimName',
  },
  'backup-s3-invalid': {
    good: { ...backup, destination: BackupDestination.s3({ bucket: 'b' })._spec },
    bad: { ...backup, destination: BackupDestination.s3({ bucket: 's3://b/x' })._spec },
    field: 'destination.bucket',
  },
  'backup-destination-shared': {
    good: backup,
    bad: {
      ...backup,
      sharedDestination: {
        target: { store: 'pvc /backups/', namePrefix: 'orders-', field: 'x' },
        others: ['billing/orders'],
      },
    },
    field: 'filePrefix',
  },
  'backup-restore-pod-settings-conflict': {
    good: restore,
    bad: { ...restore, containersGiven: true },
    field: 'containers',
  },
  'backup-restore-unsupported': {
    good: restore,
    bad: { ...restore, backupSource: backup.source },
    field: 'backup',
  },
  'backup-restore-target-invalid': {
    good: restore,
    bad: { ...restore, target: BackupSource.postgres({ ...restoreTarget, host: '' })._spec },
    field: 'target.host',
  },
  'backup-restore-name-invalid': {
    good: { ...restore, backupName: 'orders-20261206T030000Z.sql.gz' },
    bad: { ...restore, backupName: 'orders-latest.sql.gz' },
    field: 'backupName',
  },
  'workload-identity-invalid': {
    good: { annotationKey: AWS_ROLE_ARN_ANNOTATION, annotationValue: 'arn:aws:iam::123456789012:role/r' },
    bad: { annotationKey: AWS_ROLE_ARN_ANNOTATION, annotationValue: 'orders-backup' },
    field: 'identity',
  },
  'workload-identity-account-not-defined': {
    good: { annotationKey: AWS_ROLE_ARN_ANNOTATION, annotationValue: 'x' },
    bad: { annotationKey: AWS_ROLE_ARN_ANNOTATION, annotationValue: 'x', importedAccount: 'shared' },
    field: 'identity',
  },
  'indexed-batch-completions-invalid': {
    good: indexed,
    bad: { ...indexed, completions: 0 },
    field: 'spec.completions',
  },
  'indexed-batch-count-variable-invalid': {
    good: indexed,
    bad: { ...indexed, totalCountVariable: 'JOB_COMPLETION_INDEX' },
    field: 'totalCountVariable',
  },
  'indexed-batch-exit-code-in-two-presets': {
    good: indexed,
    bad: { ...indexed, failurePolicy: IndexFailurePolicy.standard().failOnBadInput([2]).countOnlyTransient([2]) },
    field: 'failurePolicy',
  },
  'indexed-batch-per-index-retries-unavailable': {
    good: { ...indexed, perIndexProps: ['retriesPerIndex'], version: parseKubernetesVersion('1.29') },
    bad: { ...indexed, perIndexProps: ['retriesPerIndex'] },
    field: 'retriesPerIndex',
  },
  'indexed-batch-work-items-invalid': {
    good: { ...indexed, workItems: WorkItems.list(['a', 'b', 'c']) },
    bad: { ...indexed, workItems: WorkItems.list(['a', 'b']) },
    field: 'workItems',
  },
  'indexed-batch-container-env-conflict': {
    good: indexed,
    bad: { ...indexed, template: { spec: { containers: [{ name: 'task', env: [{ name: 'TOTAL_CHUNKS' }] }] } } },
    field: 'spec.template.spec.containers[0].env',
  },
  'queue-connection-invalid': {
    good: queue,
    bad: { ...queue, queue: QueueConnection.fromSecret(secretIn(), {}) },
    field: 'queue',
  },
  'queue-worker-env-conflict': {
    good: queue,
    bad: { ...queue, containers: [{ name: 'task', env: [{ name: 'REDIS_ADDRESS' }] }] },
    field: 'spec.jobTargetRef.template.spec.containers[0].env[0]',
  },
  'keda-trigger-invalid': {
    good: queue,
    bad: { ...queue, keda: { ...queue.keda, triggers: [] } },
    field: 'keda.triggers',
  },
  'keda-scaling-invalid': {
    good: queue,
    bad: { ...queue, keda: { ...queue.keda, maxReplicaCount: 0 } },
    field: 'keda.maxReplicaCount',
  },
  'keda-env-source-missing': {
    good: queue,
    bad: { ...queue, manifest: scaledJob({ envSourceContainerName: 'nope' }, fromSecret) },
    field: 'spec.envSourceContainerName',
  },
  'queue-connection-not-from-secret': {
    good: queue,
    bad: { ...queue, manifest: scaledJob({}, [{ name: 'REDIS_ADDRESS', value: 'redis:6379' }]) },
    field: 'spec.jobTargetRef.template.spec.containers[0].env[0]',
  },
  'migration-hook-annotations-changed': {
    good: migration,
    bad: { ...migration, annotations: { 'argocd.argoproj.io/hook': 'Sync' } },
    field: 'metadata.annotations[argocd.argoproj.io/hook]',
  },
  'construct-kind-changed': {
    good: { own: { apiVersion: 'batch/v1', kind: 'Job' }, emitted: { apiVersion: 'batch/v1', kind: 'Job' } },
    bad: { own: { apiVersion: 'batch/v1', kind: 'Job' }, emitted: { apiVersion: 'batch/v1', kind: 'Pod' } },
    field: 'kind',
  },
  'backup-containers-changed': {
    good: emittedBackup,
    bad: {
      ...emittedBackup,
      manifest: backupPod([
        { name: 'backup', command: ['/bin/sh', '-c', 'dump'] },
        { name: 'sidecar', command: ['sleep', 'infinity'] },
      ]),
    },
    field: 'spec.jobTemplate.spec.template.spec.containers[1]',
  },
  'backup-dump-args-unsafe': {
    good: emittedBackup,
    bad: {
      ...emittedBackup,
      manifest: backupPod([{ name: 'backup', command: ['/bin/sh', '-c', 'dump'], args: ['--file=/tmp/x.sql'] }]),
    },
    field: 'spec.jobTemplate.spec.template.spec.containers[0].args[0]',
  },
  'migration-hook-setting-without-hook': {
    good: { ...migration, hookOrder: 1 },
    bad: { hooked: false, hookOrder: 1 },
    field: 'hookOrder',
  },
  'migration-hook-delete-policies-empty': {
    good: { ...migration, hookDeletePolicies: ['BeforeHookCreation'] },
    bad: { ...migration, hookDeletePolicies: [] },
    field: 'hookDeletePolicies',
  },
  'migration-hook-order-invalid': {
    good: { ...migration, hookOrder: -1 },
    bad: { ...migration, hookOrder: 1.5 },
    field: 'hookOrder',
  },
  'migration-parallel-pods': {
    good: { ...migration, parallelism: 1 },
    bad: { ...migration, parallelism: 2 },
    field: 'spec.parallelism',
  },
  'migration-hook-ttl-too-short': {
    good: { ...migration, ttlSeconds: 600 },
    bad: { ...migration, ttlSeconds: 0 },
    field: 'spec.ttlSecondsAfterFinished',
  },
  'cleanup-pod-settings-conflict': {
    good: cleanup,
    bad: { ...cleanup, automountServiceAccountToken: false },
    field: 'automountServiceAccountToken',
  },
  'cleanup-older-than-too-short': { good: cleanup, bad: { ...cleanup, olderThanSeconds: 10 }, field: 'olderThan' },
  'cleanup-target-invalid': {
    good: { ...cleanup, selector: { 'app.kubernetes.io/part-of': 'shop' } },
    bad: { ...cleanup, namespace: 'Shop' },
    field: 'namespace',
  },
  'workload-access-grants-nothing': { good: access, bad: { ...access, rules: [] }, field: 'rules' },
  'workload-access-default-service-account': {
    good: access,
    bad: { ...access, hasServiceAccount: false },
    field: 'serviceAccount',
  },
  'workload-access-subject-namespace-unknown': {
    good: { ...access, cluster: true, workloadNamespace: 'shop' },
    bad: { ...access, cluster: true },
    field: 'namespace',
  },
  'workload-access-namespace-ignored': {
    good: { ...access, cluster: true, workloadNamespace: 'shop' },
    bad: { ...access, cluster: true, workloadNamespace: 'shop', namespace: 'shop' },
    field: 'namespace',
  },
  'monitoring-missed-intervals-too-low': {
    good: monitoring,
    bad: { ...monitoring, missedIntervals: 0.5 },
    field: 'missedIntervals',
  },
  'monitoring-label-invalid': {
    good: monitoring,
    bad: { ...monitoring, labelSets: [{ prop: 'jobFailed.labels', keys: ['team-name'] }] },
    field: 'jobFailed.labels',
  },
  'monitoring-severity-label': {
    good: monitoring,
    bad: { ...monitoring, labelSets: [{ prop: 'labels', keys: ['severity'] }] },
    field: 'labels',
  },
  'monitoring-alert-invalid': {
    good: monitoring,
    bad: { ...monitoring, alerts: [{ prop: 'jobFailed', name: '1bad', forSeconds: 0 }] },
    field: 'jobFailed.alertName',
  },
  'monitoring-workloads-missing': { good: monitoring, bad: { ...monitoring, workloads: [] }, field: 'workloads' },
  'job-template-parameter-invalid': {
    good: jobTemplate,
    bad: { ...jobTemplate, parameters: [{ name: 'billing-period', target: ParameterTarget.ARGUMENT }] },
    field: 'spec.parameters[0].name',
  },
  'job-template-access-subject-invalid': {
    good: { subjects: [{ kind: 'Group', name: 'invoice-launchers' }] },
    bad: { subjects: [] },
    field: 'subjects',
  },
};

const scheduledJobIds = ALL_CONSTRUCT_RULES.filter((r) => r.constructs.includes('ScheduledJob')).map((r) => r.id);

describe('every construct rule reports a bad input at its field path and passes a good one', () => {
  test('the cases cover every rule of constructs/ (ScheduledJob has its own tests)', () => {
    const ids = ALL_CONSTRUCT_RULES.map((r) => r.id).filter((id) => !scheduledJobIds.includes(id));
    expect(Object.keys(CASES).sort()).toEqual(ids.sort());
  });

  test.each(ALL_CONSTRUCT_RULES.filter((r) => !scheduledJobIds.includes(r.id)).map((r) => [r.id, r] as const))(
    '%s',
    (id, rule) => {
      const { good, bad, field } = CASES[id];
      const findings = checkConstructRules([rule], bad as never, { levels: {} });
      expect(findings.map((f) => [f.rule, f.field])).toContainEqual([id, field]);
      for (const f of findings) expect(f.fix).not.toBe('');
      if (good !== undefined) expect(checkConstructRules([rule], good as never, { levels: {} })).toEqual([]);
    },
  );
});

describe('construct rules in the README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  test('every id a construct can report is a row of the rule table, with its default', () => {
    for (const rule of ALL_CONSTRUCT_RULES) {
      const level = rule.origin === RuleOrigin.CONSTRUCT ? 'error' : 'error, suppressible';
      expect(readme).toContain(`| \`${rule.id}\` | ${rule.constructs.join(', ')} | any | ${level} |`);
    }
  });
});

describe('a best-practice construct rule is an error that the policy or a suppression can lower', () => {
  const build = (app = quietApp(), suppress = false) => {
    const chart = new Chart(app, 'test');
    const job = new MigrationJob(chart, 'migrate', {
      hookStyle: MigrationHookStyle.NONE,
      containers: [CONTAINER],
      parallelism: 2,
    });
    if (suppress) job.suppressRule('migration-parallel-pods', 'the migration takes a database lock');
    return chart;
  };

  test('by default it fails the synth, naming the rule and the field', () => {
    expect(thrownMessage(() => Testing.synth(build()))).toMatch(
      /\[test\/migrate\] spec\.parallelism: 2 pods would run the migration at the same time.* \[migration-parallel-pods\] Fix: /,
    );
  });

  test('suppressRule with a reason suppresses it, and the suppression is not reported as unknown', () => {
    const app = quietApp({ printWarnings: true });
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(thrownMessage(() => Testing.synth(build(app, true)))).toBeUndefined();
      expect(written.mock.calls.join('')).not.toMatch(/suppression-unknown-rule|migration-parallel-pods/);
    } finally {
      written.mockRestore();
    }
  });

  test('a BatchPolicy turns it off, or lowers it to a printed warning', () => {
    expect(
      thrownMessage(() => Testing.synth(build(quietApp({ rules: { 'migration-parallel-pods': RuleLevel.OFF } })))),
    ).toBeUndefined();
    const app = quietApp({ printWarnings: true, rules: { 'migration-parallel-pods': RuleLevel.WARNING } });
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(thrownMessage(() => Testing.synth(build(app)))).toBeUndefined();
      expect(written.mock.calls.join('')).toMatch(
        /cdk8s-batch warning: \[test\/migrate\] spec\.parallelism: .*\[migration-parallel-pods\]/,
      );
    } finally {
      written.mockRestore();
    }
  });

  test('a rule for what cannot work cannot be lowered by the policy', () => {
    const app = Testing.app();
    new BatchPolicy(app, { printWarnings: false, rules: { 'migration-hook-order-invalid': RuleLevel.OFF } });
    expect(thrownMessage(() => app.synth())).toMatch(
      /\[BatchPolicy\] rules\[migration-hook-order-invalid\]: .*reports what cannot work and is always an error\. \[policy-rule-level-invalid\]/,
    );
  });
});
