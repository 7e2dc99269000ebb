/**
 * The Prometheus alerting rules for one workload, on kube-state-metrics series (names and labels as
 * in kube-state-metrics' docs/metrics/workload: `kube_job_*` carry `namespace` and `job_name`,
 * `kube_cronjob_*` carry `namespace` and `cronjob`; timestamps are Unix seconds). Pure: a target and
 * resolved settings in, rules out.
 */
import {
  AlertTarget,
  jobNameMatcher,
  longestIntervalSeconds,
  namespaceMatchers,
  noSuccessThresholdSeconds,
} from './alert-targets';
import { Matcher, promDuration, selector } from './promql';

/** One alert's settings after defaults. */
export interface ResolvedAlert {
  readonly name: string;
  readonly severity: string;
  readonly forSeconds: number;
  readonly labels: { readonly [key: string]: string };
  readonly runbookUrl?: string;
}

/** Every alert's settings after defaults; an absent alert is disabled. */
export interface AlertPlan {
  readonly jobFailed?: ResolvedAlert;
  readonly jobOverDeadline?: ResolvedAlert;
  readonly cronJobNoRecentSuccess?: ResolvedAlert;
  readonly cronJobSuspended?: ResolvedAlert;
  /** k in k x longest interval. */
  readonly missedIntervals: number;
}

/**
 * One alerting rule of a PrometheusRule group. Our own type, not `@kubernetes-models/prometheus-operator`'s
 * (a development dependency): it appears in published declarations. BatchMonitoring assigns it to
 * that package's type where it renders the spec, so a drift still fails our build.
 */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: { readonly [key: string]: string };
  readonly annotations: { readonly [key: string]: string };
}

const TRUE: Matcher = { label: 'condition', op: '=', value: 'true' };

function rule(alert: ResolvedAlert, expr: string, summary: string, description: string): AlertingRule {
  const annotations: { [key: string]: string } = { summary, description };
  if (alert.runbookUrl !== undefined) annotations.runbook_url = alert.runbookUrl;
  return {
    alert: alert.name,
    expr,
    for: alert.forSeconds > 0 ? promDuration(alert.forSeconds) : undefined,
    labels: { ...alert.labels, severity: alert.severity },
    annotations,
  };
}

/** "Job x", "CronJob x" or "ScaledJob x", with the namespace when known. */
function describe(target: AlertTarget): string {
  return `${target.kind} ${target.namespace === undefined ? '' : `${target.namespace}/`}${target.name}`;
}

/**
 * A failed Job. For a CronJob only failures newer than its last success count: its history keeps
 * failed Jobs after later runs succeed, and an alert on those would never resolve.
 */
export function jobFailedExpr(target: AlertTarget): string {
  const jobs = [...namespaceMatchers(target), jobNameMatcher(target)];
  const failed = `${selector('kube_job_failed', [...jobs, TRUE])} == 1`;
  if (target.kind !== 'CronJob') return failed;
  const lastSuccess = selector('kube_cronjob_status_last_successful_time', [
    ...namespaceMatchers(target),
    { label: 'cronjob', op: '=', value: target.name },
  ]);
  return [
    `(${failed})`,
    'unless on(namespace, job_name)',
    `(${selector('kube_job_status_start_time', jobs)} < on(namespace) group_left() max by(namespace) (${lastSuccess}))`,
  ].join('\n');
}

/** A Job still active after its activeDeadlineSeconds (its pods did not stop when the controller failed it). */
export function jobOverDeadlineExpr(target: AlertTarget): string {
  const jobs = [...namespaceMatchers(target), jobNameMatcher(target)];
  return [
    `((time() - ${selector('kube_job_status_start_time', jobs)}) > on(namespace, job_name) ${selector('kube_job_spec_active_deadline_seconds', jobs)})`,
    'and on(namespace, job_name)',
    `(${selector('kube_job_status_active', jobs)} > 0)`,
  ].join('\n');
}

function cronJobMatchers(target: AlertTarget): Matcher[] {
  return [...namespaceMatchers(target), { label: 'cronjob', op: '=', value: target.name }];
}

/**
 * No successful run for `thresholdSeconds` (counted from creation when it never succeeded), unless
 * the CronJob is suspended, which its own alert reports.
 */
export function noRecentSuccessExpr(target: AlertTarget, thresholdSeconds: number): string {
  const cronJob = cronJobMatchers(target);
  return [
    `((time() - max by(namespace, cronjob) (${selector('kube_cronjob_status_last_successful_time', cronJob)} or ${selector('kube_cronjob_created', cronJob)})) > ${thresholdSeconds})`,
    'unless on(namespace, cronjob)',
    `(${selector('kube_cronjob_spec_suspend', cronJob)} == 1)`,
  ].join('\n');
}

export function suspendedExpr(target: AlertTarget): string {
  return `${selector('kube_cronjob_spec_suspend', cronJobMatchers(target))} == 1`;
}

/** The rules for one target. */
export function alertRules(target: AlertTarget, plan: AlertPlan): AlertingRule[] {
  const rules: AlertingRule[] = [];
  const what = describe(target);
  const jobs = target.kind === 'Job' ? what : `Job {{ $labels.job_name }} of ${what}`;
  if (plan.jobFailed) {
    rules.push(
      rule(
        plan.jobFailed,
        jobFailedExpr(target),
        `${what} failed`,
        `${jobs} failed (Failed condition). Read its pods' logs and events: kubectl describe job -n {{ $labels.namespace }} {{ $labels.job_name }}.`,
      ),
    );
  }
  if (plan.jobOverDeadline) {
    rules.push(
      rule(
        plan.jobOverDeadline,
        jobOverDeadlineExpr(target),
        `${what} runs past its deadline`,
        `${jobs} has been active for {{ $value | humanizeDuration }}, longer than its activeDeadlineSeconds: its pods did not stop (stuck terminating, lost node, or the controller is behind).`,
      ),
    );
  }
  if (target.kind === 'CronJob' && target.schedule !== undefined) {
    const longest = longestIntervalSeconds(target.schedule, target.timeZone);
    if (plan.cronJobNoRecentSuccess && longest !== undefined) {
      const threshold = noSuccessThresholdSeconds(longest, target.runDeadlineSeconds ?? 0, plan.missedIntervals);
      rules.push(
        rule(
          plan.cronJobNoRecentSuccess,
          noRecentSuccessExpr(target, threshold),
          `${what} has not succeeded for ${promDuration(threshold)}`,
          `${what} (schedule "${target.schedule}"${target.timeZone ? ` in ${target.timeZone}` : ''}) has had no successful run for {{ $value | humanizeDuration }}, over ${plan.missedIntervals} times its longest interval between runs (${promDuration(longest)}) plus its run deadline. Check its recent Jobs and whether runs are being skipped.`,
        ),
      );
    }
    if (plan.cronJobSuspended) {
      rules.push(
        rule(
          plan.cronJobSuspended,
          suspendedExpr(target),
          `${what} is suspended`,
          `${what} has been suspended for ${promDuration(plan.cronJobSuspended.forSeconds)} or more; no runs are scheduled. Resume it (spec.suspend: false) or remove it.`,
        ),
      );
    }
  }
  return rules;
}
