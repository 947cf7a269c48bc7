/**
 * One model's figures in a live run (issue 16): throughput over the last second, the median
 * dispatch-to-start and task times, the steps at each worker count and task size, the
 * resizes, and every task's checksum against its reference, with each task counted once.
 * Plain logic on epoch-ms times, so the engine and the page's live runner can both use it.
 */
import type { ModelId } from '../models';
import type { PoolTaskEnd } from '../pool/run-pool';
import { Reservoir } from '../pipeline/reservoir';
import { percentile } from '../stats/percentiles';
import {
  LIVE_SAMPLE_EVERY_MS,
  LIVE_WINDOW_MS,
  type LiveResize,
  type LiveSample,
  type LiveStep,
} from './live-schema';

/** Throughput is counted in buckets this wide; the window is a whole number of them. */
const COUNT_BUCKET_MS = 10;
const COUNT_BUCKETS = LIVE_WINDOW_MS / COUNT_BUCKET_MS + 2;
/** Medians come from a uniform sample of each sample period's tasks. */
const MEDIAN_SAMPLE = 64;
const MEDIAN_BUCKETS = LIVE_WINDOW_MS / LIVE_SAMPLE_EVERY_MS;
/** Results kept to check once their size's reference is known; the rest are counted. */
const MAX_PENDING_CHECKS = 1_000_000;
/** Samples kept per model: an hour at 4 Hz, with room to spare (snapshot bound). */
export const MAX_KEPT_SAMPLES = 36_000;

/** Tasks from `firstIndex` on run at one size; their expected checksums once computed. */
interface SizeSegment {
  firstIndex: number;
  taskCount: number;
  references: number[] | null;
  pending: { taskIndex: number; checksum: number }[];
}

/** What the checksums came to, for LiveModelResult. */
export interface LiveChecks {
  checked: number;
  mismatched: number;
  unchecked: number;
  failed: number;
  repeated: number;
  sizes: number;
}

/** A resize of this model, open until it takes effect. */
interface OpenResize {
  record: LiveResize;
  seq: number;
}

export class LiveTracker {
  tasksDone = 0;
  readonly samples: LiveSample[] = [];
  readonly steps: LiveStep[] = [];
  readonly resizes: LiveResize[] = [];
  private readonly countKeys = new Array<number>(COUNT_BUCKETS).fill(-1);
  private readonly counts = new Array<number>(COUNT_BUCKETS).fill(0);
  private readonly medianBuckets: {
    key: number;
    dispatchUs: Reservoir;
    taskUs: Reservoir;
  }[] = [];
  private readonly segments: SizeSegment[] = [];
  private readonly checks: LiveChecks = {
    checked: 0,
    mismatched: 0,
    unchecked: 0,
    failed: 0,
    repeated: 0,
    sizes: 0,
  };
  /** Every task index below this has ended; `endedAbove` holds the ended ones above it. */
  private endedBelow = 0;
  private readonly endedAbove = new Set<number>();
  private openStep: { startEpochMs: number; workers: number; taskUs: number; done: number } | null =
    null;
  private resizeSeq = 0;

  constructor(
    readonly model: ModelId,
    private readonly liveStartEpochMs: number,
    private taskUs: number,
  ) {}

  /** Counts one ended task: window, medians, its checksum, and that it ended only once. */
  onTaskEnd(task: PoolTaskEnd): void {
    if (!this.markEnded(task.taskIndex)) {
      this.checks.repeated++;
      return;
    }
    this.countAt(task.endEpochMs);
    const bucket = this.medianBucket(task.endEpochMs);
    bucket.dispatchUs.add(Math.max(task.startEpochMs - task.readyEpochMs, 0) * 1000);
    bucket.taskUs.add((task.endEpochMs - task.startEpochMs) * 1000);
    if (task.checksum === null) {
      this.checks.failed++;
      return;
    }
    this.tasksDone++;
    this.check(task.taskIndex, task.checksum);
  }

  /** Tasks from `firstIndex` on are of a new size; `references` are their expected checksums. */
  addSize(firstIndex: number, taskCount: number, references: Promise<number[]>): void {
    const segment: SizeSegment = { firstIndex, taskCount, references: null, pending: [] };
    this.segments.push(segment);
    this.checks.sizes++;
    references.then(
      (values) => {
        segment.references = values;
        for (const { taskIndex, checksum } of segment.pending.splice(0)) {
          this.compare(segment, taskIndex, checksum);
        }
      },
      () => {
        // No reference (the run was cancelled while computing it): these stay unchecked.
        this.checks.unchecked += segment.pending.length;
        segment.pending.length = 0;
      },
    );
  }

  /** The sample at `nowEpochMs`, kept and returned. */
  sample(nowEpochMs: number, workers: number): LiveSample {
    const nowKey = Math.floor(nowEpochMs / COUNT_BUCKET_MS);
    let inWindow = 0;
    for (let key = nowKey - COUNT_BUCKETS + 3; key <= nowKey; key++) {
      const at = key % COUNT_BUCKETS;
      if (this.countKeys[at] === key) inWindow += this.counts[at]!;
    }
    const recentKey = Math.floor(nowEpochMs / LIVE_SAMPLE_EVERY_MS) - MEDIAN_BUCKETS;
    const recent = this.medianBuckets.filter((b) => b.key > recentKey);
    const sample: LiveSample = {
      model: this.model,
      atMs: Math.max(nowEpochMs - this.liveStartEpochMs, 0),
      workers,
      tasksPerSec: (inWindow * 1000) / LIVE_WINDOW_MS,
      tasksDone: this.tasksDone,
      dispatchToStartUsP50: median(recent.flatMap((b) => b.dispatchUs.sample())),
      taskUs: this.taskUs,
      measuredTaskUsP50: median(recent.flatMap((b) => b.taskUs.sample())),
    };
    this.samples.push(sample);
    if (this.samples.length > MAX_KEPT_SAMPLES) this.samples.shift();
    return sample;
  }

  /** Opens a step at `atEpochMs` (the pool at this worker count and the current task size). */
  beginStep(atEpochMs: number, workers: number): void {
    this.endStep(atEpochMs);
    this.openStep = { startEpochMs: atEpochMs, workers, taskUs: this.taskUs, done: this.tasksDone };
  }

  /** Closes the open step, if any, at `atEpochMs`. */
  endStep(atEpochMs: number): void {
    const step = this.openStep;
    if (!step) return;
    this.openStep = null;
    const durationMs = Math.max(atEpochMs - step.startEpochMs, 0);
    const tasksDone = this.tasksDone - step.done;
    this.steps.push({
      workers: step.workers,
      taskUs: step.taskUs,
      durationMs,
      tasksDone,
      tasksPerSec: durationMs > 0 ? (tasksDone * 1000) / durationMs : 0,
    });
  }

  /** The task size changes now: the step at the old size ends, one at the new size begins. */
  changeTaskSize(atEpochMs: number, taskUs: number): void {
    const workers = this.openStep?.workers;
    this.endStep(atEpochMs);
    this.taskUs = taskUs;
    if (workers !== undefined) this.beginStep(atEpochMs, workers);
  }

  /**
   * A resize was asked for: the step ends now, and the next begins when it takes effect
   * (the transition, new workers warming up or old ones finishing, belongs to no step).
   */
  resizeAsked(atEpochMs: number, from: number, to: number): OpenResize {
    this.endStep(atEpochMs);
    const record: LiveResize = {
      model: this.model,
      atMs: Math.max(atEpochMs - this.liveStartEpochMs, 0),
      from,
      to,
      firstTaskAtMs: null,
    };
    this.resizes.push(record);
    return { record, seq: ++this.resizeSeq };
  }

  /** The resize took effect at `atEpochMs` (null: never); opens the next step if it is the latest. */
  resizeTookEffect(resize: OpenResize, atEpochMs: number | null): LiveResize {
    if (atEpochMs === null) return resize.record;
    resize.record.firstTaskAtMs = Math.max(atEpochMs - this.liveStartEpochMs, 0);
    if (resize.seq === this.resizeSeq) this.beginStep(atEpochMs, resize.record.to);
    return resize.record;
  }

  /** Tasks that ended, each counted once. */
  get tasksEnded(): number {
    return this.endedBelow + this.endedAbove.size;
  }

  /** The checks so far; results still waiting for a reference count as unchecked. */
  checkTotals(): LiveChecks {
    const pending = this.segments.reduce((sum, s) => sum + s.pending.length, 0);
    return { ...this.checks, unchecked: this.checks.unchecked + pending };
  }

  private markEnded(taskIndex: number): boolean {
    if (taskIndex < this.endedBelow || this.endedAbove.has(taskIndex)) return false;
    this.endedAbove.add(taskIndex);
    while (this.endedAbove.delete(this.endedBelow)) this.endedBelow++;
    return true;
  }

  private countAt(endEpochMs: number): void {
    const key = Math.floor(endEpochMs / COUNT_BUCKET_MS);
    const at = key % COUNT_BUCKETS;
    if (this.countKeys[at] !== key) {
      this.countKeys[at] = key;
      this.counts[at] = 0;
    }
    this.counts[at]!++;
  }

  private medianBucket(endEpochMs: number) {
    const key = Math.floor(endEpochMs / LIVE_SAMPLE_EVERY_MS);
    let bucket = this.medianBuckets.find((b) => b.key === key);
    if (!bucket) {
      bucket = {
        key,
        dispatchUs: new Reservoir(MEDIAN_SAMPLE),
        taskUs: new Reservoir(MEDIAN_SAMPLE),
      };
      this.medianBuckets.push(bucket);
      while (this.medianBuckets.length > MEDIAN_BUCKETS + 2) this.medianBuckets.shift();
    }
    return bucket;
  }

  private check(taskIndex: number, checksum: number): void {
    let segment: SizeSegment | undefined;
    for (let i = this.segments.length - 1; i >= 0; i--) {
      if (this.segments[i]!.firstIndex <= taskIndex) {
        segment = this.segments[i];
        break;
      }
    }
    if (!segment) {
      this.checks.unchecked++;
    } else if (segment.references) {
      this.compare(segment, taskIndex, checksum);
    } else if (segment.pending.length < MAX_PENDING_CHECKS) {
      segment.pending.push({ taskIndex, checksum });
    } else {
      this.checks.unchecked++;
    }
  }

  private compare(segment: SizeSegment, taskIndex: number, checksum: number): void {
    this.checks.checked++;
    if (segment.references![taskIndex % segment.taskCount] !== checksum) this.checks.mismatched++;
  }
}

/** The median of a sample, or null for none. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return percentile(Array.from(Float64Array.from(values).sort()), 50);
}
