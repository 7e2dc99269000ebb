/**
 * What the controller tells the outside world besides the cluster: log records and measurements.
 * The controller only calls these interfaces; the runtime implements them with JSON lines on
 * stdout and prom-client metrics, and tests with recorders.
 */
import { RunKind } from 'cdk8s-batch/lib/src/reconciler/plan/types';

export enum LogLevel {
  DEBUG = 'debug',
  INFO = 'info',
  WARN = 'warn',
  ERROR = 'error',
}

/** Structured fields of a log record (`{scheduledJob: 'ns/name', job: '...'}`). */
export interface LogFields {
  readonly [field: string]: unknown;
}

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

/** Discards every record. */
export const SILENT_LOGGER: Logger = { log: () => undefined };

/** How a finished Job ended. */
export enum JobResult {
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}

/** How a sync ended. */
export enum SyncResult {
  /** Carried out (whatever the plan said). */
  OK = 'ok',
  /** An API call failed; the key is retried after its backoff. */
  ERROR = 'error',
  /** Leadership ended during the sync; nothing more was written. */
  NOT_LEADER = 'notLeader',
}

export interface ControllerObserver {
  /** A Job was created (or an earlier attempt's Job adopted); `lagSeconds` is its creation time minus its scheduled time. */
  runCreated(kind: RunKind, lagSeconds: number): void;
  /** A sync decided not to start a due run, or refused one (`reason`: a SkipReason, `jobTemplateInvalid`, `bufferFull`). */
  runSkipped(reason: string): void;
  /** A Job controlled by a ScheduledJob finished (counted by the leader only). */
  jobFinished(result: JobResult): void;
  syncFinished(seconds: number, result: SyncResult): void;
}

/** Measures nothing. */
export const NO_OBSERVER: ControllerObserver = {
  runCreated: () => undefined,
  runSkipped: () => undefined,
  jobFinished: () => undefined,
  syncFinished: () => undefined,
};
