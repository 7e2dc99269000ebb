/**
 * The Job events the controller caused itself (client-go's ControllerExpectations, reduced): a
 * sync that creates or deletes a Job knows the outcome already, so the watch event that follows
 * need not start another sync of the same object. Every other Job event does. An expectation that
 * never comes true (the request failed) is dropped when the object is next synced, which looks at
 * the cluster anyway.
 *
 * client-node has no expectations; without them every create would sync its owner a second time.
 */
export enum JobChange {
  CREATED = 'created',
  DELETED = 'deleted',
}

export class ExpectedEvents {
  private readonly expected = new Map<string, Set<string>>();

  /** A sync of `key` is about to cause this change of Job `name`. */
  public expect(key: string, change: JobChange, name: string): void {
    let names = this.expected.get(key);
    if (names === undefined) {
      names = new Set();
      this.expected.set(key, names);
    }
    names.add(`${change} ${name}`);
  }

  /** True (and forgotten) when the event was expected. */
  public fulfilled(key: string, change: JobChange, name: string): boolean {
    const names = this.expected.get(key);
    if (names === undefined || !names.delete(`${change} ${name}`)) return false;
    if (names.size === 0) this.expected.delete(key);
    return true;
  }

  /** Drops what was expected of `key` (a new sync starts from what is observed). */
  public reset(key: string): void {
    this.expected.delete(key);
  }

  /** Objects with expectations outstanding. */
  public get size(): number {
    return this.expected.size;
  }
}
