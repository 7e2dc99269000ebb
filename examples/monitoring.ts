/**
 * BatchMonitoring for one workload of another chart: alerts for the nightly report CronJob of the
 * nightly-report example (a failed run, a run past its deadline, no success for 1.5 days plus the
 * run deadline, suspended for a day), routed to the reporting team, with runbook links, and labelled
 * for the Prometheus that selects `release: kube-prometheus-stack` rules.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { BatchMonitoring, BatchWorkload } from '../src';

export class MonitoringChart extends Chart {
  /** @param watched the construct (here the nightly-report chart) whose batch workloads to watch */
  public constructor(scope: Construct, id: string, watched: Construct) {
    super(scope, id);
    new BatchMonitoring(this, 'nightly-report-alerts', {
      workloads: watched.node.findAll().filter((c): c is BatchWorkload => c instanceof BatchWorkload),
      labels: { team: 'reporting' },
      runbookBaseUrl: 'https://runbooks.example/batch',
      metadata: { labels: { release: 'kube-prometheus-stack' } },
    });
  }
}
