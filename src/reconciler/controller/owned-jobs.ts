/**
 * The cached Jobs grouped by the ScheduledJob that controls them, so one sync finds its Jobs
 * without scanning every Job in the cluster. Fed by the Job cache's listener; each change reports
 * which ScheduledJob it concerns, so the controller can sync that one at once (as upstream does on
 * every Job event). Grouped by the owner's name; the owner's uid is checked when the Jobs are read.
 */
import { JobObject } from '../cluster/client';
import { ObservedJob } from '../plan/types';
import { observeJob, scheduledJobController } from '../resource/job-observation';

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
  private readonly byOwner = new Map<string, Map<string, JobObject>>();
  /** What the plan sees of each cached Job, read once per version of the Job. */
  private readonly observed = new WeakMap<JobObject, ObservedJob>();

  /** Adds or replaces a Job; returns the keys of the ScheduledJobs concerned (its old and new controller). */
  public put(job: JobObject, previous?: JobObject): string[] {
    const before = previous === undefined ? undefined : this.ownerKey(previous);
    const after = this.ownerKey(job);
    if (before !== undefined && before !== after) this.drop(before, previous!);
    if (after !== undefined) {
      let jobs = this.byOwner.get(after);
      if (jobs === undefined) {
        jobs = new Map();
        this.byOwner.set(after, jobs);
      }
      jobs.set(job.metadata.name ?? '', job);
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
  public jobsOf(key: string): Iterable<JobObject> {
    return this.byOwner.get(key)?.values() ?? [];
  }

  /** The Job as the plan sees it (computed once per version of the Job). */
  public observe(job: JobObject): ObservedJob {
    let observed = this.observed.get(job);
    if (observed === undefined) {
      observed = observeJob(job);
      this.observed.set(job, observed);
    }
    return observed;
  }

  /** The cached Job, if it is indexed under this owner. */
  public job(key: string, name: string): JobObject | undefined {
    return this.byOwner.get(key)?.get(name);
  }

  private ownerKey(job: JobObject): string | undefined {
    const owner = scheduledJobController(job);
    return owner === undefined ? undefined : objectKey(job.metadata.namespace, owner.name);
  }

  private drop(key: string, job: JobObject): void {
    const jobs = this.byOwner.get(key);
    jobs?.delete(job.metadata.name ?? '');
    if (jobs?.size === 0) this.byOwner.delete(key);
  }
}
