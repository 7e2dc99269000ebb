/**
 * A small seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every
 * machine, which is what makes fault injection and jittered retries reproducible.
 */
export class SeededRandom {
  private state: number;

  public constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, bound). */
  public below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** True with probability `p`. */
  public chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** An independent source derived from this one's next value. */
  public fork(): SeededRandom {
    return new SeededRandom(this.below(4294967296));
  }
}
