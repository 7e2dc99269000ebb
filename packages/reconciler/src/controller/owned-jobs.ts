/**
 * The cached Jobs grouped by the ScheduledJob that controls them, so one sync finds its Jobs
 * without scanning every Job in the cluster. Fed by the Job cache's listener; each change reports
 * which ScheduledJob it concerns, so the controller can sync that one at once (as upstream does on
 * every Job event). Grouped by the owner's name; the owner's uid is checked when the Jobs are read.
 * Each group is a plain array: an object owns a handful of Jobs, and a Map per object would cost
 * more memory than the Jobs' entries themselves.
 */
import { JobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';
import { scheduledJobController } from 'cdk8s-batch/lib/src/reconciler/resource/job-observation';

/** `namespace/name`: the key of a ScheduledJob in the index and in the work queue. */
export function objectKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** The namespace and name in a key. */
export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export class OwnedJobIndex {
  private readonly byOwner = new Map<string, JobObject[]>();

  /** Adds or replaces a Job; returns the keys of the ScheduledJobs concerned (its old and new controller). */
  public put(job: JobObject, previous?: JobObject): string[] {
    const before = previous === undefined ? undefined : this.ownerKey(previous);
    const after = this.ownerKey(job);
    if (before !== undefined && before !== after) this.drop(before, previous!);
    if (after !== undefined) {
      const jobs = this.byOwner.get(after);
      if (jobs === undefined) this.byOwner.set(after, [job]);
      else {
        const at = jobs.findIndex((j) => j.metadata.name === job.metadata.name);
        if (at >= 0) jobs[at] = job;
        else jobs.push(job);
      }
    }
    return [before, after].filter((key, i, all): key is string => key !== undefined && all.indexOf(key) === i);
  }

  /** Removes a Job; returns the key of its ScheduledJob, if it had one. */
  public remove(job: JobObject): string | undefined {
    const key = this.ownerKey(job);
    if (key !== undefined) this.drop(key, job);
    return key;
  }

  /** The cached Jobs whose controller is the ScheduledJob with this key (any uid). */
  public jobsOf(key: string): readonly JobObject[] {
    return this.byOwner.get(key) ?? [];
  }

  /** The cached Job, if it is indexed under this owner. */
  public job(key: string, name: string): JobObject | undefined {
    return this.byOwner.get(key)?.find((j) => j.metadata.name === name);
  }

  private ownerKey(job: JobObject): string | undefined {
    const owner = scheduledJobController(job);
    return owner === undefined ? undefined : objectKey(job.metadata.namespace, owner.name);
  }

  private drop(key: string, job: JobObject): void {
    const jobs = this.byOwner.get(key);
    if (jobs === undefined) return;
    const at = jobs.findIndex((j) => j.metadata.name === job.metadata.name);
    if (at >= 0) jobs.splice(at, 1);
    if (jobs.length === 0) this.byOwner.delete(key);
  }
}
