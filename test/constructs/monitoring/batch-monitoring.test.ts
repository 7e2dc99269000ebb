import { ApiObject, App, Chart, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from 'cdk8s-plus-28';
import {
  BatchMonitoring,
  BatchMonitoringProps,
  CronJob,
  IndexedBatch,
  Job,
  QueueConnection,
  QueueTrigger,
  QueueWorkerJob,
} from '../../../src';
import { ScheduledJob } from '../../../src/reconciler/constructs/scheduled-job';
import { CONTAINER, quietApp, synth, thrownMessage } from '../helpers';
import { matches, promqlSelectors, ShapeSelector } from './promql-shape';
import { schemaErrors } from './third-party-schema';

/** The kube-state-metrics series the alerts may use, with the labels each carries. */
const KSM_LABELS: { [metric: string]: string[] } = {
  kube_job_failed: ['namespace', 'job_name', 'condition'],
  kube_job_status_start_time: ['namespace', 'job_name'],
  kube_job_status_active: ['namespace', 'job_name'],
  kube_job_spec_active_deadline_seconds: ['namespace', 'job_name'],
  kube_cronjob_status_last_successful_time: ['namespace', 'cronjob'],
  kube_cronjob_created: ['namespace', 'cronjob'],
  kube_cronjob_spec_suspend: ['namespace', 'cronjob'],
};

interface Workloads {
  app: App;
  chart: Chart;
  cronJob: CronJob;
  job: Job;
  worker: QueueWorkerJob;
  batch: IndexedBatch;
}

function workloads(namespace?: string): Workloads {
  const app = quietApp();
  const chart = new Chart(app, 'jobs', { namespace });
  const cronJob = new CronJob(chart, 'nightly', { schedule: '0 3 * * *', containers: [CONTAINER] });
  const job = new Job(chart, 'migrate', { containers: [CONTAINER] });
  const secret = kplus.Secret.fromSecretName(chart, 'redis', 'redis');
  const worker = new QueueWorkerJob(chart, 'drain', {
    containers: [CONTAINER],
    queue: QueueConnection.fromSecret(secret, { REDIS_ADDRESS: 'address' }),
    keda: { triggers: [QueueTrigger.redisList({ listName: 'jobs', addressFromEnv: 'REDIS_ADDRESS' })] },
  });
  const batch = new IndexedBatch(chart, 'shards', { completions: 4, containers: [CONTAINER] });
  return { app, chart, cronJob, job, worker, batch };
}

function ruleOf(chart: Chart): any {
  const rules = synth(chart).filter((o) => o.kind === 'PrometheusRule');
  expect(rules).toHaveLength(1);
  return rules[0];
}

function alertsByGroup(rule: any): { [group: string]: any[] } {
  return Object.fromEntries(rule.spec.groups.map((g: any) => [g.name, g.rules]));
}

const nameOf = (w: Construct): string => ApiObject.of(w).name;

describe('chart-wide BatchMonitoring', () => {
  const w = workloads('batch');
  new BatchMonitoring(w.chart, 'alerts');
  const rule = ruleOf(w.chart);
  const groups = alertsByGroup(rule);
  const cronName = nameOf(w.cronJob);
  const jobName = nameOf(w.job);
  const workerName = nameOf(w.worker);
  const batchName = nameOf(w.batch);

  test('one group per batch workload in the chart, named by kind and object name', () => {
    expect(Object.keys(groups).sort()).toEqual(
      [`cronjob-${cronName}`, `job-${batchName}`, `job-${jobName}`, `scaledjob-${workerName}`].sort(),
    );
    expect(rule.metadata.namespace).toBe('batch');
  });

  test('a CronJob gets four alerts with their default names, severities and for durations', () => {
    expect(groups[`cronjob-${cronName}`].map((r: any) => [r.alert, r.labels.severity, r.for])).toEqual([
      ['BatchJobFailed', 'warning', undefined],
      ['BatchJobOverDeadline', 'warning', '15m'],
      ['BatchCronJobNoRecentSuccess', 'critical', undefined],
      ['BatchCronJobSuspended', 'warning', '1d'],
    ]);
  });

  test('Jobs and ScaledJobs get the two Job alerts', () => {
    for (const group of [`job-${jobName}`, `job-${batchName}`, `scaledjob-${workerName}`]) {
      expect(groups[group].map((r: any) => r.alert)).toEqual(['BatchJobFailed', 'BatchJobOverDeadline']);
    }
  });

  test('every expression parses, uses only kube-state-metrics series with their own labels, and scopes to the namespace', () => {
    for (const r of rule.spec.groups.flatMap((g: any) => g.rules)) {
      const selectors = promqlSelectors(r.expr);
      expect(selectors.length).toBeGreaterThan(0);
      for (const s of selectors) {
        expect(Object.keys(KSM_LABELS)).toContain(s.metric);
        for (const m of s.matchers) expect(KSM_LABELS[s.metric]).toContain(m.label);
        expect(s.matchers).toContainEqual({ label: 'namespace', op: '=', value: 'batch' });
      }
    }
  });

  /** The matcher of `label` in each selector of the alert's expression. */
  const matchersOf = (group: string, alert: string, label: string) =>
    promqlSelectors(groups[group].find((r: any) => r.alert === alert).expr)
      .map((s: ShapeSelector) => s.matchers.find((m) => m.label === label))
      .filter((m) => m !== undefined);

  test("a standalone Job's alerts name exactly that Job", () => {
    for (const m of matchersOf(`job-${jobName}`, 'BatchJobFailed', 'job_name'))
      expect(m).toEqual({ label: 'job_name', op: '=', value: jobName });
  });

  test("a CronJob's Job alerts match its Jobs (<name>-<minutes>) and nothing else", () => {
    const ms = [
      ...matchersOf(`cronjob-${cronName}`, 'BatchJobFailed', 'job_name'),
      ...matchersOf(`cronjob-${cronName}`, 'BatchJobOverDeadline', 'job_name'),
    ];
    expect(ms).toHaveLength(5);
    for (const m of ms) {
      expect(matches(m, `${cronName}-29471220`)).toBe(true);
      for (const other of [
        cronName,
        `${cronName}-`,
        `${cronName}-12a`,
        `${cronName}x-1`,
        `x${cronName}-1`,
        `${cronName}-1-2`,
      ])
        expect(matches(m, other)).toBe(false);
    }
    for (const m of matchersOf(`cronjob-${cronName}`, 'BatchCronJobNoRecentSuccess', 'cronjob'))
      expect(m).toEqual({ label: 'cronjob', op: '=', value: cronName });
  });

  test("a ScaledJob's alerts match the Jobs KEDA creates (<name>- and five generated characters)", () => {
    for (const m of matchersOf(`scaledjob-${workerName}`, 'BatchJobFailed', 'job_name')) {
      expect(matches(m, `${workerName}-x7k2q`)).toBe(true);
      for (const other of [`${workerName}-aaaaa`, `${workerName}-x7k2`, `${workerName}-x7k2qq`, `${workerName}x7k2q`])
        expect(matches(m, other)).toBe(false);
    }
  });

  test('the no-success threshold of a daily CronJob is 1.5 days plus its 1-hour run deadline', () => {
    const expr = groups[`cronjob-${cronName}`].find((r: any) => r.alert === 'BatchCronJobNoRecentSuccess').expr;
    expect(expr).toContain('> 133200)');
    expect(
      groups[`cronjob-${cronName}`].find((r: any) => r.alert === 'BatchCronJobNoRecentSuccess').annotations.summary,
    ).toMatch(/has not succeeded for 1d13h$/);
  });

  test('the PrometheusRule passes the Prometheus Operator model schema, and a broken one does not', () => {
    const broken = {
      ...rule,
      spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up', for: '5 minutes' }] }] },
    };
    const errors = schemaErrors([rule, broken]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^PrometheusRule\/.*for must match pattern/);
  });
});

describe('names that need escaping', () => {
  test('a dot in an explicit CronJob name is a literal dot in the regex', () => {
    const app = quietApp();
    const chart = new Chart(app, 'c');
    new CronJob(chart, 'etl', { schedule: '0 * * * *', containers: [CONTAINER], metadata: { name: 'etl.hourly' } });
    new BatchMonitoring(chart, 'alerts');
    const expr: string = ruleOf(chart).spec.groups[0].rules[0].expr;
    expect(expr).toContain('job_name=~"etl\\\\.hourly-[0-9]+"');
    const m = promqlSelectors(expr)[0].matchers.find((x) => x.label === 'job_name')!;
    expect(matches(m, 'etl.hourly-29471220')).toBe(true);
    expect(matches(m, 'etlxhourly-29471220')).toBe(false);
  });

  test('without a namespace in the manifest the alerts match any namespace', () => {
    const w = workloads();
    new BatchMonitoring(w.chart, 'alerts', { workloads: [w.job] });
    for (const s of promqlSelectors(ruleOf(w.chart).spec.groups[0].rules[0].expr))
      expect(s.matchers.map((m) => m.label)).not.toContain('namespace');
  });
});

describe('thresholds from the schedule and zone', () => {
  function threshold(schedule: string, timeZone?: string, props: BatchMonitoringProps = {}): number {
    const app = quietApp();
    const chart = new Chart(app, 'c');
    const cronJob = new CronJob(chart, 'cj', { schedule, timeZone, containers: [CONTAINER] });
    new BatchMonitoring(chart, 'alerts', { ...props, workloads: [cronJob] });
    const expr: string = ruleOf(chart).spec.groups[0].rules.find(
      (r: any) => r.alert === 'BatchCronJobNoRecentSuccess',
    ).expr;
    return Number(/> (\d+)\)/.exec(expr)![1]);
  }

  test('daily: about 36 hours (1.5 x 24 h + 1 h deadline)', () =>
    expect(threshold('0 3 * * *')).toBe(1.5 * 86400 + 3600));
  test('weekly: about 10 days (1.5 x 7 d + 1 h deadline)', () =>
    expect(threshold('0 3 * * 1')).toBe(1.5 * 7 * 86400 + 3600));
  test('hourly: 1.5 hours plus the hour-long run deadline', () =>
    expect(threshold('15 * * * *')).toBe(1.5 * 3600 + 3600));
  test('the longest gap, not the typical one: weekdays only leave 3 days over the weekend', () =>
    expect(threshold('0 6 * * 1-5')).toBe(1.5 * 3 * 86400 + 3600));
  test('a daily run daylight saving shifts: 25 hours in Berlin', () =>
    expect(threshold('0 3 * * *', 'Europe/Berlin')).toBe(1.5 * 25 * 3600 + 3600));
  // 02:30 does not exist on the spring-forward day: from 02:30 CET the day before to 02:30 CEST the day after is 47 hours.
  test('a daily run daylight saving skips: 47 hours once a year, so no false alarm', () =>
    expect(threshold('30 2 * * *', 'Europe/Berlin')).toBe(1.5 * 47 * 3600 + 3600));
  test('k is configurable', () =>
    expect(threshold('0 3 * * *', undefined, { missedIntervals: 2 })).toBe(2 * 86400 + 3600));
});

describe('settings', () => {
  test('names, severities, for, labels, runbooks and disabling', () => {
    const w = workloads('batch');
    new BatchMonitoring(w.chart, 'alerts', {
      workloads: [w.cronJob],
      labels: { team: 'data' },
      runbookBaseUrl: 'https://runbooks.example/batch',
      jobFailed: {
        alertName: 'NightlyFailed',
        severity: 'page',
        forDuration: Duration.minutes(2),
        labels: { tier: 'gold' },
      },
      jobOverDeadline: { enabled: false },
      cronJobSuspended: { runbookUrl: 'https://wiki.example/suspended', forDuration: Duration.hours(6) },
      metadata: { labels: { release: 'kube-prometheus-stack' } },
    });
    const rule = ruleOf(w.chart);
    const rules = rule.spec.groups[0].rules;
    expect(rule.metadata.labels).toEqual({ release: 'kube-prometheus-stack' });
    expect(rules.map((r: any) => r.alert)).toEqual([
      'NightlyFailed',
      'BatchCronJobNoRecentSuccess',
      'BatchCronJobSuspended',
    ]);
    expect(rules[0]).toMatchObject({
      for: '2m',
      labels: { team: 'data', tier: 'gold', severity: 'page' },
      annotations: { runbook_url: 'https://runbooks.example/batch#nightlyfailed' },
    });
    expect(rules[1].labels).toEqual({ team: 'data', severity: 'critical' });
    expect(rules[2]).toMatchObject({ for: '6h', annotations: { runbook_url: 'https://wiki.example/suspended' } });
  });

  test('no runbook annotation without a runbook URL', () => {
    const w = workloads('batch');
    new BatchMonitoring(w.chart, 'alerts', { workloads: [w.job] });
    expect(ruleOf(w.chart).spec.groups[0].rules[0].annotations.runbook_url).toBeUndefined();
  });
});

describe('per-workload and chart-wide together', () => {
  test('a workload named by an explicit BatchMonitoring is left to it by the chart-wide one', () => {
    const w = workloads('batch');
    new BatchMonitoring(w.chart, 'nightly-alerts', { workloads: [w.cronJob], labels: { team: 'data' } });
    new BatchMonitoring(w.chart, 'everything');
    const rules = synth(w.chart).filter((o) => o.kind === 'PrometheusRule');
    const groupsOf = (r: any) => r.spec.groups.map((g: any) => g.name.split('-')[0] + ':' + g.name.includes('nightly'));
    expect(rules.map(groupsOf)).toEqual([['cronjob:true'], ['job:false', 'scaledjob:false', 'job:false']]);
  });

  test('a chart-wide BatchMonitoring does not reach into other charts', () => {
    const w = workloads('batch');
    const other = new Chart(w.app, 'monitoring');
    new Job(other, 'local', { containers: [CONTAINER] });
    new BatchMonitoring(other, 'alerts');
    expect(ruleOf(other).spec.groups).toHaveLength(1);
  });

  test('an explicit list may name workloads of another chart', () => {
    const w = workloads('batch');
    const other = new Chart(w.app, 'monitoring');
    new BatchMonitoring(other, 'alerts', { workloads: [w.cronJob] });
    expect(ruleOf(other).spec.groups.map((g: any) => g.name)).toEqual([`cronjob-${nameOf(w.cronJob)}`]);
  });
});

describe('mistakes are prop errors', () => {
  function errorOf(props: BatchMonitoringProps, withWorkloads = true): string | undefined {
    const app = quietApp();
    const chart = new Chart(app, 'c');
    if (withWorkloads) new Job(chart, 'job', { containers: [CONTAINER] });
    new BatchMonitoring(chart, 'alerts', props);
    return thrownMessage(() => Testing.synth(chart));
  }
  const cases: Array<[string, BatchMonitoringProps, RegExp]> = [
    [
      'a label name Prometheus rejects',
      { labels: { 'team-name': 'x' } },
      /\[c\/alerts\] labels: "team-name" is not a Prometheus label name/,
    ],
    [
      'severity as a label',
      { jobFailed: { labels: { severity: 'x' } } },
      /jobFailed\.labels: set the severity with the alert's severity setting/,
    ],
    [
      'an invalid alert name',
      { jobFailed: { alertName: 'Job failed!' } },
      /jobFailed\.alertName: "Job failed!" is not a valid alert name/,
    ],
    [
      'two alerts with one name',
      { jobOverDeadline: { alertName: 'BatchJobFailed' } },
      /jobOverDeadline\.alertName: "BatchJobFailed" is also the name of jobFailed/,
    ],
    [
      'k below 1',
      { missedIntervals: 0.5 },
      /missedIntervals: 0\.5 would alert before a CronJob has had the chance to run again/,
    ],
    ['an empty workload list', { workloads: [] }, /workloads: the list is empty/],
    [
      'a fractional for',
      { jobFailed: { forDuration: Duration.millis(1500) } },
      /jobFailed\.forDuration: the duration must be whole seconds, 0 or more\. \[monitoring-alert-invalid\] Fix: /,
    ],
  ];
  test.each(cases)('%s', (_name, props, expected) => expect(errorOf(props)).toMatch(expected));

  test('a chart without batch workloads', () => {
    expect(errorOf({}, false)).toMatch(
      /\[c\/alerts\] workloads: chart c has no batch workload to alert on\. \[monitoring-workloads-missing\] Fix: /,
    );
  });

  test('valid settings synthesize', () =>
    expect(errorOf({ labels: { team: 'x' }, missedIntervals: 1 })).toBeUndefined());
});

describe('determinism', () => {
  test('two synths give the same PrometheusRule', () => {
    const once = () => {
      const w = workloads('batch');
      new BatchMonitoring(w.chart, 'alerts');
      return JSON.stringify(ruleOf(w.chart));
    };
    expect(once()).toBe(once());
  });
});

describe('a chart that also holds a ScheduledJob (its Jobs come from the reconciler)', () => {
  function chartWithScheduledJob(): { chart: Chart; scheduled: ScheduledJob } {
    const chart = new Chart(quietApp(), 'c');
    new CronJob(chart, 'nightly', { schedule: '0 3 * * *', containers: [CONTAINER] });
    const scheduled = new ScheduledJob(chart, 'reconciled', { schedule: '0 4 * * *', containers: [CONTAINER] });
    return { chart, scheduled };
  }

  test('chart-wide monitoring passes over it and alerts on the rest', () => {
    const { chart } = chartWithScheduledJob();
    new BatchMonitoring(chart, 'alerts');
    expect(Object.keys(alertsByGroup(ruleOf(chart)))).toEqual([expect.stringMatching(/^cronjob-/)]);
  });

  test('naming it in workloads is still a finding at workloads', () => {
    const { chart, scheduled } = chartWithScheduledJob();
    new BatchMonitoring(chart, 'alerts', { workloads: [scheduled] });
    expect(thrownMessage(() => Testing.synth(chart))).toMatch(
      /\[c\/alerts\] workloads: c\/reconciled emits no Job, CronJob or ScaledJob the alerts can name\. \[monitoring-workloads-missing\]/,
    );
  });
});
