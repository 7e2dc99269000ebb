/**
 * What the alerts need to know about a workload, read from the manifest it emits (after escape
 * hatches), and how kube-state-metrics names the Jobs it runs:
 * - a Job: its own name;
 * - a CronJob: the controller names each Job "<cronjob>-<scheduled time in minutes>";
 * - a KEDA ScaledJob: the API server names each Job from generateName "<scaledjob>-" (the prefix
 *   cut to 58 characters) plus 5 random characters from its fixed alphabet.
 */
import { analyzeSchedule, nominalIntervals } from '../../schedule/analysis';
import { fieldsOf } from '../manifest-json';
import { Matcher, regexLiteral } from './promql';

export type TargetKind = 'Job' | 'CronJob' | 'ScaledJob';

export interface AlertTarget {
  readonly kind: TargetKind;
  readonly name: string;
  /** Undefined when the manifest leaves it to `kubectl apply`: then the alerts match any namespace. */
  readonly namespace?: string;
  /** CronJob only. */
  readonly schedule?: string;
  readonly timeZone?: string;
  /** CronJob only: each run's activeDeadlineSeconds. */
  readonly runDeadlineSeconds?: number;
}

/** The alphabet of the API server's generated name suffixes (k8s.io/apiserver names.SimpleNameGenerator). */
const GENERATED_SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
/** The API server keeps at most this much of a generateName prefix. */
const MAX_GENERATE_NAME_PREFIX = 58;

/** The target a manifest describes, or undefined for a kind the alerts do not cover. */
export function alertTargetOf(manifest: unknown): AlertTarget | undefined {
  const object = fieldsOf(manifest);
  const kind = object.kind;
  const metadata = fieldsOf(object.metadata);
  const name = metadata.name;
  if (typeof name !== 'string') return undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  if (object.apiVersion === 'batch/v1' && kind === 'Job') return { kind, name, namespace };
  if (object.apiVersion === 'keda.sh/v1alpha1' && kind === 'ScaledJob') return { kind, name, namespace };
  if (object.apiVersion === 'batch/v1' && kind === 'CronJob') {
    const spec = fieldsOf(object.spec);
    const deadline = fieldsOf(fieldsOf(spec.jobTemplate).spec).activeDeadlineSeconds;
    return {
      kind,
      name,
      namespace,
      schedule: stringOrUndefined(spec.schedule),
      timeZone: stringOrUndefined(spec.timeZone),
      runDeadlineSeconds: typeof deadline === 'number' ? deadline : undefined,
    };
  }
  return undefined;
}

/** A field the alerts read as a string: absent unless it is one. */
function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The namespace matcher, when the manifest names one. */
export function namespaceMatchers(target: AlertTarget): Matcher[] {
  return target.namespace === undefined ? [] : [{ label: 'namespace', op: '=', value: target.namespace }];
}

/** Matches the `job_name` of exactly the Jobs the target runs. */
export function jobNameMatcher(target: AlertTarget): Matcher {
  switch (target.kind) {
    case 'Job':
      return { label: 'job_name', op: '=', value: target.name };
    case 'CronJob':
      return { label: 'job_name', op: '=~', value: `${regexLiteral(target.name)}-[0-9]+` };
    case 'ScaledJob':
      return {
        label: 'job_name',
        op: '=~',
        value: `${regexLiteral(`${target.name}-`.slice(0, MAX_GENERATE_NAME_PREFIX))}${GENERATED_SUFFIX}`,
      };
  }
}

/** A fixed reference start, so thresholds are the same on every synth. */
const REFERENCE_START_MS = Date.UTC(2024, 0, 1);

/**
 * The longest time between two runs of a CronJob's schedule: the larger of its wall-clock pattern's
 * (nominalIntervals) and what daylight saving makes of it in its zone over two years from a fixed
 * date (analyzeSchedule: a daily 02:30 run skipped on the spring-forward day leaves 48 hours).
 * Undefined when the schedule is invalid or never fires.
 */
export function longestIntervalSeconds(schedule: string, timeZone: string | undefined): number | undefined {
  const nominal = nominalIntervals(schedule, timeZone)?.longestSeconds;
  if (nominal === undefined) return undefined;
  const inZone = analyzeSchedule(schedule, timeZone, REFERENCE_START_MS)?.longestIntervalSeconds;
  return Math.max(nominal, inZone ?? 0);
}

/** The default k: alert when no run succeeded for 1.5 times the longest interval. */
export const DEFAULT_MISSED_INTERVALS = 1.5;

/**
 * How long a CronJob may go without a successful run before the alert fires:
 * k x longest interval + the run deadline, rounded up to a minute.
 *
 * - k x longest interval: after one missed or failed run the gap since the last success grows to
 *   two intervals; k = 1.5 fires halfway there, leaving half an interval to fix things before the
 *   next run is due, and never fires while runs succeed on time (a daily job: 36 h, weekly: 10.5 d).
 * - + the run deadline: kube-state-metrics reports the time a run succeeded (its completion), which
 *   trails the scheduled time by up to the run's activeDeadlineSeconds.
 */
export function noSuccessThresholdSeconds(
  longestInterval: number,
  runDeadlineSeconds: number,
  missedIntervals: number,
): number {
  return Math.ceil((missedIntervals * longestInterval + runDeadlineSeconds) / 60) * 60;
}
