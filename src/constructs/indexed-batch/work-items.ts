/**
 * Static work assignment for Indexed Jobs: which items index i processes.
 *
 * Both strategies split the same way, contiguously and evenly: with N items and C indexes, index i
 * gets the items [floor(i*N/C), floor((i+1)*N/C)). Slices differ in size by at most one item,
 * cover every item exactly once, and need no coordination between pods.
 *
 * - `WorkItems.list(items)` writes each index's items into a ConfigMap key `index-<i>` (one item
 *   per line), mounts the ConfigMap into every container and sets an environment variable to the
 *   pod's own file (`/etc/work-items/index-$(JOB_COMPLETION_INDEX)`).
 * - `WorkItems.range(n)` gives every container its slice's bounds as environment variables. Pods
 *   of one template cannot get different values from the manifest alone, so the container's
 *   command is started through a two-line `/bin/sh` wrapper that computes the bounds from
 *   `JOB_COMPLETION_INDEX` and then `exec`s the original command with its arguments unchanged.
 */
import { Violation } from '../../rules/rule';
import { createHash } from 'crypto';

/** The Kubernetes limit on a ConfigMap's data (all values together), in bytes. */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;
/** The ConfigMap key holding index `i`'s items. */
export function workListKey(index: number): string {
  return `index-${index}`;
}

/** Options of `WorkItems.list`. */
export interface WorkListOptions {
  /**
   * Where the ConfigMap with every index's items is mounted (read-only) in each container.
   * @default "/etc/work-items"
   */
  readonly mountPath?: string;

  /**
   * The environment variable holding the path of the pod's own item file.
   * @default "WORK_ITEMS_FILE"
   */
  readonly fileVariable?: string;
}

/** Options of `WorkItems.range`. */
export interface WorkRangeOptions {
  /**
   * The environment variable with the first item of the pod's slice (inclusive).
   * @default "WORK_ITEM_START"
   */
  readonly startVariable?: string;

  /**
   * The environment variable with the end of the pod's slice (exclusive).
   * @default "WORK_ITEM_END"
   */
  readonly endVariable?: string;

  /**
   * The environment variable with the total number of items.
   * @default "WORK_ITEM_COUNT"
   */
  readonly countVariable?: string;
}

/** The resolved list strategy. */
export interface WorkList {
  readonly items: readonly string[];
  readonly mountPath: string;
  readonly fileVariable: string;
}

/** The resolved range strategy. */
export interface WorkRange {
  readonly count: number;
  readonly startVariable: string;
  readonly endVariable: string;
  readonly countVariable: string;
}

export class WorkItems {
  /** Each index reads its own slice of `items` (one per line) from a mounted ConfigMap. */
  public static list(items: string[], options: WorkListOptions = {}): WorkItems {
    return new WorkItems(
      {
        items: [...items],
        mountPath: options.mountPath ?? '/etc/work-items',
        fileVariable: options.fileVariable ?? 'WORK_ITEMS_FILE',
      },
      undefined,
    );
  }

  /** Each index gets the bounds [start, end) of its slice of `count` items as environment variables. */
  public static range(count: number, options: WorkRangeOptions = {}): WorkItems {
    return new WorkItems(undefined, {
      count,
      startVariable: options.startVariable ?? 'WORK_ITEM_START',
      endVariable: options.endVariable ?? 'WORK_ITEM_END',
      countVariable: options.countVariable ?? 'WORK_ITEM_COUNT',
    });
  }

  /** @internal */
  public readonly _list?: WorkList;
  /** @internal */
  public readonly _range?: WorkRange;

  private constructor(list: WorkList | undefined, range: WorkRange | undefined) {
    this._list = list;
    this._range = range;
  }
}

/** Index `index`'s slice [start, end) of `items` items split over `completions` indexes. */
export function indexSlice(index: number, items: number, completions: number): { start: number; end: number } {
  return { start: Math.floor((index * items) / completions), end: Math.floor(((index + 1) * items) / completions) };
}

/** The ConfigMap data of a work list: `index-<i>` -> that index's items, one per line. */
export function workListData(list: WorkList, completions: number): { [key: string]: string } {
  const data: { [key: string]: string } = {};
  for (let i = 0; i < completions; i++) {
    const { start, end } = indexSlice(i, list.items.length, completions);
    data[workListKey(i)] = list.items
      .slice(start, end)
      .map((item) => `${item}\n`)
      .join('');
  }
  return data;
}

/** A short digest of the data, so a changed list gets a new ConfigMap (and never changes under a running Job). */
export function contentHash(data: { [key: string]: string }): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 10);
}

/** A variable name the wrapper shell, and every program reading the environment, can use. */
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Mistakes in the work items, as construct errors naming the prop: too few items for the indexes,
 * a list too large for a ConfigMap, items a line-per-item file cannot hold, unusable names.
 */
export function workItemsViolations(
  work: WorkItems,
  completions: number,
  reservedNames: readonly string[],
): Violation[] {
  const problems: Violation[] = [];
  const names: string[] = [];
  if (work._list) {
    const list = work._list;
    names.push(list.fileVariable);
    if (list.items.length < completions) {
      problems.push({
        field: `workItems`,
        message: `${list.items.length} item${list.items.length === 1 ? '' : 's'} for ${completions} indexes leaves some indexes with nothing to do.`,
        fix: `give at least as many items as completions, or lower completions.`,
      });
    }
    const broken = list.items.findIndex((item) => item === '' || /[\r\n]/.test(item));
    if (broken >= 0) {
      problems.push({
        field: `workItems`,
        message: `item ${broken} is empty or contains a line break, but each index's file holds one item per line.`,
        fix: `encode the item (e.g. as JSON on one line) or drop empty items.`,
      });
    }
    const bytes = Object.values(workListData(list, Math.max(completions, 1))).reduce(
      (sum, value) => sum + Buffer.byteLength(value, 'utf8'),
      0,
    );
    if (bytes > CONFIG_MAP_MAX_BYTES) {
      problems.push({
        field: `workItems`,
        message: `the item lists add up to ${bytes} bytes, over the ${CONFIG_MAP_MAX_BYTES}-byte (1 MiB) limit of a ConfigMap, so the API server would reject it.`,
        fix: `store the items elsewhere (object storage, a database) and pass references, or use WorkItems.range.`,
      });
    }
    if (!list.mountPath.startsWith('/') || list.mountPath === '/' || list.mountPath === '/tmp') {
      problems.push({
        field: `workItems`,
        message: `mountPath "${list.mountPath}" must be an absolute path other than / and /tmp.`,
        fix: `use a dedicated directory such as /etc/work-items.`,
      });
    }
  }
  if (work._range) {
    const range = work._range;
    names.push(range.startVariable, range.endVariable, range.countVariable);
    if (!Number.isSafeInteger(range.count) || range.count < completions) {
      problems.push({
        field: `workItems`,
        message: `a range of ${range.count} items for ${completions} indexes must be a whole number at least as large as completions, or some indexes get an empty range.`,
        fix: `pass the item count, or lower completions.`,
      });
    } else if (range.count * completions > Number.MAX_SAFE_INTEGER) {
      problems.push({
        field: `workItems`,
        message: `${range.count} items times ${completions} indexes overflows the wrapper's integer arithmetic.`,
        fix: `split the work into fewer, larger items.`,
      });
    }
  }
  for (const name of names) {
    if (!SHELL_NAME.test(name)) {
      problems.push({
        field: `workItems`,
        message: `"${name}" is not a usable environment variable name.`,
        fix: `use letters, digits and underscores, not starting with a digit.`,
      });
    } else if (reservedNames.includes(name) || names.indexOf(name) !== names.lastIndexOf(name)) {
      problems.push({
        field: `workItems`,
        message: `the environment variable name "${name}" is used twice.`,
        fix: `give each variable its own name.`,
      });
    }
  }
  // A name used three times is one problem, not two.
  return problems.filter((p, i) => problems.findIndex((q) => q.message === p.message) === i);
}
