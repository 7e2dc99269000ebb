/**
 * The rules of a BatchMonitoring's settings: alerts Prometheus can load (names, labels, `for`),
 * a no-recent-success threshold that gives a CronJob the chance to run, and workloads to alert on.
 */
import { ConstructRule } from '../../rules/construct-rule';
import { RuleOrigin, Violation } from '../../rules/rule';
import { ALERT_NAME, LABEL_NAME } from './promql';

/** What the monitoring rules judge: the settings after defaults, and the workloads found. */
export interface MonitoringPlan {
  readonly missedIntervals: number;
  /** Each label set by its prop path (`labels`, `jobFailed.labels`, ...), with its keys. */
  readonly labelSets: readonly { readonly prop: string; readonly keys: readonly string[] }[];
  /** The enabled alerts, by their settings' prop (`jobFailed`, ...). */
  readonly alerts: readonly { readonly prop: string; readonly name: string; readonly forSeconds: number }[];
  /** Whether `workloads` was given (else the chart's workloads are found). */
  readonly workloadsGiven: boolean;
  readonly chartPath: string;
  /** The workloads, by construct path, and whether each emits a Job, CronJob or ScaledJob alerts can name. */
  readonly workloads: readonly { readonly path: string; readonly alertable: boolean }[];
}

const MONITORING = ['BatchMonitoring'];

export const MONITORING_RULES: readonly ConstructRule<MonitoringPlan>[] = [
  {
    id: 'monitoring-missed-intervals-too-low',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: MONITORING,
    summary: 'A missedIntervals under 1, which alerts before a CronJob has had the chance to run again.',
    check: ({ missedIntervals }) =>
      missedIntervals >= 1 && Number.isFinite(missedIntervals)
        ? []
        : [
            {
              field: 'missedIntervals',
              message: `${missedIntervals} would alert before a CronJob has had the chance to run again.`,
              fix: 'use 1 or more (the default is 1.5).',
            },
          ],
  },
  {
    id: 'monitoring-label-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: MONITORING,
    summary: 'An alert label whose name Prometheus rejects.',
    check: ({ labelSets }) =>
      labelSets.flatMap(({ prop, keys }) =>
        keys
          .filter((key) => !LABEL_NAME.test(key))
          .map((key) => ({
            field: prop,
            message: `"${key}" is not a Prometheus label name.`,
            fix: 'use letters, digits and underscores, not starting with a digit.',
          })),
      ),
  },
  {
    id: 'monitoring-severity-label',
    origin: RuleOrigin.BEST_PRACTICE,
    constructs: MONITORING,
    summary: "A severity given as a label instead of the alert's severity setting.",
    check: ({ labelSets }) =>
      labelSets
        .filter(({ keys }) => keys.includes('severity'))
        .map(({ prop }) => ({
          field: prop,
          message: "set the severity with the alert's severity setting, not as a label.",
          fix: 'move it to severity.',
        })),
  },
  {
    id: 'monitoring-alert-invalid',
    origin: RuleOrigin.CONSTRUCT,
    constructs: MONITORING,
    summary: 'An alert name Prometheus rejects or another alert has, or a for duration that is not whole seconds.',
    check: ({ alerts }) => {
      const violations: Violation[] = [];
      const names = new Map<string, string>();
      for (const { prop, name, forSeconds } of alerts) {
        if (!ALERT_NAME.test(name))
          violations.push({
            field: `${prop}.alertName`,
            message: `"${name}" is not a valid alert name.`,
            fix: 'use letters, digits, underscores and colons, not starting with a digit.',
          });
        const other = names.get(name);
        if (other !== undefined)
          violations.push({
            field: `${prop}.alertName`,
            message: `"${name}" is also the name of ${other}.`,
            fix: 'give each alert its own name.',
          });
        names.set(name, prop);
        if (!(forSeconds >= 0) || !Number.isInteger(forSeconds))
          violations.push({
            field: `${prop}.forDuration`,
            message: 'the duration must be whole seconds, 0 or more.',
            fix: 'use Duration.minutes(n) or similar.',
          });
      }
      return violations;
    },
  },
  {
    id: 'monitoring-workloads-missing',
    origin: RuleOrigin.CONSTRUCT,
    constructs: MONITORING,
    summary: 'A BatchMonitoring with no workload to alert on, or a workload that emits no Job, CronJob or ScaledJob.',
    check: ({ workloads, workloadsGiven, chartPath }) => [
      ...(workloads.length > 0
        ? []
        : [
            workloadsGiven
              ? {
                  field: 'workloads',
                  message: 'the list is empty.',
                  fix: 'name the workloads to alert on, or leave workloads out to cover the whole chart.',
                }
              : {
                  field: 'workloads',
                  message: `chart ${chartPath} has no batch workload to alert on.`,
                  fix: 'add BatchMonitoring to the chart that holds the Jobs and CronJobs, or remove it.',
                },
          ]),
      ...workloads
        .filter((w) => !w.alertable)
        .map((w) => ({
          field: 'workloads',
          message: `${w.path} emits no Job, CronJob or ScaledJob the alerts can name.`,
          fix: 'remove it from workloads.',
        })),
    ],
  },
];
