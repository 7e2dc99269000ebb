/**
 * Records a plan's events as events.k8s.io/v1 Events on the ScheduledJob (`kubectl describe sj`
 * and `kubectl events` show them). Best effort, as client-go's recorder: a failed write is logged
 * and dropped, never retried and never fails the sync.
 *
 * One Event per cause: a cause (the object, type, reason, related Job and message) recorded in
 * the last hour, the API server's default Event time to live, is not recorded again, so a
 * condition that lasts (an UnexpectedJob, a held-back run, a spec that cannot run) shows as one
 * Event that is renewed about when the previous one expires, not one per sync. The memory is per
 * replica and bounded: a new leader may record a lasting cause once more.
 */
import { ClusterClient } from '../cluster/client';
import { EventObject, ResourceKind, ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from '../cluster/clock';
import { formatMicroTime } from 'cdk8s-batch/lib/src/schedule/instants';
import { PlanEvent } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import {
  SCHEDULED_JOB_API_VERSION,
  SCHEDULED_JOB_KIND,
} from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';
import { Logger, LogLevel } from './observer';

/** `reportingController` of every Event the reconciler writes. */
export const REPORTING_CONTROLLER = 'scheduling.cdk8s-batch.io/reconciler';
/** The API limit on an Event's note. */
const MAX_NOTE_BYTES = 1024;
/** A cause is recorded again after this long: the API server's default `--event-ttl`. */
export const EVENT_REPEAT_AFTER_MS = 3_600_000;
/** Causes remembered at most (the oldest are forgotten first). */
const MAX_REMEMBERED_CAUSES = 10_000;

/** The Event for one plan event about `owner`. */
export function eventFor(
  owner: ScheduledJobObject,
  event: PlanEvent,
  now: number,
  reportingInstance: string,
): EventObject {
  const { name, namespace, uid, resourceVersion } = owner.metadata;
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { generateName: `${name}.`, namespace },
    eventTime: formatMicroTime(now),
    type: event.type,
    reason: event.reason,
    action: actionOf(event.reason),
    note: truncate(event.message, MAX_NOTE_BYTES),
    regarding: {
      apiVersion: SCHEDULED_JOB_API_VERSION,
      kind: SCHEDULED_JOB_KIND,
      namespace,
      name,
      uid,
      resourceVersion,
    },
    ...(event.jobName === undefined
      ? {}
      : { related: { apiVersion: 'batch/v1', kind: 'Job', namespace, name: event.jobName } }),
    reportingController: REPORTING_CONTROLLER,
    reportingInstance,
  };
}

function actionOf(reason: string): string {
  if (reason === 'SuccessfulCreate' || reason === 'FailedCreate' || reason === 'JobTemplateInvalid') return 'Create';
  if (reason === 'SuccessfulDelete' || reason === 'FailedDelete') return 'Delete';
  return 'Sync';
}

/** At most `bytes` of UTF-8, cut at a character boundary. */
function truncate(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let cut = text.slice(0, bytes);
  while (Buffer.byteLength(cut) > bytes - 3) cut = cut.slice(0, -1);
  return `${cut}...`;
}

/** What makes two events the same: the object they are about, and everything they say. */
function causeOf(owner: ScheduledJobObject, event: PlanEvent): string {
  const { namespace, name, uid } = owner.metadata;
  return JSON.stringify([namespace, name, uid, event.type, event.reason, event.jobName ?? '', event.message]);
}

export class EventRecorder {
  /** Cause -> when its Event was written; in insertion order, so the oldest come first. */
  private readonly recorded = new Map<string, number>();

  public constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly reportingInstance: string,
    private readonly logger: Logger,
  ) {}

  /** Writes the events one by one, except causes recorded within the last hour; failures are logged. */
  public async record(owner: ScheduledJobObject, events: readonly PlanEvent[]): Promise<void> {
    for (const event of events) {
      const now = this.clock.now();
      const cause = causeOf(owner, event);
      this.forgetBefore(now - EVENT_REPEAT_AFTER_MS);
      if (this.recorded.has(cause)) continue;
      try {
        await this.client.create(ResourceKind.EVENT, eventFor(owner, event, now, this.reportingInstance));
        this.remember(cause, now);
      } catch (error) {
        this.logger.log(LogLevel.DEBUG, 'event not recorded', {
          scheduledJob: `${owner.metadata.namespace}/${owner.metadata.name}`,
          reason: event.reason,
          error: String(error),
        });
      }
    }
  }

  private remember(cause: string, at: number): void {
    this.recorded.delete(cause);
    this.recorded.set(cause, at);
    if (this.recorded.size > MAX_REMEMBERED_CAUSES) this.recorded.delete(this.recorded.keys().next().value!);
  }

  private forgetBefore(cutoff: number): void {
    for (const [cause, at] of this.recorded) {
      if (at > cutoff) return;
      this.recorded.delete(cause);
    }
  }
}
