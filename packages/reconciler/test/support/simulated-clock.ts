/**
 * A simulated clock for tests: it lets the controller tests (and the soak test) run a week of
 * cluster time in seconds, deterministically, with the API server double sharing it.
 */
import { Clock } from '../../src/cluster/clock';

interface Timer {
  readonly due: number;
  /** Creation order: timers due at the same instant fire in the order they were set. */
  readonly sequence: number;
  readonly wake: () => void;
}

/** Waits until every promise chain started so far has run as far as it can without time passing. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that moves only when told to. Sleepers wake in due order; between two wake-ups every
 * promise chain runs to its next sleep, so the order of everything is a function of the code alone.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private readonly timers = new TimerHeap();
  private sequence = 0;

  /** @param start the initial instant (ms since the epoch) */
  public constructor(start: number) {
    this.current = start;
  }

  public now(): number {
    return this.current;
  }

  public sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer: Timer = {
        due: this.current + ms,
        sequence: this.sequence++,
        wake: () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        },
      };
      const cancel = () => {
        this.timers.remove(timer);
        resolve();
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  /** Moves time forward by `ms`, waking each sleeper at its due instant. */
  public advance(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `instant` (never backward), waking each sleeper at its due instant. */
  public async advanceTo(instant: number): Promise<void> {
    await settle();
    for (let timer = this.timers.peek(); timer !== undefined && timer.due <= instant; timer = this.timers.peek()) {
      this.timers.pop();
      this.current = Math.max(this.current, timer.due);
      timer.wake();
      await settle();
    }
    this.current = Math.max(this.current, instant);
  }

  /** The instant the earliest sleeper wakes; undefined when nobody sleeps. */
  public nextWakeUp(): number | undefined {
    return this.timers.peek()?.due;
  }

  /** How many sleepers are waiting. */
  public get sleepers(): number {
    return this.timers.size;
  }
}

/** A binary min-heap of timers by (due, sequence). */
class TimerHeap {
  private readonly items: Timer[] = [];

  public get size(): number {
    return this.items.length;
  }

  public peek(): Timer | undefined {
    return this.items[0];
  }

  public push(timer: Timer): void {
    this.items.push(timer);
    this.up(this.items.length - 1);
  }

  public pop(): Timer | undefined {
    return this.removeAt(0);
  }

  public remove(timer: Timer): void {
    const index = this.items.indexOf(timer);
    if (index >= 0) this.removeAt(index);
  }

  private removeAt(index: number): Timer | undefined {
    const items = this.items;
    if (index >= items.length) return undefined;
    const removed = items[index];
    const last = items.pop()!;
    if (index < items.length) {
      items[index] = last;
      this.down(index);
      this.up(index);
    }
    return removed;
  }

  private before(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.sequence < b.sequence);
  }

  private up(index: number): void {
    const items = this.items;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(items[index], items[parent])) return;
      [items[index], items[parent]] = [items[parent], items[index]];
      index = parent;
    }
  }

  private down(index: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && this.before(items[left], items[smallest])) smallest = left;
      if (right < items.length && this.before(items[right], items[smallest])) smallest = right;
      if (smallest === index) return;
      [items[index], items[smallest]] = [items[smallest], items[index]];
      index = smallest;
    }
  }
}
