/**
 * The controller's own writes to ScheduledJobs, kept until the cache has caught up with them
 * (client-go's MutationCache, reduced): right after a status write the watch may not have
 * delivered it yet, and a sync planned from the older cached copy would plan from a status that
 * is already out of date. The newer of the two copies wins; resourceVersions are compared as
 * numbers, as client-go does for this purpose (etcd's revisions).
 *
 * It also tells the echo of our own write (which needs no sync) from someone else's change (which
 * does), even when the watch delivers the echo before the write's answer arrives: updates seen
 * while a write is in flight are judged once its answer is known.
 *
 * client-node has no mutation cache; without this, a status write followed by a sync from the
 * stale cached copy would re-plan a run that was just recorded.
 */
import { ScheduledJobObject } from 'cdk8s-batch/lib/src/reconciler/resource/objects';

export class RecentWrites {
  private readonly written = new Map<string, ScheduledJobObject>();
  /** Keys with a write in flight, and the resourceVersions the cache received meanwhile. */
  private readonly inFlight = new Map<string, string[]>();

  /** Remembers an object as the API server returned it (after a write, or a live read). */
  public remember(key: string, object: ScheduledJobObject): void {
    const known = this.written.get(key);
    if (known === undefined || newer(object, known)) this.written.set(key, object);
  }

  /** A write of `key` starts. */
  public writeStarted(key: string): void {
    if (!this.inFlight.has(key)) this.inFlight.set(key, []);
  }

  /**
   * The write of `key` ended, storing `written` (undefined: it failed). True when the cache received
   * a change meanwhile that was not this write: the object needs another sync.
   */
  public writeFinished(key: string, written: ScheduledJobObject | undefined): boolean {
    const seen = this.inFlight.get(key) ?? [];
    this.inFlight.delete(key);
    if (written !== undefined) this.remember(key, written);
    const others = seen.filter((version) => version !== written?.metadata.resourceVersion);
    if (written !== undefined && seen.includes(written.metadata.resourceVersion ?? '')) this.written.delete(key);
    return others.length > 0;
  }

  /** The newer of the cached copy and the one last written; forgets a write the cache has caught up with. */
  public current(key: string, cached: ScheduledJobObject | undefined): ScheduledJobObject | undefined {
    const mine = this.written.get(key);
    if (mine === undefined || cached === undefined) return cached;
    if (newer(mine, cached)) return mine;
    this.written.delete(key);
    return cached;
  }

  /**
   * The cache has received `object`. True when no sync is needed: it is the echo of our own last
   * write, or a write is in flight (the change is judged by `writeFinished`).
   */
  public caughtUp(key: string, object: ScheduledJobObject): boolean {
    const seen = this.inFlight.get(key);
    if (seen !== undefined) {
      seen.push(object.metadata.resourceVersion ?? '');
      return true;
    }
    const mine = this.written.get(key);
    if (mine === undefined || newer(mine, object)) return false;
    this.written.delete(key);
    return mine.metadata.resourceVersion === object.metadata.resourceVersion;
  }

  /** Forgets the object (deleted). */
  public forget(key: string): void {
    this.written.delete(key);
    this.inFlight.delete(key);
  }

  /** Writes not yet seen by the cache. */
  public get size(): number {
    return this.written.size;
  }
}

/** True when `a` carries a later resourceVersion than `b` (false when either is not a number). */
function newer(a: ScheduledJobObject, b: ScheduledJobObject): boolean {
  const va = Number(a.metadata.resourceVersion);
  const vb = Number(b.metadata.resourceVersion);
  return Number.isFinite(va) && Number.isFinite(vb) && va > vb;
}
