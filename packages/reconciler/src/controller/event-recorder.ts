/**
 * Records a plan's events as events.k8s.io/v1 Events on the ScheduledJob (`kubectl describe sj`
 * and `kubectl events` show them). Best effort, as client-go's recorder: a failed write is logged
 * and dropped, never retried and never fails the sync.
 */
import { ClusterClient } from '../cluster/client';
import { EventObject, ResourceKind, ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { Clock } from '../cluster/clock';
import { formatMicroTime } from '../leader/lease-decision';
import { PlanEvent } from 'cdk8s-batch/lib/src/reconciler/plan/types';
import { SCHEDULED_JOB_API_VERSION, SCHEDULED_JOB_KIND } from 'cdk8s-batch/lib/src/reconciler/resource/scheduled-job-resource';
import { Logger, LogLevel } from './observer';

/** `reportingController` of every Event the reconciler writes. */
export const REPORTING_CONTROLLER = 'scheduling.cdk8s-batch.io/reconciler';
/** The API limit on an Event's note. */
const MAX_NOTE_BYTES = 1024;

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

export class EventRecorder {
  public constructor(
    private readonly client: ClusterClient,
    private readonly clock: Clock,
    private readonly reportingInstance: string,
    private readonly logger: Logger,
  ) {}

  /** Writes the events one by one; failures are logged. */
  public async record(owner: ScheduledJobObject, events: readonly PlanEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await this.client.create(ResourceKind.EVENT, eventFor(owner, event, this.clock.now(), this.reportingInstance));
      } catch (error) {
        this.logger.log(LogLevel.DEBUG, 'event not recorded', {
          scheduledJob: `${owner.metadata.namespace}/${owner.metadata.name}`,
          reason: event.reason,
          error: String(error),
        });
      }
    }
  }
}
