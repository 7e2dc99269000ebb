/**
 * BatchMonitoring: a Prometheus Operator PrometheusRule (monitoring.coreos.com/v1) with alerts on
 * kube-state-metrics for batch workloads, emitted beside them:
 * - a Job (standalone, of a CronJob, or created by a KEDA ScaledJob) failed;
 * - a Job is still running after its activeDeadlineSeconds;
 * - a CronJob has not succeeded for k times its longest interval (plus its run deadline);
 * - a CronJob has been suspended for over a day.
 *
 * Opt in per workload (`workloads: [cronJob]`) or for a whole chart (no `workloads`: every Job,
 * CronJob and pattern construct in the chart, found at synth time, except those an explicit
 * BatchMonitoring covers and those that emit no Job, CronJob or ScaledJob, such as a ScheduledJob).
 * Each workload is read from the manifest it emits, so names, namespace, schedule and deadline in
 * the alerts are the ones in the YAML.
 *
 * The PrometheusRule's TypeScript shape comes from the maintained `@kubernetes-models/prometheus-operator`
 * package (type-only).
 */
import { ApiObject, ApiObjectMetadata, Chart, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type { IPrometheusRuleSpec } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRuleSpec' with {
  'resolution-mode': 'import',
};
import { BatchWorkload } from '../batch-workload';
import { constructRuleErrors } from '../synth-validation';
import { AlertPlan, alertRules, ResolvedAlert } from './alert-rules';
import { AlertTarget, alertTargetOf, DEFAULT_MISSED_INTERVALS } from './alert-targets';
import { MONITORING_RULES, MonitoringPlan } from './monitoring-rules';
import { lazyValue } from '../manifest-json';

/** Settings of one alert; each is optional. */
export interface AlertSettings {
  /**
   * Emit this alert.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The alert's name (the `alertname` label).
   * @default - BatchJobFailed, BatchJobOverDeadline, BatchCronJobNoRecentSuccess, BatchCronJobSuspended
   */
  readonly alertName?: string;
  /**
   * The `severity` label.
   * @default - "critical" for a CronJob without a recent success (its output is stale), "warning" otherwise
   */
  readonly severity?: string;
  /**
   * How long the condition must hold before the alert fires (`for`).
   * @default - none for a failed Job (failure is final) and for no recent success (the threshold
   * has its own slack); 15 minutes past the deadline (time for pods to terminate); 1 day suspended
   */
  readonly forDuration?: Duration;
  /**
   * Labels of this alert, over the common `labels`.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The `runbook_url` annotation.
   * @default - `<runbookBaseUrl>#<alert name in lower case>` when runbookBaseUrl is set, else none
   */
  readonly runbookUrl?: string;
}

export interface BatchMonitoringProps {
  /**
   * The workloads to alert on (Job, CronJob, IndexedBatch, QueueWorkerJob, ...).
   * @default - every batch workload in this construct's chart, found at synth time, except those
   * named by another BatchMonitoring's `workloads` (whose settings then win) and those that emit no
   * Job, CronJob or ScaledJob (a ScheduledJob's Jobs are created by the reconciler)
   */
  readonly workloads?: BatchWorkload[];

  /**
   * Labels of every alert, e.g. `{ team: 'search' }` for routing.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Base URL of the runbooks: each alert gets `runbook_url: <base>#<alert name in lower case>`.
   * @default - no runbook annotation
   */
  readonly runbookBaseUrl?: string;

  /**
   * k: a CronJob alerts after k times its longest interval between runs (plus its run deadline)
   * without a success.
   * @default 1.5 - a daily job alerts after about 36 h, a weekly one after about 10.5 days: halfway
   * between a missed run and the next one
   */
  readonly missedIntervals?: number;

  /** @default - enabled, BatchJobFailed, warning, fires at once */
  readonly jobFailed?: AlertSettings;
  /** @default - enabled, BatchJobOverDeadline, warning, for 15 minutes */
  readonly jobOverDeadline?: AlertSettings;
  /** @default - enabled, BatchCronJobNoRecentSuccess, critical, fires at once */
  readonly cronJobNoRecentSuccess?: AlertSettings;
  /** @default - enabled, BatchCronJobSuspended, warning, for 1 day */
  readonly cronJobSuspended?: AlertSettings;

  /**
   * Metadata of the PrometheusRule, e.g. the labels your Prometheus's `ruleSelector` matches
   * (kube-prometheus-stack selects `release: <its release name>`).
   * @default - a generated name and the chart's labels
   */
  readonly metadata?: ApiObjectMetadata;
}

/** Each alert's defaults, in one place. */
const ALERT_DEFAULTS: { readonly [key in AlertKey]: { name: string; severity: string; forSeconds: number } } = {
  jobFailed: { name: 'BatchJobFailed', severity: 'warning', forSeconds: 0 },
  jobOverDeadline: { name: 'BatchJobOverDeadline', severity: 'warning', forSeconds: 15 * 60 },
  cronJobNoRecentSuccess: { name: 'BatchCronJobNoRecentSuccess', severity: 'critical', forSeconds: 0 },
  cronJobSuspended: { name: 'BatchCronJobSuspended', severity: 'warning', forSeconds: 86400 },
};
type AlertKey = 'jobFailed' | 'jobOverDeadline' | 'cronJobNoRecentSuccess' | 'cronJobSuspended';
const ALERT_KEYS = Object.keys(ALERT_DEFAULTS) as AlertKey[];

export class BatchMonitoring extends Construct {
  /** The PrometheusRule. */
  public readonly apiObject: ApiObject;
  private readonly props: BatchMonitoringProps;

  public constructor(scope: Construct, id: string, props: BatchMonitoringProps = {}) {
    super(scope, id);
    this.props = props;
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: props.metadata,
      spec: lazyValue((): IPrometheusRuleSpec => this.renderSpec()),
    });
    this.node.addValidation({ validate: () => constructRuleErrors(this, MONITORING_RULES, this.rulesInput()) });
  }

  /** The workloads this construct alerts on. */
  public get workloads(): BatchWorkload[] {
    if (this.props.workloads) return [...this.props.workloads];
    const chart = Chart.of(this);
    const claimed = new Set<IConstruct>(
      chart.node
        .findAll()
        .flatMap((c) => (c instanceof BatchMonitoring && c !== this && c.props.workloads ? c.props.workloads : [])),
    );
    return chart.node
      .findAll()
      .filter((c): c is BatchWorkload => c instanceof BatchWorkload && !claimed.has(c) && emitsAlertTarget(c));
  }

  private targets(): Array<{ workload: BatchWorkload; target?: AlertTarget }> {
    return this.workloads.map((workload) => ({ workload, target: alertTargetOf(ApiObject.of(workload).toJson()) }));
  }

  private plan(): AlertPlan {
    const resolve = (key: AlertKey): ResolvedAlert | undefined => {
      const settings = this.props[key] ?? {};
      if (settings.enabled === false) return undefined;
      const defaults = ALERT_DEFAULTS[key];
      const name = settings.alertName ?? defaults.name;
      const runbookUrl =
        settings.runbookUrl ??
        (this.props.runbookBaseUrl === undefined ? undefined : `${this.props.runbookBaseUrl}#${name.toLowerCase()}`);
      return {
        name,
        severity: settings.severity ?? defaults.severity,
        forSeconds: settings.forDuration?.toSeconds({ integral: false }) ?? defaults.forSeconds,
        labels: { ...this.props.labels, ...settings.labels },
        runbookUrl,
      };
    };
    return {
      jobFailed: resolve('jobFailed'),
      jobOverDeadline: resolve('jobOverDeadline'),
      cronJobNoRecentSuccess: resolve('cronJobNoRecentSuccess'),
      cronJobSuspended: resolve('cronJobSuspended'),
      missedIntervals: this.props.missedIntervals ?? DEFAULT_MISSED_INTERVALS,
    };
  }

  private renderSpec(): IPrometheusRuleSpec {
    const plan = this.plan();
    const groups = this.targets()
      .filter((t): t is { workload: BatchWorkload; target: AlertTarget } => t.target !== undefined)
      .map(({ target }) => ({ name: `${target.kind.toLowerCase()}-${target.name}`, rules: alertRules(target, plan) }))
      .filter((g) => g.rules.length > 0);
    return { groups };
  }

  /** What the monitoring rules judge. */
  private rulesInput(): MonitoringPlan {
    const plan = this.plan();
    return {
      missedIntervals: plan.missedIntervals,
      labelSets: [
        { prop: 'labels', keys: Object.keys(this.props.labels ?? {}) },
        ...ALERT_KEYS.map((k) => ({ prop: `${k}.labels`, keys: Object.keys(this.props[k]?.labels ?? {}) })),
      ],
      alerts: ALERT_KEYS.flatMap((k) => {
        const alert = plan[k];
        return alert ? [{ prop: k, name: alert.name, forSeconds: alert.forSeconds }] : [];
      }),
      workloadsGiven: this.props.workloads !== undefined,
      chartPath: Chart.of(this).node.path,
      workloads: this.targets().map(({ workload, target }) => ({
        path: workload.node.path,
        alertable: target !== undefined,
      })),
    };
  }
}

/**
 * Whether a workload's manifest is one the alerts can name (a Job, CronJob or ScaledJob). A chart-wide
 * BatchMonitoring passes over the others, such as a ScheduledJob, whose Jobs the reconciler creates:
 * the user listed no workloads, so there is nothing to remove.
 */
function emitsAlertTarget(workload: BatchWorkload): boolean {
  return alertTargetOf(ApiObject.of(workload).toJson()) !== undefined;
}
