/**
 * Fully hardened objects (what the safe constructs emit) and helpers to break them one field at a
 * time, so each test's bad input differs from a passing one by exactly the change under test.
 */
import { Finding } from '../../../src/rules/finding';
import { RuleLevel, RulePolicy } from '../../../src/rules/policy';
import { validateBatchObject } from '../../../src/rules/registry';
import { ungrouped } from '../../support/findings';
import { BEST_PRACTICE_RULES } from '../../../src/rules/best-practice';

/** Every test runs at this instant, so daylight-saving dates are fixed. */
export const NOW = Date.parse('2026-01-15T00:00:00Z');

const BEST_PRACTICE_IDS = new Set(BEST_PRACTICE_RULES.map((r) => r.id));

function hardenedContainer(name: string, image: string): Record<string, any> {
  return {
    name,
    image,
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

function hardenedPodTemplate(app: string): Record<string, any> {
  return {
    metadata: { labels: { app } },
    spec: {
      restartPolicy: 'Never',
      serviceAccountName: app,
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65532,
        runAsGroup: 65532,
        fsGroup: 65532,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      initContainers: [hardenedContainer('fetch', `registry.example.com/fetch@sha256:${'ab'.repeat(32)}`)],
      containers: [hardenedContainer('main', `registry.example.com/${app}:1.4.2`)],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
}

export function hardenedJob(): Record<string, any> {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'report', namespace: 'batch', labels: { app: 'report' } },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 1800,
      ttlSecondsAfterFinished: 86_400,
      template: hardenedPodTemplate('report'),
    },
  };
}

export function hardenedCronJob(): Record<string, any> {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-backup', namespace: 'batch', labels: { app: 'backup', team: 'data' } },
    spec: {
      schedule: '30 4 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { labels: { app: 'backup', team: 'data' } },
        spec: { backoffLimit: 2, activeDeadlineSeconds: 3600, template: hardenedPodTemplate('backup') },
      },
    },
  };
}

/** A copy of `object` changed by `change` (which may mutate the copy freely). */
export function changed<T>(object: T, change: (copy: any) => void): T {
  const copy = structuredClone(object);
  change(copy);
  return copy;
}

export interface LintOptions {
  readonly kubernetesVersion?: string;
  readonly policy?: RulePolicy;
}

/**
 * Best-practice findings for `object` at NOW, a grouped finding as its parts: rules are tested one
 * setting at a time (finding-group.test.ts tests the grouping).
 */
export function bestPracticeFindings(object: unknown, options: LintOptions = {}): Finding[] {
  return ungrouped(validateBatchObject(object, { ...options, now: NOW })).filter((f) => BEST_PRACTICE_IDS.has(f.rule));
}

/** Findings of one rule. */
export function findingsOf(object: unknown, rule: string, options: LintOptions = {}): Finding[] {
  return bestPracticeFindings(object, options).filter((f) => f.rule === rule);
}

/** The fields one rule reports, in order. */
export function fieldsOf(object: unknown, rule: string, options: LintOptions = {}): string[] {
  return findingsOf(object, rule, options).map((f) => f.field);
}

/** The pod template path of a fixture's kind. */
export function templatePath(object: Record<string, any>): string {
  return object.kind === 'Job' ? 'spec.template' : 'spec.jobTemplate.spec.template';
}

/** The pod template of a fixture (to change it in place). */
export function templateOf(object: any): any {
  return object.kind === 'Job' ? object.spec.template : object.spec.jobTemplate.spec.template;
}

/** One rule's bad and good variants of the hardened pod template, with the fields the bad one is reported at. */
export interface PodTemplateCase {
  readonly name: string;
  readonly rule: string;
  /** Breaks the hardened pod template (`template.spec` is the pod spec). */
  readonly bad: (template: any) => void;
  /** Fields relative to the pod template, e.g. `spec.containers[0].image`. */
  readonly fields: readonly string[];
  /** A nearby change the rule accepts. */
  readonly good: (template: any) => void;
  readonly kubernetesVersion?: string;
}

const OPT_IN_IDS = new Set(BEST_PRACTICE_RULES.filter((r) => r.optIn).map((r) => r.id));

/** A case's release, with its rule turned on when it is opt-in. */
function caseOptions(c: { readonly rule: string; readonly kubernetesVersion?: string }): LintOptions {
  const policy = OPT_IN_IDS.has(c.rule) ? { rules: { [c.rule]: RuleLevel.WARNING } } : undefined;
  return { kubernetesVersion: c.kubernetesVersion, policy };
}

/** Runs each case against both a Job and a CronJob, so paths are checked under both roots. */
/** A pod template change made with `hostUsers` set: false puts the pod in its own user namespace. */
export function withHostUsers(hostUsers: boolean, change: (template: any) => void = () => {}): (template: any) => void {
  return (t) => {
    t.spec.hostUsers = hostUsers;
    change(t);
  };
}

export function describePodTemplateCases(cases: readonly PodTemplateCase[]): void {
  describe.each([
    ['Job', hardenedJob],
    ['CronJob', hardenedCronJob],
  ])('in a %s', (_kind, make) => {
    const base = templatePath(make());
    test.each(cases.map((c) => [`${c.rule}: ${c.name}`, c] as const))('%s', (_name, c) => {
      const options = caseOptions(c);
      const bad = changed(make(), (o) => c.bad(templateOf(o)));
      expect(fieldsOf(bad, c.rule, options)).toEqual(c.fields.map((f) => `${base}.${f}`));
      const good = changed(make(), (o) => c.good(templateOf(o)));
      expect(findingsOf(good, c.rule, options)).toEqual([]);
    });
  });
}

/** One rule's bad and good variants of a hardened Job or CronJob, with the fields the bad one is reported at. */
export interface ObjectCase {
  readonly name: string;
  readonly rule: string;
  readonly make: () => Record<string, any>;
  readonly bad: (object: any) => void;
  readonly fields: readonly string[];
  readonly good: (object: any) => void;
  readonly kubernetesVersion?: string;
  /** Words the bad finding's message (or fix) must contain, to pin the explanation, e.g. the arithmetic. */
  readonly says?: readonly string[];
}

export function describeObjectCases(cases: readonly ObjectCase[]): void {
  test.each(cases.map((c) => [`${c.rule}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const options = caseOptions(c);
    const bad = changed(c.make(), c.bad);
    const findings = findingsOf(bad, c.rule, options);
    expect(findings.map((f) => f.field)).toEqual(c.fields);
    for (const words of c.says ?? []) expect(findings.map((f) => `${f.message} ${f.fix}`).join('\n')).toContain(words);
    expect(findingsOf(changed(c.make(), c.good), c.rule, options)).toEqual([]);
  });
}
