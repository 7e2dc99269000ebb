/**
 * CleanupCronJob: the narrowest grant (list and delete Jobs in one namespace), the token it needs
 * with the suppression reason, its defaults and overrides, its props mistakes, and its script
 * executed under every installed shell against a recording kubectl stub.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { CleanupCronJob, CleanupCronJobProps, Schedule } from '../../../src';
import { TOKEN_SUPPRESSION_REASON } from '../../../src/constructs/rbac/cleanup-cron-job';
import { findingsOf, quietApp, thrownMessage } from '../helpers';
import { installedShells, podSpecOf, runPod, scriptsOf, syntaxError } from '../backup/pod-runner';

const SHELLS = installedShells();

function build(props: Partial<CleanupCronJobProps> = {}, metadata: { namespace?: string } = { namespace: 'batch' }) {
  const chart = new Chart(quietApp(), 'test');
  new CleanupCronJob(chart, 'cleanup', { schedule: Schedule.hashed('H * * * *'), metadata, ...props });
  return chart;
}

function synthOf(props: Partial<CleanupCronJobProps> = {}, metadata?: { namespace?: string }) {
  const objects = Testing.synth(build(props, metadata));
  const cron = objects.find((o) => o.kind === 'CronJob');
  return { objects, cron, pod: cron.spec.jobTemplate.spec.template.spec };
}

const envOf = (container: any) =>
  Object.fromEntries((container.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('CleanupCronJob grants exactly what it needs', () => {
  const { objects, pod } = synthOf();

  test('a Role in its namespace with list and delete on jobs, and nothing else', () => {
    const roles = objects.filter((o) => o.kind === 'Role');
    expect(roles).toHaveLength(1);
    expect(roles[0].metadata.namespace).toBe('batch');
    expect(roles[0].rules).toEqual([{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['list', 'delete'] }]);
  });

  test('no permission on pods (the garbage collector deletes them) and nothing cluster-wide', () => {
    expect(JSON.stringify(objects.filter((o) => o.kind === 'Role'))).not.toContain('pods');
    expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toEqual([]);
  });

  test('bound to its own ServiceAccount, whose token the pod mounts', () => {
    const account = objects.find((o) => o.kind === 'ServiceAccount');
    const binding = objects.find((o) => o.kind === 'RoleBinding');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: account.metadata.name, namespace: 'batch' }]);
    expect(pod.serviceAccountName).toBe(account.metadata.name);
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  test('the token warning is suppressed with its reason in the manifest', () => {
    const { cron } = synthOf();
    expect(cron.metadata.annotations['cdk8s-batch.io/suppress-pod-service-account-token-mounted']).toBe(
      TOKEN_SUPPRESSION_REASON,
    );
  });

  test('the kubectl calls in the script are the granted ones: get (list) and delete of jobs, in the background, without waiting', () => {
    const script = pod.containers[0].command[2];
    expect(script.match(/kubectl \w+/g)).toEqual(['kubectl get', 'kubectl delete']);
    expect(script).toContain('kubectl get jobs');
    expect(script).toContain(
      'kubectl delete job "$job" --namespace "$CLEANUP_NAMESPACE" --cascade=background --wait=false',
    );
  });
});

describe('CleanupCronJob defaults', () => {
  const { cron, pod } = synthOf();

  test('one pinned kubectl container, run as nobody, with the namespace from the downward API and a one-day age', () => {
    expect(pod.containers.map((c: any) => [c.name, c.image])).toEqual([['cleanup', 'alpine/kubectl:1.34.1']]);
    expect(pod.securityContext).toMatchObject({ runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true });
    expect(envOf(pod.containers[0])).toEqual({
      CLEANUP_MAX_AGE_SECONDS: '86400',
      CLEANUP_NAMESPACE: { fieldRef: { fieldPath: 'metadata.namespace' } },
      CLEANUP_WORK_DIR: '/tmp',
      HOME: '/tmp',
    });
  });

  test('the CronJob defaults apply to the hourly, spread schedule', () => {
    expect(cron.spec.schedule).toMatch(/^\d+ \* \* \* \*$/);
    expect(cron.spec).toMatchObject({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 1800 });
    expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(3600);
  });

  test('no findings at all: the token rule is suppressed with a reason, everything else passes', () => {
    expect(findingsOf(cron)).toEqual([]);
  });
});

describe('CleanupCronJob overrides', () => {
  test('age, selector (in key order), namespace, image and resources', () => {
    const resources = {
      cpu: { request: Cpu.millis(20) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
    };
    const { objects, pod } = synthOf({
      olderThan: Duration.hours(6),
      selector: { tier: 'batch', 'app.kubernetes.io/part-of': 'reports' },
      namespace: 'reports',
      image: 'alpine/kubectl:1.31.4',
      resources,
    });
    const [container] = pod.containers;
    expect(container.image).toBe('alpine/kubectl:1.31.4');
    expect(container.resources).toEqual({ limits: { memory: '64Mi' }, requests: { cpu: '20m', memory: '32Mi' } });
    expect(envOf(container)).toMatchObject({
      CLEANUP_MAX_AGE_SECONDS: '21600',
      CLEANUP_NAMESPACE: 'reports',
      CLEANUP_SELECTOR: 'app.kubernetes.io/part-of=reports,tier=batch',
    });
    expect(container.command[2]).toContain('--selector "$CLEANUP_SELECTOR"');
    expect(objects.find((o) => o.kind === 'Role').metadata.namespace).toBe('reports');
    expect(objects.find((o) => o.kind === 'RoleBinding').subjects[0].namespace).toBe('batch');
  });
});

describe('CleanupCronJob props mistakes are synth errors naming the prop', () => {
  test.each<[string, Partial<CleanupCronJobProps>, RegExp]>([
    [
      'containers',
      { containers: [{ image: 'busybox:1.36.1' }] },
      /\[test\/cleanup\] containers: a CleanupCronJob makes its own container/,
    ],
    [
      'no token',
      { automountServiceAccountToken: false },
      /automountServiceAccountToken: without the token kubectl cannot reach the API server/,
    ],
    ['no /tmp', { writableTmp: false }, /writableTmp: /],
    ['a zero age', { olderThan: Duration.seconds(0) }, /olderThan: 0 s would delete Jobs as they finish/],
    ['a bad selector key', { selector: { 'bad key': 'x' } }, /selector\[bad key\]: "bad key" is not a label key/],
    [
      'a hostile selector value',
      { selector: { app: 'x,evil=1 --all-namespaces' } },
      /selector\[app\]: .* is not a label value/,
    ],
    ['a bad namespace', { namespace: 'Reports' }, /namespace: "Reports" is not a namespace name/],
    ['an empty image', { image: ' ' }, /image: the image is empty/],
  ])('%s', (_name, props, expected) => {
    const message = thrownMessage(() => Testing.synth(build(props))) ?? '';
    expect(message).toMatch(expected);
    expect(message).toMatch(/Fix: /);
  });

  test("another namespace needs the CronJob's own namespace for the RoleBinding's subject", () => {
    expect(thrownMessage(() => Testing.synth(build({ namespace: 'reports' }, {})))).toMatch(
      /\[test\/cleanup\/Access\] namespace: the RoleBinding in "reports" must name/,
    );
  });

  test('the good props pass', () => {
    expect(thrownMessage(() => Testing.synth(build({ selector: { app: 'reports' } })))).toBeUndefined();
  });
});

describe('the cleanup script', () => {
  const withSelector = podSpecOf(synthOf({ selector: { app: 'reports' } }).cron);
  const withoutSelector = podSpecOf(synthOf().cron);

  test.each(
    SHELLS.flatMap((shell) =>
      [withSelector, withoutSelector].map(
        (pod, i) => [shell.join(' '), i === 0 ? 'with a selector' : 'without', shell, pod] as const,
      ),
    ),
  )('parses with %s (%s)', (_name, _variant, shell, pod) => {
    for (const script of scriptsOf(pod).values()) expect(syntaxError(shell, script)).toBeUndefined();
  });

  const HOSTILE_NAME = '$(touch pwned)';
  /** `name<TAB>conditions<TAB>completionTime<TAB>owner kinds`, as the script's jsonpath prints it. */
  const LISTING = [
    'old-succeeded\tComplete=2020-01-01T00:00:00Z SuccessCriteriaMet=2020-01-01T00:00:00Z \t2020-01-01T00:00:00Z\t',
    'old-failed\tFailureTarget=2020-01-01T00:00:00Z Failed=2020-01-01T00:00:00Z \t\t',
    'running\t\t\t',
    'failing\tFailureTarget=2020-01-01T00:00:00Z \t\t',
    'criteria-met\tSuccessCriteriaMet=2020-01-01T00:00:00Z \t\t',
    'suspended\tSuspended=2020-01-01T00:00:00Z \t\t',
    'recent\tComplete=2999-01-01T00:00:00Z \t2999-01-01T00:00:00Z\t',
    // Finding 3: a condition without lastTransitionTime is not "finished long ago".
    'complete-no-time-old-completion\tComplete= \t2020-01-01T00:00:00Z\t',
    'complete-no-time-recent-completion\tComplete= \t2999-01-01T00:00:00Z\t',
    'complete-no-time-at-all\tComplete= \t\t',
    'failed-no-time\tFailed= \t\t',
    // Finding 3: the runs of CronJobs and ScheduledJobs are their owners' (history limits).
    'cronjob-run\tComplete=2020-01-01T00:00:00Z \t2020-01-01T00:00:00Z\tCronJob ',
    'scheduledjob-run\tFailed=2020-01-01T00:00:00Z \t\tScheduledJob ',
    'other-owner\tComplete=2020-01-01T00:00:00Z \t2020-01-01T00:00:00Z\tWorkflow ',
    `${HOSTILE_NAME}\tComplete=2020-01-01T00:00:00Z \t\t`,
    '',
  ].join('\n');
  const EXPIRED = ['old-succeeded', 'old-failed', 'complete-no-time-old-completion', 'other-owner', HOSTILE_NAME];
  const SCHEDULED_RUNS = ['cronjob-run', 'scheduledjob-run'];

  function runCleanup(pod: any, shell: string[], env: { [name: string]: string } = {}) {
    const root = mkdtempSync(join(tmpdir(), 'cdk8s-batch-cleanup-'));
    mkdirSync(join(root, 'tmp'));
    const listing = join(root, 'jobs.txt');
    writeFileSync(listing, LISTING);
    const run = runPod(pod, {
      shell,
      stubs: { kubectl: 'kubectl' },
      paths: { '/tmp': join(root, 'tmp') },
      namespace: 'batch',
      sandbox: root,
      env: { STUB_KUBECTL_OUTPUT: listing, ...env },
    });
    const [get, ...deletes] = run.calls;
    return { root, run, get, deleted: deletes.map((c) => c.argv[2]), deletes };
  }

  test.each(SHELLS.map((s) => [s.join(' '), s]))(
    'with %s and a selector: deletes exactly the Jobs finished before the cutoff, in the background, names as data',
    (_name, shell) => {
      const hostileSelector = "app=x' ; touch pwned ; '";
      const { root, run, get, deleted, deletes } = runCleanup(withSelector, shell, {
        CLEANUP_SELECTOR: hostileSelector,
      });

      expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([['cleanup', 0, '']]);
      expect(run.containers[0].stdout).toMatch(
        /^cleanup: deleted 7 finished Jobs in batch that finished before \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
      );
      expect(get.argv).toEqual([
        'get',
        'jobs',
        '--namespace',
        'batch',
        '--selector',
        hostileSelector,
        '--output',
        'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{range .status.conditions[?(@.status=="True")]}{.type}{"="}{.lastTransitionTime}{" "}{end}{"\\t"}{.status.completionTime}{"\\t"}{range .metadata.ownerReferences[*]}{.kind}{" "}{end}{"\\n"}{end}',
      ]);
      // A selector is the user's choice of Jobs: the scheduled runs it matches go too.
      expect(deleted.sort()).toEqual([...EXPIRED, ...SCHEDULED_RUNS].sort());
      expect(deletes[0].argv).toEqual([
        'delete',
        'job',
        'old-succeeded',
        '--namespace',
        'batch',
        '--cascade=background',
        '--wait=false',
        '--ignore-not-found',
      ]);
      expect(existsSync(join(root, 'pwned'))).toBe(false);
    },
  );

  test.each(SHELLS.map((s) => [s.join(' '), s]))(
    'with %s and no selector: the runs of CronJobs and ScheduledJobs are left to their history limits',
    (_name, shell) => {
      const { run, deleted } = runCleanup(withoutSelector, shell);
      expect(run.containers.map((c) => [c.name, c.status, c.stderr])).toEqual([['cleanup', 0, '']]);
      expect(deleted.sort()).toEqual([...EXPIRED].sort());
    },
  );

  test.each(SHELLS.map((s) => [s.join(' '), s]))(
    'with %s: an age that is not a number stops the script before kubectl runs',
    (_name, shell) => {
      const root = mkdtempSync(join(tmpdir(), 'cdk8s-batch-cleanup-'));
      mkdirSync(join(root, 'tmp'));
      const run = runPod(withoutSelector, {
        shell,
        stubs: { kubectl: 'kubectl' },
        paths: { '/tmp': join(root, 'tmp') },
        sandbox: root,
        env: { CLEANUP_MAX_AGE_SECONDS: 'x[$(touch pwned)]' },
      });
      expect(run.containers[0].status).toBe(2);
      expect(run.calls).toEqual([]);
      expect(existsSync(join(root, 'pwned'))).toBe(false);
    },
  );
});
