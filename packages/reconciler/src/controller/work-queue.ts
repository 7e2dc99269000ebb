/**
 * The controller's work queue, after client-go's workqueue: keys (`namespace/name`) wait until
 * they are due, then queue up in order; a key is in the queue at most once however often it is
 * added; a key being worked on is never handed out again until `done`, and an add meanwhile is
 * remembered and queued at `done` (so one object is never synced by two workers at once, and no
 * change is lost). Delays run on the injected clock, so a simulated clock drives it in tests;
 * failed keys come back after a per-key exponential backoff.
 *
 * client-node has no work queue (its informer only calls back); this is the part of client-go's
 * workqueue the controller needs, on the injected clock.
 */
import { Clock } from '../cluster/clock';

export interface WorkQueueOptions {
  readonly clock: Clock;
  /** First retry delay after a failed sync of a key; doubles per consecutive failure. @default 200 */
  readonly initialRetryMs?: number;
  /** @default 60000 */
  readonly maxRetryMs?: number;
}

interface Delayed {
  readonly due: number;
  readonly key: string;
}

export class WorkQueue {
  private readonly clock: Clock;
  private readonly initialRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly ready: string[] = [];
  private readyHead = 0;
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added while being processed: queued again at `done`. */
  private readonly dirty = new Set<string>();
  /** The earliest instant each waiting key is due. */
  private readonly waiting = new Map<string, number>();
  private readonly timers = new DelayHeap();
  private readonly failures = new Map<string, number>();
  private readonly getters: ((key: string | undefined) => void)[] = [];
  private stopped = false;
  /** The instant the delay loop sleeps until, and how to wake it earlier. */
  private sleepingUntil = Infinity;
  private wakeDelayLoop: AbortController | undefined;
  private delayLoopIdle: (() => void) | undefined;
  private readonly delayLoop: Promise<void>;

  public constructor(options: WorkQueueOptions) {
    this.clock = options.clock;
    this.initialRetryMs = options.initialRetryMs ?? 200;
    this.maxRetryMs = options.maxRetryMs ?? 60_000;
    this.delayLoop = this.runDelays();
  }

  /** Keys ready to be handed out. */
  public get length(): number {
    return this.ready.length - this.readyHead;
  }

  /** Keys waiting for a later instant. */
  public get delayedCount(): number {
    return this.waiting.size;
  }

  /** Queues `key` now (once). */
  public add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    const getter = this.getters.shift();
    if (getter !== undefined) {
      this.processing.add(key);
      getter(key);
      return;
    }
    this.queued.add(key);
    this.ready.push(key);
  }

  /**
   * Queues `key` once `ms` have passed (at once for 0 or less); an earlier pending instant wins. A
   * pending instant stays pending when the key is queued meanwhile: the object is looked at then too.
   */
  public addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) return this.add(key);
    const due = this.clock.now() + ms;
    const pending = this.waiting.get(key);
    if (pending !== undefined && pending <= due) return;
    this.waiting.set(key, due);
    this.timers.push({ due, key });
    if (due < this.sleepingUntil) this.rearm();
  }

  /** Queues `key` after its backoff: 200 ms, 400 ms, ... for consecutive failures. */
  public addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    this.addAfter(key, Math.min(this.maxRetryMs, this.initialRetryMs * 2 ** failures));
  }

  /** Ends the backoff of `key` (after a successful sync). */
  public forget(key: string): void {
    this.failures.delete(key);
  }

  /** The next key to work on; undefined once the queue is shut down. Call `done(key)` when finished. */
  public get(): Promise<string | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    if (this.length > 0) {
      const key = this.ready[this.readyHead++];
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
        this.ready.splice(0, this.readyHead);
        this.readyHead = 0;
      }
      this.queued.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** `key` is finished; it is queued again if it was added meanwhile. */
  public done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.delete(key)) this.add(key);
  }

  /** Hands out nothing more: waiting `get()` calls answer undefined; keys being worked on may finish. */
  public async shutDown(): Promise<void> {
    this.stopped = true;
    for (const getter of this.getters.splice(0)) getter(undefined);
    this.wakeDelayLoop?.abort();
    this.delayLoopIdle?.();
    await this.delayLoop;
  }

  /** Moves due keys to the ready queue, sleeping on the clock until the next one is due. */
  private async runDelays(): Promise<void> {
    while (!this.stopped) {
      const next = this.timers.peek();
      if (next === undefined) {
        await new Promise<void>((resolve) => (this.delayLoopIdle = resolve));
        this.delayLoopIdle = undefined;
        continue;
      }
      if (this.waiting.get(next.key) !== next.due) {
        this.timers.pop();
        continue;
      }
      const wait = next.due - this.clock.now();
      if (wait > 0) {
        const wake = new AbortController();
        this.wakeDelayLoop = wake;
        this.sleepingUntil = next.due;
        await this.clock.sleep(wait, wake.signal);
        this.sleepingUntil = Infinity;
        continue;
      }
      this.timers.pop();
      this.waiting.delete(next.key);
      this.add(next.key);
    }
  }

  private rearm(): void {
    if (this.delayLoopIdle !== undefined) this.delayLoopIdle();
    else this.wakeDelayLoop?.abort();
  }
}

/** A binary min-heap of delayed keys by due instant. */
class DelayHeap {
  private readonly items: Delayed[] = [];

  public peek(): Delayed | undefined {
    return this.items[0];
  }

  public push(item: Delayed): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent].due <= items[i].due) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }

  public pop(): Delayed | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && items[left].due < items[smallest].due) smallest = left;
        if (right < items.length && items[right].due < items[smallest].due) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}
