/**
 * BatchPolicy `gitOpsTool`: a standalone Job runs once per change of its content under Argo CD and
 * Flux, checked against each tool's documented behaviour (test/support/gitops-tools.ts), and the
 * manifest that gets it there: no default TTL (with the reason, so lint agrees), a content-hashed
 * name, hooks left to Argo CD.
 */
import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BatchPolicy,
  CompletionMode,
  Job,
  JobProps,
  MigrationHookStyle,
  MigrationJob,
  QueueConnection,
  QueueTrigger,
  QueueWorkerJob,
} from '../../src';
import { GitOpsTool } from '../../src/constructs/gitops';
import { suppressionAnnotation } from '../../src/rules/policy';
import { reconcile, SimulatedCluster, Tool } from '../support/gitops-tools';
import { CONTAINER, findingsOf, quietApp } from './helpers';

const POD = { securityContext: { user: 1000 } };

/** The Jobs one synth writes, for a policy and a Job's props. */
function jobsOf(tool: GitOpsTool, props: JobProps = {}, chartLabels?: { [key: string]: string }): any[] {
  const chart = new Chart(quietApp({ gitOpsTool: tool }), 'app', { labels: chartLabels });
  new Job(chart, 'reindex', { containers: [CONTAINER], ...POD, ...props });
  return Testing.synth(chart).filter((o) => o.kind === 'Job');
}

/**
 * Three commits (the Job as first written, an unrelated change, a new image), each followed by the
 * Jobs finishing, their TTLs expiring, and two more reconciliations (self-heal, the Flux interval).
 */
function history(tool: Tool, policy: GitOpsTool): SimulatedCluster {
  const cluster = new SimulatedCluster();
  const image = (tag: string) => ({ containers: [{ ...CONTAINER, image: `registry.example/task:${tag}` }] });
  for (const desired of [
    jobsOf(policy, image('1.0.0')),
    jobsOf(policy, image('1.0.0')),
    jobsOf(policy, image('1.1.0')),
  ]) {
    reconcile(tool, cluster, desired, true);
    for (let pass = 0; pass < 2; pass++) {
      cluster.finishAndExpire();
      reconcile(tool, cluster, desired, false);
    }
  }
  return cluster;
}

describe.each([
  ['ArgoCD', GitOpsTool.ARGO_CD],
  ['Flux', GitOpsTool.FLUX],
] as const)('under %s', (tool, policy) => {
  test('without the setting, the tool puts back the Job its TTL deleted and refuses the changed one', () => {
    const cluster = history(tool, GitOpsTool.NONE);
    expect(cluster.runs.length).toBeGreaterThan(2);
    expect(cluster.errors).toContainEqual(expect.stringMatching(/field is immutable/));
  });

  test('with the setting, the Job runs once per content: twice over three commits, without an error', () => {
    const cluster = history(tool, policy);
    expect(cluster.errors).toEqual([]);
    expect(cluster.runs).toHaveLength(2);
    expect(new Set(cluster.runs).size).toBe(2);
    // The superseded Job is pruned; the current one stays, finished, as Git says.
    expect(cluster.names()).toEqual([cluster.runs[1]]);
  });

  test('the manifest: no default TTL, with the reason, so the job-missing-ttl rule agrees', () => {
    const [job] = jobsOf(policy);
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.metadata.annotations[suppressionAnnotation('job-missing-ttl')]).toMatch(
      new RegExp(`^${policy} re-creates a Job that its TTL deleted`),
    );
    expect(findingsOf(job, '1.35').map((f) => f.rule)).not.toContain('job-missing-ttl');
    const { annotations: _reason, ...bare } = job.metadata;
    expect(findingsOf({ ...job, metadata: bare }, '1.35')).toContainEqual(
      expect.objectContaining({ rule: 'job-missing-ttl', field: 'spec.ttlSecondsAfterFinished' }),
    );
  });

  test('an explicit TTL is kept: the choice is the user', () => {
    const [job] = jobsOf(policy, { ttlAfterFinished: Duration.days(1) });
    expect(job.spec.ttlSecondsAfterFinished).toBe(86400);
    expect(job.metadata.annotations).toBeUndefined();
  });

  test('the name is hashed from the spec: same content same name, an annotation change keeps it', () => {
    const [first] = jobsOf(policy);
    expect(first.metadata.name).toMatch(/^app-reindex-c[0-9a-f]{7}-[0-9a-f]{10}$/);
    expect(jobsOf(policy)[0].metadata.name).toBe(first.metadata.name);
    expect(jobsOf(policy, { metadata: { annotations: { owner: 'search' } } })[0].metadata.name).toBe(
      first.metadata.name,
    );
    // Labels reach the pod template, which a Job cannot change in place: a new Job it is.
    expect(jobsOf(policy, { metadata: { labels: { team: 'search' } } })[0].metadata.name).not.toBe(first.metadata.name);
    expect(jobsOf(policy, { backoffLimit: 4 })[0].metadata.name).not.toBe(first.metadata.name);
    expect(jobsOf(policy, { metadata: { name: 'reindex' } })[0].metadata.name).toMatch(/^reindex-[0-9a-f]{10}$/);
  });

  test("an Indexed Job's name leaves room for its pods' -<index>", () => {
    const [job] = jobsOf(policy, {
      metadata: { name: 'x'.repeat(70) },
      completionMode: CompletionMode.INDEXED,
      completions: 1000,
    });
    expect(`${job.metadata.name}-999`.length).toBeLessThanOrEqual(63);
  });

  test('a QueueWorkerJob without KEDA is a standalone Job; its ScaledJob form is left alone', () => {
    const chart = new Chart(quietApp({ gitOpsTool: policy }), 'app');
    const queue = QueueConnection.fromSecret(kplus.Secret.fromSecretName(chart, 'redis', 'redis'), {
      REDIS: 'address',
    });
    new QueueWorkerJob(chart, 'plain', { containers: [CONTAINER], ...POD, queue });
    new QueueWorkerJob(chart, 'scaled', {
      containers: [CONTAINER],
      ...POD,
      queue,
      keda: { triggers: [QueueTrigger.redisList({ listName: 'l', addressFromEnv: 'REDIS' })] },
    });
    const objects = Testing.synth(chart);
    const job = objects.find((o) => o.kind === 'Job');
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.metadata.name).toMatch(/-[0-9a-f]{10}$/);
    const scaledJob = objects.find((o) => o.kind === 'ScaledJob');
    expect(scaledJob.metadata.name).toMatch(/^app-scaled-c[0-9a-f]{7}$/);
  });
});

describe('hooks and the constructs that name their own Job', () => {
  function migration(tool: GitOpsTool, hookStyle: MigrationHookStyle): any {
    const chart = new Chart(quietApp({ gitOpsTool: tool }), 'app');
    new MigrationJob(chart, 'migrate', { hookStyle, containers: [CONTAINER], ...POD });
    return Testing.synth(chart).find((o) => o.kind === 'Job');
  }

  test('an Argo CD hook under Argo CD is left as it is: hooks are not compared, so its TTL does not re-run it', () => {
    const job = migration(GitOpsTool.ARGO_CD, MigrationHookStyle.ARGO_CD);
    expect(job).toEqual(migration(GitOpsTool.NONE, MigrationHookStyle.ARGO_CD));
    expect(job.spec.ttlSecondsAfterFinished).toBeDefined();
  });

  test('Flux does not know Argo CD hooks: the same Job loses its TTL there, and keeps its own name', () => {
    const job = migration(GitOpsTool.FLUX, MigrationHookStyle.ARGO_CD);
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
    expect(job.metadata.name).toBe(migration(GitOpsTool.NONE, MigrationHookStyle.ARGO_CD).metadata.name);
  });

  test('a MigrationJob without a hook keeps its own content-hashed name, hashed once', () => {
    const job = migration(GitOpsTool.ARGO_CD, MigrationHookStyle.NONE);
    expect(job.metadata.name).toBe(migration(GitOpsTool.NONE, MigrationHookStyle.NONE).metadata.name);
    expect(job.metadata.name).toMatch(/^migrate-[0-9a-f]{10}$/);
    expect(job.spec.ttlSecondsAfterFinished).toBeUndefined();
  });
});

describe('GitOpsTool.NONE, the default', () => {
  test('leaves a standalone Job with its 3-day TTL and its name', () => {
    const [job] = jobsOf(GitOpsTool.NONE);
    expect(job.spec.ttlSecondsAfterFinished).toBe(3 * 86400);
    expect(job.metadata.name).toMatch(/^app-reindex-c[0-9a-f]{7}$/);
  });

  test("a chart's policy overrides the app's", () => {
    const app = quietApp({ gitOpsTool: GitOpsTool.FLUX });
    const chart = new Chart(app, 'app');
    new BatchPolicy(chart, { gitOpsTool: GitOpsTool.NONE });
    new Job(chart, 'reindex', { containers: [CONTAINER], ...POD });
    const job = Testing.synth(chart).find((o) => o.kind === 'Job');
    expect(job.spec.ttlSecondsAfterFinished).toBe(3 * 86400);
  });
});
