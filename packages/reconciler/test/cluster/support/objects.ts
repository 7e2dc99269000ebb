/** Small builders and a recorder shared by the cluster tests. */
import { WatchEvent, WatchHandler } from '../../../src/cluster/client';
import {
  JobObject,
  KubeObject,
  OwnerReference,
  ScheduledJobObject,
} from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { ClusterError } from '../../../src/cluster/errors';
import { settle } from '../../support/simulated-clock';

export const NAMESPACE = 'batch';
export const START = Date.UTC(2026, 0, 1);

export function job(
  name: string,
  extra: { labels?: Record<string, string>; owners?: OwnerReference[]; finalizers?: string[] } = {},
): JobObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: NAMESPACE,
      labels: extra.labels,
      ownerReferences: extra.owners,
      finalizers: extra.finalizers,
    },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] } } },
  };
}

export function scheduledJob(
  name: string,
  spec: Record<string, unknown> = { schedule: '*/5 * * * *' },
): ScheduledJobObject {
  return { metadata: { name, namespace: NAMESPACE }, spec };
}

/** An ownerReference to `owner` as the reconciler writes it. */
export function ownedBy(owner: KubeObject): OwnerReference {
  return {
    apiVersion: 'scheduling.cdk8s-batch.io/v1alpha1',
    kind: 'ScheduledJob',
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Records what a watch delivers. */
export class WatchRecorder<T extends KubeObject = KubeObject> implements WatchHandler<T> {
  public readonly events: WatchEvent<T>[] = [];
  public closed = false;
  public closeError: ClusterError | undefined;

  public onEvent(event: WatchEvent<T>): void {
    this.events.push(event);
  }

  public onClose(error?: ClusterError): void {
    this.closed = true;
    this.closeError = error;
  }

  /** "TYPE name@resourceVersion" per event, for compact assertions. */
  public summary(): string[] {
    return this.events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}@${e.object.metadata.resourceVersion}`);
  }

  /** The newest resourceVersion delivered (what a resume starts from). */
  public lastVersion(): string | undefined {
    return this.events[this.events.length - 1]?.object.metadata.resourceVersion;
  }
}

/** Lets every pending delivery happen. */
export const flush = settle;
