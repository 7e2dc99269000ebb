/**
 * Objects the API server accepts but that can never run: each rule with its bad input (rule id,
 * field, error severity, the never-works wording) and its good input.
 */
import { NEVER_WORKS_RULES } from '../../../src/rules/never-works';
import { NEVER_WORKS_PREFIX } from '../../../src/rules/never-works/never-works-rule';
import { overlongSteps } from '../../../src/rules/never-works/schedule';
import { API_SERVER_RULES } from '../../../src/rules/api-server';
import { validateBatchObject } from '../../../src/rules/registry';
import { planSync } from '../../../src/reconciler/plan/plan';
import { parsePlanCase, planAnswer } from '../../../src/reconciler/resource/plan-case';
import { findings, findingsOf, goodCronJob, Json, objectWith, withJobSpec } from '../api-server/fixtures';

interface NeverWorksCase {
  readonly row: string;
  readonly rule: string;
  readonly field: string;
  readonly bad: Json;
  readonly good: Json;
  /** The release checked; 1.28 (the fixtures' default) unless given. */
  readonly version?: string;
}

const cronJobWithSchedule = (schedule: string) => objectWith('CronJob', (o) => (o.spec.schedule = schedule));
const podSecurity = (kind: 'Job' | 'CronJob', pod: Json, container?: Json) =>
  withJobSpec(kind, (s) => {
    s.template.spec.securityContext = pod;
    if (container) s.template.spec.containers[0].securityContext = container;
  });

/** A Job whose pod sets `pod` as its pod-level resources, and a second container beside the first. */
const podLevel = (pod: Json, first: Json, second?: Json) =>
  withJobSpec('Job', (s) => {
    s.template.spec.resources = pod;
    s.template.spec.containers[0].resources = first;
    if (second)
      s.template.spec.containers.push({ name: 'second', image: 'registry.example.com/b:1', resources: second });
  });

/** A pod on the host network whose first container (and a second, and the first init container) declare these ports. */
const hostNetworkPorts = (kind: 'Job' | 'CronJob', first: Json[], second?: Json[], init?: Json[], hostNetwork = true) =>
  withJobSpec(kind, (s) => {
    s.template.spec.hostNetwork = hostNetwork;
    s.template.spec.containers[0].ports = first;
    if (second) s.template.spec.containers.push({ name: 'second', image: 'registry.example.com/b:1', ports: second });
    if (init) s.template.spec.initContainers[0].ports = init;
  });

/** A Job or CronJob with these volumes, each mounted by its first container unless `mounted` is false. */
const volumes = (kind: 'Job' | 'CronJob', list: Json[], mounted = true) =>
  withJobSpec(kind, (s) => {
    s.template.spec.volumes = list;
    if (mounted)
      s.template.spec.containers[0].volumeMounts = list.map((v, i) => ({ name: v.name, mountPath: `/mnt/${i}` }));
  });

/** A Job whose container (restartPolicy Never) has these restart rules. */
const restartRules = (rules: Json[]) =>
  withJobSpec('Job', (s) => {
    s.template.spec.containers[0].restartPolicy = 'Never';
    s.template.spec.containers[0].restartPolicyRules = rules;
  });

const SIDECAR_SINCE = '1.29';
const sidecar = (startupProbe?: Json, extra: Json = {}) => ({
  name: 'proxy',
  image: 'registry.example.com/proxy:2.1.0',
  restartPolicy: 'Always',
  ...(startupProbe ? { startupProbe } : {}),
  ...extra,
});
const withSidecar = (kind: 'Job' | 'CronJob', container: Json, change: (spec: Json) => void = () => {}) =>
  withJobSpec(kind, (s) => {
    s.template.spec.initContainers.push(container);
    change(s);
  });
/** A required node affinity whose terms ask kubernetes.io/os In each of `systems` (one term each). */
const osAffinity = (...systems: string[]) => ({
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: systems.map((os) => ({
        matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: [os] }],
      })),
    },
  },
});
const windowsPod = (
  kind: 'Job' | 'CronJob',
  pod: Json,
  container?: Json,
  target: 'os' | 'nodeSelector' | 'affinity' = 'os',
) =>
  withJobSpec(kind, (s) => {
    if (target === 'os') s.template.spec.os = { name: 'windows' };
    else if (target === 'nodeSelector') s.template.spec.nodeSelector = { 'kubernetes.io/os': 'windows' };
    else s.template.spec.affinity = osAffinity('windows');
    s.template.spec.securityContext = pod;
    if (container) s.template.spec.containers[0].securityContext = container;
  });

/** A Job spreading its pods (labelled app: report) by zone, selecting them by app, with these matchLabelKeys. */
const spreadOverApp = (matchLabelKeys: string[]) =>
  withJobSpec('Job', (s) => {
    s.template.spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'report' } },
        matchLabelKeys,
      },
    ];
  });
/** Pod anti-affinity over `key` both selected and in matchLabelKeys; the pods carry app but not tenant. */
const antiAffinityOn = (kind: 'Job' | 'CronJob', key: string) =>
  withJobSpec(kind, (s) => {
    s.template.spec.affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchLabels: { [key]: 'report' } },
            matchLabelKeys: [key],
            topologyKey: 'kubernetes.io/hostname',
          },
        ],
      },
    };
  });

const TERMS = 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
/** A Job (or CronJob) whose pod has `nodeSelector` and these required node affinity terms. */
const nodeConstraints = (kind: 'Job' | 'CronJob', terms: Json[] | undefined, nodeSelector?: Json, os?: string) =>
  withJobSpec(kind, (s) => {
    const pod = s.template.spec;
    if (nodeSelector) pod.nodeSelector = nodeSelector;
    if (os) pod.os = { name: os };
    if (terms)
      pod.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  });
const expr = (key: string, operator: string, ...values: string[]) =>
  values.length > 0 ? { key, operator, values } : { key, operator };
const ZONE = 'topology.kubernetes.io/zone';

const CASES: NeverWorksCase[] = [
  {
    row: 'a required zone the nodeSelector rules out',
    rule: 'pod-node-constraints-unsatisfiable',
    field: `spec.template.spec.${TERMS}`,
    bad: nodeConstraints('Job', [{ matchExpressions: [expr(ZONE, 'In', 'eu-1b', 'eu-1c')] }], { [ZONE]: 'eu-1a' }),
    // One satisfiable term is enough.
    good: nodeConstraints(
      'Job',
      [{ matchExpressions: [expr(ZONE, 'In', 'eu-1b')] }, { matchExpressions: [expr(ZONE, 'In', 'eu-1a', 'eu-1b')] }],
      { [ZONE]: 'eu-1a' },
    ),
  },
  {
    row: 'an empty required term matches no node',
    rule: 'pod-node-constraints-unsatisfiable',
    field: `spec.jobTemplate.spec.template.spec.${TERMS}`,
    bad: nodeConstraints('CronJob', [{ matchExpressions: [] }]),
    good: nodeConstraints('CronJob', [{ matchExpressions: [expr('pool', 'Exists')] }]),
  },
  {
    row: 'a label required to exist and not to exist',
    rule: 'pod-node-constraints-unsatisfiable',
    field: `spec.template.spec.${TERMS}`,
    bad: nodeConstraints('Job', [{ matchExpressions: [expr('gpu', 'Exists'), expr('gpu', 'DoesNotExist')] }]),
    good: nodeConstraints('Job', [
      { matchExpressions: [expr('gpu', 'Exists')] },
      { matchExpressions: [expr('gpu', 'DoesNotExist')] },
    ]),
  },
  {
    row: 'a Gt/Lt range with no integer in it, or a value that is not a number',
    rule: 'pod-node-constraints-unsatisfiable',
    field: `spec.template.spec.${TERMS}`,
    bad: nodeConstraints('Job', [
      { matchExpressions: [expr('cores', 'Gt', '10'), expr('cores', 'Lt', '11')] },
      { matchExpressions: [expr('cores', 'In', 'many'), expr('cores', 'Gt', '3')] },
    ]),
    good: nodeConstraints('Job', [
      { matchExpressions: [expr('cores', 'Gt', '10'), expr('cores', 'Lt', '12')] },
      { matchExpressions: [expr('cores', 'In', '8'), expr('cores', 'Gt', '3')] },
    ]),
  },
  {
    row: 'In and NotIn leave no value, two node names',
    rule: 'pod-node-constraints-unsatisfiable',
    field: `spec.template.spec.${TERMS}`,
    bad: nodeConstraints('Job', [
      { matchExpressions: [expr('pool', 'In', 'batch'), expr('pool', 'NotIn', 'batch', 'web')] },
      { matchFields: [expr('metadata.name', 'In', 'node-a'), expr('metadata.name', 'In', 'node-b')] },
    ]),
    good: nodeConstraints('Job', [
      { matchExpressions: [expr('pool', 'In', 'batch', 'spot'), expr('pool', 'NotIn', 'batch', 'web')] },
    ]),
  },
  {
    row: 'os.name windows with a Linux nodeSelector',
    rule: 'pod-node-constraints-unsatisfiable',
    field: 'spec.template.spec.nodeSelector[kubernetes.io/os]',
    bad: nodeConstraints('Job', undefined, { 'kubernetes.io/os': 'linux' }, 'windows'),
    good: nodeConstraints('Job', undefined, { 'kubernetes.io/os': 'windows' }, 'windows'),
  },
  {
    row: 'os.name linux with required affinity on Windows nodes',
    rule: 'pod-node-constraints-unsatisfiable',
    field: `spec.template.spec.${TERMS}`,
    bad: nodeConstraints(
      'Job',
      [{ matchExpressions: [expr('kubernetes.io/os', 'In', 'windows')] }],
      undefined,
      'linux',
    ),
    good: nodeConstraints(
      'Job',
      [{ matchExpressions: [expr('kubernetes.io/os', 'NotIn', 'windows')] }],
      undefined,
      'linux',
    ),
  },
  {
    row: 'runAsNonRoot with runAsUser 0 on the pod',
    rule: 'container-run-as-root-with-non-root',
    field: 'spec.template.spec.securityContext.runAsUser',
    bad: podSecurity('Job', { runAsNonRoot: true, runAsUser: 0 }),
    good: podSecurity('Job', { runAsNonRoot: true, runAsUser: 1000 }),
  },
  {
    row: 'pod runAsNonRoot, container runAsUser 0 (merged)',
    rule: 'container-run-as-root-with-non-root',
    field: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsUser',
    bad: podSecurity('CronJob', { runAsNonRoot: true }, { runAsUser: 0 }),
    good: podSecurity('CronJob', { runAsNonRoot: true, runAsUser: 1000 }, { runAsNonRoot: false, runAsUser: 0 }),
  },
  {
    row: 'runAsUser 0 with runAsNonRoot off Windows; a Windows kubelet ignores runAsUser (nodeSelector or affinity)',
    rule: 'container-run-as-root-with-non-root',
    field: 'spec.template.spec.securityContext.runAsUser',
    bad: podSecurity('Job', { runAsNonRoot: true, runAsUser: 0 }),
    good: windowsPod('Job', { runAsNonRoot: true, runAsUser: 0 }, undefined, 'affinity'),
  },
  {
    row: 'Job activeDeadlineSeconds 0',
    rule: 'job-active-deadline-zero',
    field: 'spec.activeDeadlineSeconds',
    bad: withJobSpec('Job', (s) => (s.activeDeadlineSeconds = 0)),
    good: withJobSpec('Job', (s) => (s.activeDeadlineSeconds = 1)),
  },
  {
    row: 'job template activeDeadlineSeconds 0',
    rule: 'job-active-deadline-zero',
    field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
    bad: withJobSpec('CronJob', (s) => (s.activeDeadlineSeconds = 0)),
    good: withJobSpec('CronJob', (s) => delete s.activeDeadlineSeconds),
  },
  {
    row: 'Windows: runAsNonRoot with runAsUserName ContainerAdministrator on the pod',
    rule: 'container-run-as-administrator-with-non-root',
    field: 'spec.template.spec.securityContext.windowsOptions.runAsUserName',
    bad: windowsPod('Job', { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerAdministrator' } }),
    good: windowsPod('Job', { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } }),
  },
  {
    row: 'Windows by nodeSelector: the container names the administrator in another case',
    rule: 'container-run-as-administrator-with-non-root',
    field: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName',
    bad: windowsPod(
      'CronJob',
      { runAsNonRoot: true },
      { windowsOptions: { runAsUserName: 'containeradministrator' } },
      'nodeSelector',
    ),
    good: windowsPod(
      'CronJob',
      { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } },
      { runAsNonRoot: false, windowsOptions: { runAsUserName: 'ContainerAdministrator' } },
      'nodeSelector',
    ),
  },
  {
    row: 'runAsUserName ContainerAdministrator on a pod not bound to Windows (windowsOptions is ignored on Linux)',
    rule: 'container-run-as-administrator-with-non-root',
    field: 'spec.template.spec.securityContext.windowsOptions.runAsUserName',
    bad: windowsPod('Job', { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerAdministrator' } }),
    good: podSecurity('Job', { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerAdministrator' } }),
  },
  {
    row: 'Windows by required node affinity: the administrator with runAsNonRoot',
    rule: 'container-run-as-administrator-with-non-root',
    field: 'spec.template.spec.securityContext.windowsOptions.runAsUserName',
    bad: windowsPod(
      'Job',
      { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerAdministrator' } },
      undefined,
      'affinity',
    ),
    good: windowsPod(
      'Job',
      { runAsNonRoot: true, windowsOptions: { runAsUserName: 'ContainerUser' } },
      undefined,
      'affinity',
    ),
  },
  {
    row: 'CronJob startingDeadlineSeconds 0',
    rule: 'cronjob-starting-deadline-zero',
    field: 'spec.startingDeadlineSeconds',
    bad: objectWith('CronJob', (o) => (o.spec.startingDeadlineSeconds = 0)),
    // A short deadline works while the controller keeps up: the best-practice rule warns about it.
    good: objectWith('CronJob', (o) => (o.spec.startingDeadlineSeconds = 5)),
  },
  {
    row: "a sidecar's startup probe waits as long as the Job's deadline",
    rule: 'sidecar-startup-beyond-deadline',
    field: 'spec.template.spec.initContainers[1].startupProbe.initialDelaySeconds',
    bad: withSidecar('Job', sidecar({ exec: { command: ['ready'] }, initialDelaySeconds: 3600 })),
    good: withSidecar('Job', sidecar({ exec: { command: ['ready'] }, initialDelaySeconds: 3599 })),
    version: SIDECAR_SINCE,
  },
  {
    row: "a sidecar's startup probe waits longer than the pod's deadline (the shorter of the two)",
    rule: 'sidecar-startup-beyond-deadline',
    field: 'spec.jobTemplate.spec.template.spec.initContainers[1].startupProbe.initialDelaySeconds',
    bad: withSidecar(
      'CronJob',
      sidecar({ exec: { command: ['ready'] }, initialDelaySeconds: 120 }),
      (s) => (s.template.spec.activeDeadlineSeconds = 60),
    ),
    // Readiness does not hold back the next container, and a regular container's startup probe does not stop it exiting 0.
    good: withSidecar(
      'CronJob',
      sidecar(undefined, { readinessProbe: { exec: { command: ['ready'] }, initialDelaySeconds: 120 } }),
      (s) => {
        s.template.spec.activeDeadlineSeconds = 60;
        s.template.spec.containers[0].startupProbe = { exec: { command: ['ready'] }, initialDelaySeconds: 120 };
      },
    ),
    version: '1.35',
  },
  {
    row: 'completions 0 on a Job',
    rule: 'job-completions-zero',
    field: 'spec.completions',
    bad: withJobSpec('Job', (s) => (s.completions = 0)),
    good: withJobSpec('Job', (s) => (s.completions = 1)),
  },
  {
    row: 'completions 0 in a job template',
    rule: 'job-completions-zero',
    field: 'spec.jobTemplate.spec.completions',
    bad: withJobSpec('CronJob', (s) => (s.completions = 0)),
    good: withJobSpec('CronJob', (s) => delete s.completions),
  },
  {
    row: 'parallelism 0 in a job template',
    rule: 'cronjob-job-template-parallelism-zero',
    field: 'spec.jobTemplate.spec.parallelism',
    bad: withJobSpec('CronJob', (s) => (s.parallelism = 0)),
    // On a Job of its own, parallelism 0 is the documented pause.
    good: withJobSpec('Job', (s) => (s.parallelism = 0)),
  },
  {
    row: 'overhead without a runtimeClassName',
    rule: 'pod-overhead-without-runtime-class',
    field: 'spec.template.spec.overhead',
    bad: withJobSpec('Job', (s) => (s.template.spec.overhead = { cpu: '250m', memory: '120Mi' })),
    good: withJobSpec('Job', (s) => {
      s.template.spec.overhead = { cpu: '250m', memory: '120Mi' };
      s.template.spec.runtimeClassName = 'kata-fc';
    }),
  },
  {
    row: 'overhead without a runtimeClassName in a job template',
    rule: 'pod-overhead-without-runtime-class',
    field: 'spec.jobTemplate.spec.template.spec.overhead',
    bad: withJobSpec('CronJob', (s) => (s.template.spec.overhead = { cpu: '250m' })),
    // An empty overhead is no overhead to the admission plugin.
    good: withJobSpec('CronJob', (s) => (s.template.spec.overhead = {})),
  },
  {
    row: 'a regular container with its own restartPolicy Always (1.35)',
    rule: 'container-restarts-forever',
    field: 'spec.template.spec.containers[0].restartPolicy',
    bad: withJobSpec('Job', (s) => (s.template.spec.containers[0].restartPolicy = 'Always')),
    // OnFailure retries the container in place and still lets the pod succeed.
    good: withJobSpec('Job', (s) => (s.template.spec.containers[0].restartPolicy = 'OnFailure')),
    version: '1.35',
  },
  {
    row: 'a regular container with restartPolicy Always in a job template, beside a sidecar',
    rule: 'container-restarts-forever',
    field: 'spec.jobTemplate.spec.template.spec.containers[0].restartPolicy',
    bad: withSidecar('CronJob', sidecar(), (s) => (s.template.spec.containers[0].restartPolicy = 'Always')),
    good: withSidecar('CronJob', sidecar()),
    version: '1.37',
  },
  {
    row: 'a restart rule that restarts the container on exit code 0 (NotIn without 0), before its policy applies',
    rule: 'container-restarts-forever',
    field: 'spec.template.spec.containers[0].restartPolicyRules[1]',
    bad: restartRules([
      { action: 'Restart', exitCodes: { operator: 'In', values: [3] } },
      { action: 'Restart', exitCodes: { operator: 'NotIn', values: [1, 2] } },
    ]),
    // Exit code 0 matches no rule: the container's restartPolicy Never lets it end.
    good: restartRules([
      { action: 'Restart', exitCodes: { operator: 'In', values: [3] } },
      { action: 'Restart', exitCodes: { operator: 'NotIn', values: [0, 1, 2] } },
    ]),
    version: '1.35',
  },
  {
    row: 'a rule restarting all containers on exit code 0 (1.36+)',
    rule: 'container-restarts-forever',
    field: 'spec.template.spec.containers[0].restartPolicyRules[0]',
    bad: restartRules([{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [0, 1] } }]),
    good: restartRules([{ action: 'RestartAllContainers', exitCodes: { operator: 'In', values: [1] } }]),
    version: '1.36',
  },
  {
    row: 'a spread constraint whose matchLabelKeys key the labelSelector names, on a label the pods carry (1.34+)',
    rule: 'pod-match-label-keys-merge-conflict',
    field: 'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys[1]',
    bad: spreadOverApp(['batch.kubernetes.io/job-name', 'app']),
    good: spreadOverApp(['batch.kubernetes.io/job-name']),
    version: '1.35',
  },
  {
    row: 'a pod anti-affinity term whose matchLabelKeys key the labelSelector names (1.31+); a key the pods lack is not merged',
    rule: 'pod-match-label-keys-merge-conflict',
    field:
      'spec.jobTemplate.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]',
    bad: antiAffinityOn('CronJob', 'app'),
    good: antiAffinityOn('CronJob', 'tenant'),
    version: '1.33',
  },
  {
    row: "a CronJob's pod template with a job-name label: every Job it creates is refused",
    rule: 'cronjob-template-generated-label',
    field: 'spec.jobTemplate.spec.template.metadata.labels[batch.kubernetes.io/job-name]',
    bad: withJobSpec('CronJob', (s) => (s.template.metadata.labels['batch.kubernetes.io/job-name'] = 'nightly-report')),
    good: withJobSpec('CronJob', (s) => (s.template.metadata.labels['app.kubernetes.io/name'] = 'nightly-report')),
    version: '1.35',
  },
  {
    row: "a CronJob's pod template with a controller-uid label (legacy form)",
    rule: 'cronjob-template-generated-label',
    field: 'spec.jobTemplate.spec.template.metadata.labels[controller-uid]',
    bad: withJobSpec(
      'CronJob',
      (s) => (s.template.metadata.labels['controller-uid'] = '6f1c0de0-aaaa-4bbb-8ccc-000000000001'),
    ),
    good: withJobSpec('CronJob', () => {}),
  },
  {
    row: 'an image with a trailing newline: every pod is refused',
    rule: 'container-image-invalid',
    field: 'spec.template.spec.containers[0].image',
    bad: withJobSpec('Job', (s) => (s.template.spec.containers[0].image = 'registry.example.com/report:1.4.2\n')),
    good: withJobSpec('Job', (s) => (s.template.spec.containers[0].image = 'registry.example.com/report:1.4.2')),
  },
  {
    row: 'a placeholder image the kubelet cannot read (InvalidImageName)',
    rule: 'container-image-invalid',
    field: 'spec.jobTemplate.spec.template.spec.initContainers[0].image',
    bad: withJobSpec('CronJob', (s) => (s.template.spec.initContainers[0].image = 'gcr.io/<PROJECT_ID>/fetch:1.2.0')),
    good: withJobSpec('CronJob', (s) => (s.template.spec.initContainers[0].image = 'gcr.io/my-project/fetch:1.2.0')),
  },
  {
    row: 'February 30th',
    rule: 'cronjob-schedule-never-fires',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('0 0 30 2 *'),
    good: cronJobWithSchedule('0 0 28 2 *'),
  },
  {
    row: 'a field that allows no value',
    rule: 'cronjob-schedule-never-fires',
    field: 'spec.schedule',
    bad: cronJobWithSchedule(', 0 * * *'),
    good: cronJobWithSchedule('0,15 0 * * *'),
  },
  {
    row: '*/90 in the minute field',
    rule: 'cronjob-schedule-step-beyond-field',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('*/90 * * * *'),
    good: cronJobWithSchedule('0 */3 * * *'),
  },
  {
    row: 'an image volume without a reference in 1.35, which checks it only on pods',
    rule: 'pod-refused-on-create',
    field: 'spec.template.spec.volumes[0].image.reference',
    bad: withJobSpec('Job', (s) => (s.template.spec.volumes = [{ name: 'model', image: { reference: '' } }])),
    good: withJobSpec(
      'Job',
      (s) => (s.template.spec.volumes = [{ name: 'model', image: { reference: 'registry.example.com/model:1' } }]),
    ),
    version: '1.35',
  },
  {
    row: "pod-level limits only: the pods' defaulted request (the containers' limits together) is above the limit",
    rule: 'pod-refused-on-create',
    field: 'spec.template.spec.resources.requests[memory]',
    bad: podLevel({ limits: { memory: '1Gi' } }, { limits: { memory: '600Mi' } }, { limits: { memory: '600Mi' } }),
    good: podLevel(
      { limits: { memory: '1Gi' } },
      { requests: { memory: '400Mi' }, limits: { memory: '600Mi' } },
      { requests: { memory: '400Mi' }, limits: { memory: '600Mi' } },
    ),
    version: '1.35',
  },
  {
    row: 'a pod-level request the written requests fit under, but not the limits that become requests',
    rule: 'pod-refused-on-create',
    field: 'spec.template.spec.resources.requests[cpu]',
    bad: podLevel({ requests: { cpu: '1' } }, { requests: { cpu: '500m' } }, { limits: { cpu: '1' } }),
    good: podLevel(
      { requests: { cpu: '1' } },
      { requests: { cpu: '500m' } },
      { requests: { cpu: '500m' }, limits: { cpu: '1' } },
    ),
    version: '1.35',
  },
  {
    row: 'hostNetwork and two containers on port 80 without hostPorts: each pod gets host port 80 twice',
    rule: 'pod-refused-on-create',
    field: 'spec.template.spec.containers[1].ports[0].hostPort',
    bad: hostNetworkPorts('Job', [{ containerPort: 80 }], [{ containerPort: 80 }]),
    good: hostNetworkPorts('Job', [{ containerPort: 80 }], [{ containerPort: 8080 }]),
  },
  {
    row: 'hostNetwork and an init container declaring its port twice, once with the hostPort written',
    rule: 'pod-refused-on-create',
    field: 'spec.jobTemplate.spec.template.spec.initContainers[0].ports[1].hostPort',
    bad: hostNetworkPorts('CronJob', [], undefined, [{ containerPort: 9090, hostPort: 9090 }, { containerPort: 9090 }]),
    good: hostNetworkPorts('CronJob', [], undefined, [
      { containerPort: 9090, hostPort: 9090 },
      { containerPort: 9091 },
    ]),
  },
  {
    row: 'a job template label value no object may carry: every Job the CronJob creates is refused',
    rule: 'cronjob-job-metadata-invalid',
    field: 'spec.jobTemplate.metadata.labels',
    bad: objectWith('CronJob', (o) => (o.spec.jobTemplate.metadata = { labels: { team: 'data platform' } })),
    good: objectWith('CronJob', (o) => (o.spec.jobTemplate.metadata = { labels: { team: 'data-platform' } })),
  },
  {
    // 3 + 262,075 bytes, plus batch.kubernetes.io/cronjob-scheduled-timestamp (47) and its shortest value (20).
    row: 'job template annotations that fit 256 KiB only without the scheduled-timestamp annotation every Job gets',
    rule: 'cronjob-job-metadata-invalid',
    field: 'spec.jobTemplate.metadata.annotations',
    bad: objectWith('CronJob', (o) => (o.spec.jobTemplate.metadata = { annotations: { big: 'x'.repeat(262_075) } })),
    good: objectWith('CronJob', (o) => (o.spec.jobTemplate.metadata = { annotations: { big: 'x'.repeat(262_074) } })),
  },
  {
    row: 'a job template annotation key that is not a qualified name',
    rule: 'cronjob-job-metadata-invalid',
    field: 'spec.jobTemplate.metadata.annotations',
    bad: objectWith('CronJob', (o) => (o.spec.jobTemplate.metadata = { annotations: { 'owner team': 'data' } })),
    good: objectWith(
      'CronJob',
      (o) => (o.spec.jobTemplate.metadata = { annotations: { 'example.com/owner': 'data' } }),
    ),
  },
  {
    row: 'a pod template finalizer without a domain: every pod the Job creates is refused',
    rule: 'pod-template-finalizers-invalid',
    field: 'spec.jobTemplate.spec.template.metadata.finalizers[0]',
    bad: withJobSpec('CronJob', (s) => (s.template.metadata = { ...s.template.metadata, finalizers: ['cleanup'] })),
    good: withJobSpec(
      'CronJob',
      (s) => (s.template.metadata = { ...s.template.metadata, finalizers: ['example.com/cleanup'] }),
    ),
  },
  {
    row: '*/30 in the hour field',
    rule: 'cronjob-schedule-step-beyond-field',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('0 */30 * * *'),
    good: cronJobWithSchedule('0 */12 * * *'),
  },
  {
    row: 'a step over a named range of months, longer than the range (JAN-DEC/13 leaves January)',
    rule: 'cronjob-schedule-step-beyond-field',
    field: 'spec.schedule',
    bad: cronJobWithSchedule('0 0 1 JAN-DEC/13 *'),
    good: cronJobWithSchedule('0 0 1 jan-dec/3 *'),
  },
  {
    row: 'an @every schedule with a starting deadline under its interval (the construct default once was)',
    rule: 'cronjob-every-starting-deadline-below-interval',
    field: 'spec.startingDeadlineSeconds',
    bad: objectWith('CronJob', (o) => {
      o.spec.schedule = '@every 45m';
      o.spec.startingDeadlineSeconds = 1350;
    }),
    good: objectWith('CronJob', (o) => {
      o.spec.schedule = '@every 45m';
      o.spec.startingDeadlineSeconds = 2760;
    }),
  },
  {
    row: 'a claim named by a placeholder nobody substituted (mounted or not, the scheduler wants it)',
    rule: 'pod-volume-reference-name-invalid',
    field: 'spec.template.spec.volumes[0].persistentVolumeClaim.claimName',
    bad: volumes('Job', [{ name: 'data', persistentVolumeClaim: { claimName: '$PVC_NAME' } }], false),
    good: volumes('Job', [{ name: 'data', persistentVolumeClaim: { claimName: 'data.v2-claim' } }], false),
  },
  {
    row: 'a mounted Secret whose name has capitals (an optional one is mounted empty instead)',
    rule: 'pod-volume-reference-name-invalid',
    field: 'spec.jobTemplate.spec.template.spec.volumes[0].secret.secretName',
    bad: volumes('CronJob', [{ name: 'tls', secret: { secretName: 'TLS-Cert' } }]),
    good: volumes('CronJob', [{ name: 'tls', secret: { secretName: 'TLS-Cert', optional: true } }]),
  },
  {
    row: 'a mounted ConfigMap in a projected volume, named by a placeholder (unmounted, the kubelet never fetches it)',
    rule: 'pod-volume-reference-name-invalid',
    field: 'spec.template.spec.volumes[0].projected.sources[1].configMap.name',
    bad: volumes('Job', [
      {
        name: 'config',
        projected: { sources: [{ secret: { name: 'app-secret' } }, { configMap: { name: '<config>' } }] },
      },
    ]),
    good: volumes(
      'Job',
      [
        {
          name: 'config',
          projected: { sources: [{ secret: { name: 'app-secret' } }, { configMap: { name: '<config>' } }] },
        },
      ],
      false,
    ),
  },
  {
    row: 'a ConfigMap mounted only by an init container',
    rule: 'pod-volume-reference-name-invalid',
    field: 'spec.template.spec.volumes[0].configMap.name',
    bad: withJobSpec('Job', (s) => {
      s.template.spec.volumes = [{ name: 'seed', configMap: { name: 'Seed_Data' } }];
      s.template.spec.initContainers[0].volumeMounts = [{ name: 'seed', mountPath: '/seed' }];
    }),
    good: withJobSpec('Job', (s) => {
      s.template.spec.volumes = [{ name: 'seed', configMap: { name: 'seed-data' } }];
      s.template.spec.initContainers[0].volumeMounts = [{ name: 'seed', mountPath: '/seed' }];
    }),
  },
];

/**
 * Whether the controller ever creates a Job for `schedule` with this startingDeadlineSeconds, by
 * the project's model of the CronJob controller (src/reconciler/plan, checked against upstream's
 * own cases in test/data/controller-cases.json): 50 syncs, each at the time it asks to be requeued.
 */
function controllerEverCreatesAJob(schedule: string, startingDeadlineSeconds: number): boolean {
  const created = '2026-03-01T00:00:10Z';
  let now = Date.parse(created);
  // Until the first Job, there is no last schedule time: the first one created answers the question.
  for (let sync = 0; sync < 50; sync++) {
    const reading = parsePlanCase({
      creationTimestamp: created,
      lastScheduleTime: null,
      now: new Date(now).toISOString(),
      cronJob: { schedule, startingDeadlineSeconds, concurrencyPolicy: 'Allow', suspend: false },
      activeJobs: [],
    });
    if (reading.input === undefined) throw new Error(JSON.stringify(reading.problems));
    const answer = planAnswer(planSync(reading.input));
    if (answer.createJobFor) return true;
    if (answer.requeueAfterMs === undefined || answer.requeueAfterMs === null) return false;
    now += answer.requeueAfterMs;
  }
  return false;
}

describe('cronjob-every-starting-deadline-below-interval agrees with the controller model', () => {
  test.each([
    ['@every 1h', 1800],
    ['@every 1h', 3599],
    ['@every 1h', 3600],
    ['@every 1h', 3660],
    ['@every 1m', 59],
    ['@every 1m', 60],
    ['@every 90m', 61],
    ['@every 36h', 3600],
    ['@every 36h', 129_600],
    ['0 * * * *', 1800],
    ['*/5 * * * *', 61],
  ])('%s with startingDeadlineSeconds %i', (schedule, deadline) => {
    const object = objectWith('CronJob', (o) => {
      o.spec.schedule = schedule;
      o.spec.startingDeadlineSeconds = deadline;
    });
    const reported = findingsOf('cronjob-every-starting-deadline-below-interval', object, '1.35').length > 0;
    expect(reported).toBe(!controllerEverCreatesAJob(schedule, deadline));
  });
});

describe('never-works rules', () => {
  test.each(CASES.map((c) => [c.row, c] as const))('%s', (_row, c) => {
    const bad = findingsOf(c.rule, c.bad, c.version);
    expect(bad.map((f) => f.field)).toContain(c.field);
    for (const f of bad) {
      expect(f.severity).toBe('error');
      expect(f.message.startsWith(NEVER_WORKS_PREFIX)).toBe(true);
    }
    expect(findingsOf(c.rule, c.good, c.version)).toEqual([]);
  });

  test('a Job that ends as it starts is reported by the rule that says why, not by rules about its pods', () => {
    const neverWorks = (job: Json) =>
      validateBatchObject(job, { kubernetesVersion: '1.35' })
        .filter((f) => f.message.startsWith(NEVER_WORKS_PREFIX))
        .map((f) => f.rule);
    // completions 0: Complete at once, so a container restarted forever never runs.
    const complete = withJobSpec('Job', (s) => {
      s.completions = 0;
      s.template.spec.containers[0].restartPolicy = 'Always';
    });
    expect(neverWorks(complete)).toEqual(['job-completions-zero']);
    // activeDeadlineSeconds 0 as well: the deadline fails the Job first, it is never marked Complete.
    const failed = withJobSpec('Job', (s) => {
      s.completions = 0;
      s.activeDeadlineSeconds = 0;
      s.template.spec.containers[0].restartPolicy = 'Always';
    });
    expect(neverWorks(failed)).toEqual(['job-active-deadline-zero']);
    const paused = withJobSpec('CronJob', (s) => {
      s.parallelism = 0;
      s.activeDeadlineSeconds = 0;
    });
    expect(neverWorks(paused)).toEqual(['job-active-deadline-zero']);
  });

  test('a template the API server refuses itself is pod-resources-below-containers alone', () => {
    const job = podLevel({ requests: { cpu: '1' } }, { requests: { cpu: '2' } });
    expect(findingsOf('pod-resources-below-containers', job, '1.35')).toHaveLength(1);
    expect(findingsOf('pod-refused-on-create', job, '1.35')).toEqual([]);
  });

  test('host ports defaulted under hostNetwork: only a collision it creates is reported', () => {
    const collisions = (job: Json) => findingsOf('pod-refused-on-create', job, '1.35');
    // Off the host network nothing is defaulted; another protocol is another port; each init container is on its own.
    expect(
      collisions(hostNetworkPorts('Job', [{ containerPort: 80 }], [{ containerPort: 80 }], undefined, false)),
    ).toEqual([]);
    expect(
      collisions(hostNetworkPorts('Job', [{ containerPort: 53 }, { containerPort: 53, protocol: 'UDP' }])),
    ).toEqual([]);
    expect(collisions(hostNetworkPorts('Job', [{ containerPort: 80 }], undefined, [{ containerPort: 80 }]))).toEqual(
      [],
    );
    // Two written host ports are refused in the template already: container-port-invalid alone reports them.
    const written = hostNetworkPorts(
      'Job',
      [{ containerPort: 80, hostPort: 80 }],
      [{ containerPort: 80, hostPort: 80 }],
    );
    expect(collisions(written)).toEqual([]);
    expect(findingsOf('container-port-invalid', written, '1.35').map((f) => f.field)).toEqual([
      'spec.template.spec.containers[1].ports[0].hostPort',
    ]);
    const [finding] = collisions(
      hostNetworkPorts('Job', [{ containerPort: 80 }, { containerPort: 80, protocol: 'TCP' }]),
    );
    expect(finding.message).toContain("host port 80/TCP is then taken twice in this pod's containers");
  });

  test('an affinity that also admits Linux nodes does not make a pod Windows-only', () => {
    const either = withJobSpec('Job', (s) => {
      s.template.spec.affinity = osAffinity('windows', 'linux');
      s.template.spec.securityContext = { runAsNonRoot: true, runAsUser: 0 };
    });
    const fields = findingsOf('container-run-as-root-with-non-root', either, '1.35').map((f) => f.field);
    expect([...new Set(fields)]).toEqual(['spec.template.spec.securityContext.runAsUser']);
  });

  test('from 1.36 an image volume without a reference is refused in the template (pod-volume-source-invalid)', () => {
    const job = withJobSpec('Job', (s) => (s.template.spec.volumes = [{ name: 'model', image: { reference: '' } }]));
    expect(findingsOf('pod-refused-on-create', job, '1.36')).toEqual([]);
    expect(findingsOf('pod-volume-source-invalid', job, '1.36').map((f) => f.field)).toEqual([
      'spec.template.spec.volumes[0].image.reference',
    ]);
    expect(findingsOf('pod-volume-source-invalid', job, '1.35')).toEqual([]);
  });

  test('the sidecar rule names the deadline that passes first, and waits for sidecars (1.29)', () => {
    const cron = withSidecar('CronJob', sidecar({ exec: { command: ['ready'] }, initialDelaySeconds: 120 }), (s) => {
      s.activeDeadlineSeconds = 600;
      s.template.spec.activeDeadlineSeconds = 60;
    });
    const [finding] = findingsOf('sidecar-startup-beyond-deadline', cron, '1.35');
    expect(finding.message).toContain('spec.jobTemplate.spec.template.spec.activeDeadlineSeconds is 60 s');
    expect(finding.message).toContain('init container "proxy"');
    expect(findingsOf('sidecar-startup-beyond-deadline', cron, '1.28')).toEqual([]);
  });

  test('the node-constraints message names each term and what contradicts in it', () => {
    const job = nodeConstraints('Job', [{ matchExpressions: [expr(ZONE, 'In', 'eu-1b')] }, {}], { [ZONE]: 'eu-1a' });
    const [finding] = findingsOf('pod-node-constraints-unsatisfiable', job);
    expect(finding.message).toContain(`term 0 needs nodeSelector ${ZONE}: eu-1a and ${ZONE} In ["eu-1b"]`);
    expect(finding.message).toContain('term 1 is empty');
  });

  test('a term the API server refuses leaves node constraints to the API-server rule', () => {
    const job = nodeConstraints('Job', [{ matchExpressions: [expr('pool', 'Equals', 'batch')] }]);
    expect(findingsOf('pod-node-constraints-unsatisfiable', job)).toEqual([]);
    expect(findingsOf('pod-node-affinity-invalid', job)).not.toEqual([]);
  });

  test('a job template with completions 0 and parallelism 0 is reported once, for completions', () => {
    const cron = withJobSpec('CronJob', (s) => {
      s.completions = 0;
      s.parallelism = 0;
    });
    const ids = new Set(NEVER_WORKS_RULES.map((r) => r.id));
    expect(
      findings(cron)
        .filter((f) => ids.has(f.rule))
        .map((f) => `${f.rule} ${f.field}`),
    ).toEqual(['job-completions-zero spec.jobTemplate.spec.completions']);
  });

  const imageFindings = (image: string, options: { yieldToRootCause?: boolean } = {}) =>
    validateBatchObject(
      withJobSpec('Job', (s) => (s.template.spec.containers[0].image = image)),
      { kubernetesVersion: '1.35', now: Date.UTC(2026, 0, 1), ...options },
    )
      .filter((f) => f.field === 'spec.template.spec.containers[0].image')
      .map((f) => `${f.rule} ${f.severity}`);

  test.each([
    'busybox@sha256:abc',
    `busybox:1.36@sha256:${'A'.repeat(64)}`,
    'busybox@',
    'ko://github.com/example/report',
    '${IMAGE}',
    'gcr.io/<PROJECT_ID>/report',
  ])(
    'an image the kubelet cannot read (%s) is one finding, this error, not also an unpinned-image warning',
    (image) => {
      expect(imageFindings(image)).toEqual(['container-image-invalid error']);
    },
  );

  test("white space around an image is Go's (strings.TrimSpace): U+0085 counts, U+FEFF does not", () => {
    const messages = (image: string) =>
      validateBatchObject(
        withJobSpec('Job', (s) => (s.template.spec.containers[0].image = image)),
        {
          kubernetesVersion: '1.35',
        },
      )
        .filter((f) => f.rule === 'container-image-invalid')
        .map((f) => f.message);
    expect(messages('\u0085busybox:1.36')).toEqual([expect.stringContaining('with whitespace around it')]);
    // Not padded to Go, but no image reference either (InvalidImageName).
    expect(messages('\ufeffbusybox:1.36')).toEqual([expect.stringContaining('InvalidImageName')]);
  });

  test("without yielding to the root cause, each rule's own verdict is kept", () => {
    expect(imageFindings('ko://github.com/example/report', { yieldToRootCause: false })).toEqual([
      'container-image-invalid error',
      'container-image-not-pinned warning',
    ]);
  });

  test('a never-works finding cannot be suppressed or lowered', () => {
    const cronJob = cronJobWithSchedule('*/90 * * * *');
    cronJob.metadata.annotations = { 'cdk8s-batch.io/suppress-cronjob-schedule-step-beyond-field': 'we know' };
    const found = validateBatchObject(cronJob, {
      kubernetesVersion: '1.35',
      policy: { rules: { 'cronjob-schedule-step-beyond-field': 'off' } } as any,
      now: Date.UTC(2026, 0, 1),
    });
    expect(found.find((f) => f.rule === 'cronjob-schedule-step-beyond-field')?.severity).toBe('error');
    expect(found.find((f) => f.rule === 'suppression-not-allowed')?.message).toContain('cannot work');
  });

  test('every never-works rule has the never-works origin and an id no API-server rule has', () => {
    const apiServerIds = new Set(API_SERVER_RULES.map((r) => r.id));
    for (const rule of NEVER_WORKS_RULES) {
      expect(rule.origin).toBe('never-works');
      expect(apiServerIds.has(rule.id)).toBe(false);
    }
  });

  test('the realistic CronJob has no never-works finding', () => {
    const ids = new Set(NEVER_WORKS_RULES.map((r) => r.id));
    expect(
      findingsOf('', goodCronJob())
        .concat(validateBatchObject(goodCronJob(), { now: 0 }))
        .filter((f) => ids.has(f.rule)),
    ).toEqual([]);
  });
});

describe('overlong schedule steps', () => {
  test.each([
    ['*/90 * * * *', 'minute', 0],
    ['5/75 * * * *', 'minute', 5],
    ['0 */48 * * *', 'hour', 0],
    ['0 0 */40 * *', 'day-of-month', 1],
    ['0 0 * 1-6/7 *', 'month', 1],
    ['TZ=UTC */61 * * * *', 'minute', 0],
  ])('%s leaves only %s %d', (schedule, field, only) => {
    expect(overlongSteps(schedule)).toEqual([
      expect.objectContaining({ field: expect.objectContaining({ name: field }), only }),
    ]);
  });
  test.each([
    '*/15 * * * *',
    '0 */2 * * *',
    '@hourly',
    '0 0 * * MON-FRI/2',
    '59/1 * * * *',
    '0 0 1 */6 *',
    // A step of exactly the field's cycle recurs every step units, as written.
    '*/60 * * * *',
    '5/60 * * * *',
    '0 */24 * * *',
    '0 0 1 */12 *',
    '0 0 * * */7',
  ])('%s is fine', (schedule) => {
    expect(overlongSteps(schedule)).toEqual([]);
  });
});

describe("matchLabelKeys merged into the pods' selectors", () => {
  test("before 1.34 a spread constraint naming the key twice is the API server's refusal, not a never-works finding", () => {
    const job = spreadOverApp(['app']);
    expect(findingsOf('pod-match-label-keys-merge-conflict', job, '1.33')).toEqual([]);
    expect(findingsOf('pod-topology-spread-invalid', job, '1.33').map((f) => f.field)).toEqual([
      'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys[0]',
    ]);
    expect(findingsOf('pod-topology-spread-invalid', job, '1.34')).toEqual([]);
    expect(findingsOf('pod-match-label-keys-merge-conflict', job, '1.34')).toHaveLength(1);
  });

  test('a key matchExpressions names twice is refused by the API server from 1.34, and reported once', () => {
    const job = withJobSpec('Job', (s) => {
      s.template.spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'report' }, matchExpressions: [{ key: 'app', operator: 'Exists' }] },
          matchLabelKeys: ['app'],
        },
      ];
    });
    expect(findingsOf('pod-topology-spread-invalid', job, '1.35')).toHaveLength(1);
    expect(findingsOf('pod-match-label-keys-merge-conflict', job, '1.35')).toEqual([]);
  });

  test("an Indexed Job's pods carry their completion index label", () => {
    const job = withJobSpec('Job', (s) => {
      s.completionMode = 'Indexed';
      s.completions = 3;
      s.template.spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: {
            matchExpressions: [{ key: 'batch.kubernetes.io/job-completion-index', operator: 'Exists' }],
          },
          matchLabelKeys: ['batch.kubernetes.io/job-completion-index'],
        },
      ];
    });
    expect(findingsOf('pod-match-label-keys-merge-conflict', job, '1.35')).toHaveLength(1);
  });
});
