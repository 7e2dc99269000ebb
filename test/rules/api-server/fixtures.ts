/**
 * Realistic, valid batch/v1 objects and helpers to break them one field at a time. Every builder
 * returns a fresh object, so a test can mutate it freely.
 */
import { Finding } from '../../../src/rules/finding';
import { validateBatchObject } from '../../../src/rules/registry';
import { API_SERVER_RULES } from '../../../src/rules/api-server';

export type Json = any;
export type Kind = 'Job' | 'CronJob';

/** A Job that any supported release accepts. */
export function goodJob(): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'nightly-report',
      namespace: 'reports',
      labels: { app: 'report' },
      annotations: { 'example.com/owner': 'data-team' },
    },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 3600,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: { app: 'report' }, annotations: { 'example.com/purpose': 'report' } },
        spec: {
          restartPolicy: 'Never',
          initContainers: [{ name: 'fetch', image: 'registry.example.com/fetch:1.2.0' }],
          containers: [{ name: 'main', image: 'registry.example.com/report:1.4.2', args: ['--date', 'yesterday'] }],
        },
      },
    },
  };
}

/** A CronJob that any supported release accepts. */
export function goodCronJob(): Json {
  const job = goodJob();
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-report', namespace: 'reports', labels: { app: 'report' } },
    spec: {
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { app: 'report' } }, spec: job.spec },
    },
  };
}

/** A good object of `kind`, changed by `change`. */
export function objectWith(kind: Kind, change: (object: Json) => void = () => {}): Json {
  const object = kind === 'Job' ? goodJob() : goodCronJob();
  change(object);
  return object;
}

/** The JobSpec of a Job or CronJob. */
export function jobSpecIn(object: Json): Json {
  return object.kind === 'Job' ? object.spec : object.spec.jobTemplate.spec;
}

/** A good object of `kind` whose JobSpec is changed by `change`. */
export function withJobSpec(kind: Kind, change: (spec: Json) => void): Json {
  return objectWith(kind, (o) => change(jobSpecIn(o)));
}

/** Where the JobSpec sits: `spec` or `spec.jobTemplate.spec`. */
export function jobSpecPath(kind: Kind): string {
  return kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec';
}

export function findings(object: unknown, kubernetesVersion = '1.28'): Finding[] {
  return validateBatchObject(object, { kubernetesVersion, now: Date.UTC(2026, 0, 1) });
}

const API_SERVER_RULE_IDS = new Set(API_SERVER_RULES.map((r) => r.id));

/** Only the API-server findings (best-practice rules are other modules' business). */
export function apiServerFindings(object: unknown, kubernetesVersion = '1.28'): Finding[] {
  return findings(object, kubernetesVersion).filter((f) => API_SERVER_RULE_IDS.has(f.rule));
}

/** `rule field` pairs, for readable expectations. */
export function ruleFields(object: unknown, kubernetesVersion = '1.28'): string[] {
  return apiServerFindings(object, kubernetesVersion).map((f) => `${f.rule} ${f.field}`);
}

/** The findings of one rule. */
export function findingsOf(rule: string, object: unknown, kubernetesVersion = '1.28'): Finding[] {
  return findings(object, kubernetesVersion).filter((f) => f.rule === rule);
}

/**
 * One row of a rule table: a broken object must give `rule` at `field`, and the fixed object
 * must not give `rule` at all.
 */
export interface RuleCase {
  /** The k8s-validation.md row (or behaviour) under test. */
  readonly row: string;
  readonly rule: string;
  readonly field: string;
  readonly bad: Json;
  readonly good: Json;
  readonly version?: string;
}

/** Runs a rule table: the bad object is reported at the field, the good one is not reported. */
export function runRuleTable(cases: readonly RuleCase[]): void {
  test.each(cases.map((c) => [c.row, c] as const))('%s', (_row, c) => {
    const bad = findingsOf(c.rule, c.bad, c.version);
    expect(bad.map((f) => f.field)).toContain(c.field);
    for (const f of bad) {
      expect(f.severity).toBe('error');
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(10);
    }
    expect(findingsOf(c.rule, c.good, c.version)).toEqual([]);
  });
}
