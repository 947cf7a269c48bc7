/**
 * The live core-usage samples, kept in typed-array rings outside React state: at 10 Hz on
 * 128 cores a React update per sample would re-render the tree ten times a second for
 * nothing, so views subscribe here and draw on their own schedule.
 */
import type { CoreOccupant, CoreSample } from '../../shared/results';

/** One call per pushed sample; views batch these to animation frames. */
export type CoreSampleListener = (t: number, index: number) => void;

/** How many samples the history keeps: 10 minutes at 10 Hz, enough to slice a long run. */
export const DEFAULT_HISTORY_CAPACITY = 6000;

/** A fixed-size ring of per-core utilisation samples (0..100, one byte per core). */
export class CoreHistory {
  /** Utilisation rows, `cores` bytes per sample, in ring order. */
  private values: Uint8Array;
  private readonly times: Float64Array;
  /**
   * Each core's occupant per sample as a code, in ring order like `values`: 0 for none, k for
   * `occupantTable[k - 1]`. Allocated with the first sample that names one (Linux only).
   */
  private occupantCodes: Uint16Array | null = null;
  private occupantTable: CoreOccupant[] = [];
  private readonly occupantCodeByKey = new Map<string, number>();
  /** The engine's live loop delay from the newest sample, or null when it sends none. */
  latestEngineLoopDelayMs: number | null = null;
  /** Total samples ever pushed; the ring slot of sample i is i % capacity. */
  private pushed = 0;
  private coreCount: number;
  private readonly listeners = new Set<CoreSampleListener>();
  /**
   * Largest (sample time − arrival time) seen: maps this page's clock to the sampler's. A
   * sample's transit makes that difference smaller, so the largest is the fastest sample's.
   */
  private clockOffsetMs = Number.NEGATIVE_INFINITY;

  constructor(
    cores: number,
    readonly capacity = DEFAULT_HISTORY_CAPACITY,
  ) {
    this.coreCount = cores;
    this.values = new Uint8Array(capacity * cores);
    this.times = new Float64Array(capacity);
  }

  /** Number of logical cores each sample holds. */
  get cores(): number {
    return this.coreCount;
  }

  /** Whether any sample so far named the run's worker on a core (a Linux engine's do). */
  get hasOccupants(): boolean {
    return this.occupantCodes !== null;
  }

  /** Number of samples held now (at most `capacity`). */
  get size(): number {
    return Math.min(this.pushed, this.capacity);
  }

  /** Index of the newest sample ever pushed, or -1 when none. */
  get lastIndex(): number {
    return this.pushed - 1;
  }

  /** Index of the oldest sample still held. */
  get firstIndex(): number {
    return Math.max(0, this.pushed - this.capacity);
  }

  /**
   * Adds one sample. A sample with a different core count (a new host behind the same
   * page) starts the history afresh rather than mixing rows of two machines.
   */
  push(sample: CoreSample, arrivalEpochMs = Date.now()): void {
    const count = sample.cores.length;
    if (count !== this.coreCount) this.reset(count);
    const slot = this.pushed % this.capacity;
    const base = slot * count;
    for (let core = 0; core < count; core++) {
      // Uint8Array stores by truncation; round so 99.6% reads 100, not 99.
      this.values[base + core] = Math.round(sample.cores[core]!);
    }
    this.storeOccupants(base, count, sample.occupants);
    this.times[slot] = sample.t;
    this.latestEngineLoopDelayMs = sample.engineLoopDelayMs ?? null;
    this.clockOffsetMs = Math.max(this.clockOffsetMs, sample.t - arrivalEpochMs);
    const index = this.pushed++;
    for (const listener of this.listeners) listener(sample.t, index);
  }

  /** Time (sampler epoch ms) of sample `index`; the index must still be held. */
  timeAt(index: number): number {
    return this.times[index % this.capacity]!;
  }

  /** Utilisation 0..100 of `core` in sample `index`. */
  valueAt(index: number, core: number): number {
    return this.values[(index % this.capacity) * this.coreCount + core]!;
  }

  /** The run's worker that last ran on `core` in sample `index`, or null (none, or unknown). */
  occupantAt(index: number, core: number): CoreOccupant | null {
    return this.occupantOfCode(this.occupantCodeAt(index, core));
  }

  /** The occupant of `core` in sample `index` as a small number: 0 for none, equal for equal. */
  occupantCodeAt(index: number, core: number): number {
    return this.occupantCodes?.[(index % this.capacity) * this.coreCount + core] ?? 0;
  }

  /** The occupant a code from occupantCodeAt stands for; code 0 is none. */
  occupantOfCode(code: number): CoreOccupant | null {
    return code === 0 ? null : (this.occupantTable[code - 1] ?? null);
  }

  /** Sum over cores of sample `index`, in "cores busy" (100% of one core = 1). */
  coresBusyAt(index: number): number {
    const base = (index % this.capacity) * this.coreCount;
    let sum = 0;
    for (let core = 0; core < this.coreCount; core++) sum += this.values[base + core]!;
    return sum / 100;
  }

  /** The row of sample `index` as a view into the ring (valid until the slot is reused). */
  rowAt(index: number): Uint8Array {
    const base = (index % this.capacity) * this.coreCount;
    return this.values.subarray(base, base + this.coreCount);
  }

  /** Index of the first held sample at or after time `t`, or lastIndex + 1 when none. */
  indexAtOrAfter(t: number): number {
    let low = this.firstIndex;
    let high = this.pushed;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.timeAt(mid) < t) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Copies the samples with fromMs <= t <= toMs out of the ring, oldest first. */
  slice(fromMs: number, toMs: number): CoreSample[] {
    const out: CoreSample[] = [];
    for (let i = this.indexAtOrAfter(fromMs); i < this.pushed; i++) {
      const t = this.timeAt(i);
      if (t > toMs) break;
      const cores = Array.from(this.rowAt(i));
      out.push(
        this.hasOccupants
          ? { t, cores, occupants: cores.map((_, core) => this.occupantAt(i, core)) }
          : { t, cores },
      );
    }
    return out;
  }

  /**
   * This page's clock read on the sampler's clock. Samples carry the sampler's epoch ms;
   * in browser mode that may be another machine, so events timed here are shifted by the
   * offset of the sample that travelled fastest.
   */
  toSamplerTime(localEpochMs: number): number {
    return Number.isFinite(this.clockOffsetMs) ? localEpochMs + this.clockOffsetMs : localEpochMs;
  }

  /** Subscribes to new samples; returns the unsubscribe function. */
  subscribe(listener: CoreSampleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private reset(cores: number): void {
    this.coreCount = cores;
    this.values = new Uint8Array(this.capacity * cores);
    this.occupantCodes = null;
    this.pushed = 0;
  }

  private storeOccupants(
    base: number,
    count: number,
    occupants: readonly (CoreOccupant | null)[] | undefined,
  ): void {
    if (!occupants && !this.occupantCodes) return;
    this.occupantCodes ??= new Uint16Array(this.capacity * count);
    for (let core = 0; core < count; core++) {
      const occupant = occupants?.[core];
      this.occupantCodes[base + core] = occupant ? this.codeOf(occupant) : 0;
    }
  }

  /** A stable code per (model, workers); the table only grows, by one per worker seen. */
  private codeOf(occupant: CoreOccupant): number {
    const key = `${occupant.model}:${occupant.workers.join(',')}`;
    let code = this.occupantCodeByKey.get(key);
    if (code === undefined) {
      // Past 65535 workers seen by one page the codes are full: later ones show as none.
      if (this.occupantTable.length >= 0xffff) return 0;
      code = this.occupantTable.push(occupant);
      this.occupantCodeByKey.set(key, code);
    }
    return code;
  }
}
