/** A uniform random sample of a stream of numbers, of bounded size (Vitter's algorithm R). */

/** Keeps at most `capacity` values, each value of the stream equally likely to be kept. */
export class Reservoir {
  private readonly values: number[] = [];
  private seen = 0;
  // A fixed-seed generator: the same stream gives the same sample (tests can rely on it).
  private state = 0x2545f491;

  constructor(private readonly capacity: number) {}

  add(value: number): void {
    this.seen++;
    if (this.values.length < this.capacity) {
      this.values.push(value);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.capacity) this.values[slot] = value;
  }

  /** How many values the stream held so far. */
  get count(): number {
    return this.seen;
  }

  /** The kept values (a copy). */
  sample(): number[] {
    return [...this.values];
  }

  clear(): void {
    this.values.length = 0;
    this.seen = 0;
  }

  /** mulberry32: a uniform float in [0, 1). */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
