/**
 * What a run produces. Zod schemas, because results cross transports (IPC, WebSocket) and
 * are stored in snapshots: every receiver validates them with the same definitions.
 */
import { z } from 'zod';
import { LAB_ERROR_CODES } from './errors';
import { interferenceSchema } from './measurement';
import { MODEL_IDS } from './models';

export const modelIdSchema = z.enum(MODEL_IDS);

export const serializedErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  code: z.enum(LAB_ERROR_CODES).optional(),
});

/** The CPU a thread last ran on (Linux stat's `processor`); null where unknown. */
const cpuSchema = z.number().int().nonnegative().nullable();

/** One task on one worker, times in ms relative to the start of the model's run. */
export const timelineEntrySchema = z.object({
  worker: z.number().int().nonnegative(),
  taskIndex: z.number().int().nonnegative(),
  startMs: z.number(),
  endMs: z.number(),
  isOk: z.boolean(),
  /** The CPU the task's thread last ran on while it ran (or just after); null where unknown. */
  cpu: cpuSchema,
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What a worker's thread was doing, in the words of the CLI and the UI. */
export const THREAD_STATES = ['running', 'waitingForCore', 'blocked', 'idle', 'messaging'] as const;
export type ThreadState = (typeof THREAD_STATES)[number];

/** Each state in words, the same in the CLI, the UI and the trace export. */
export const THREAD_STATE_LABELS: Readonly<Record<ThreadState, string>> = {
  running: 'running',
  waitingForCore: 'waiting for a core',
  blocked: 'blocked',
  idle: 'idle',
  messaging: 'messaging',
};

const shareSchema = z.number().min(0).max(1).nullable();

/**
 * Fractions of the workers' time in the work window, summing to 1 within rounding: on a core,
 * runnable but waiting for one, asleep (a lock, the GIL, I/O), without a task, or between two
 * tasks while messages cross. A share that cannot be measured here is null, and the reason says why.
 */
export const timeSharesSchema = z.object({
  running: shareSchema,
  waitingForCore: shareSchema,
  blocked: shareSchema,
  idle: shareSchema,
  messaging: shareSchema,
  /** Why the null shares are null; absent when every share was measured. */
  unavailableReason: z.string().max(500).optional(),
});
export type TimeShares = z.infer<typeof timeSharesSchema>;

/** One stretch of a worker's time in one state, between two readings (Perfetto's thread state). */
export const stateSliceSchema = z.object({
  worker: z.number().int().nonnegative(),
  startMs: z.number(),
  endMs: z.number(),
  state: z.enum(THREAD_STATES),
  /** The CPU it ran on, for running and waiting slices; null otherwise or where unknown. */
  cpu: cpuSchema,
});
export type StateSlice = z.infer<typeof stateSliceSchema>;

/** CPU time and peak memory of one OS process that took part in a run. */
export const processUsageSchema = z.object({
  label: z.string(),
  pid: z.number().int(),
  cpuUserMs: z.number().nonnegative(),
  cpuSystemMs: z.number().nonnegative(),
  peakRssBytes: z.number().nonnegative(),
});
export type ProcessUsage = z.infer<typeof processUsageSchema>;

export const latencySummarySchema = z.object({
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  meanMs: z.number(),
  maxMs: z.number(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

export const taskFailureSchema = z.object({
  taskIndex: z.number().int().nullable(),
  worker: z.number().int().nullable(),
  error: serializedErrorSchema,
});
export type TaskFailure = z.infer<typeof taskFailureSchema>;

export const modelResultSchema = z.object({
  model: modelIdSchema,
  workers: z.number().int().positive(),
  workload: z.string(),
  taskCount: z.number().int().nonnegative(),
  tasksDone: z.number().int().nonnegative(),
  /**
   * The work's time: from the first dispatched task to the last result, with the pool
   * already started and warmed; the median over rounds. Start-up never enters it.
   */
  wallMs: z.number().nonnegative(),
  /** How many rounds the figures come from (model order rotated between rounds). */
  rounds: z.number().int().positive(),
  /** The fastest and slowest round's wallMs. */
  wallMsMin: z.number().nonnegative(),
  wallMsMax: z.number().nonnegative(),
  /** Every round's wallMs, in round order. */
  roundWallMs: z.array(z.number().nonnegative()),
  /** When the round these figures come from began, epoch ms of the engine's clock. */
  startedAtEpochMs: z.number().optional(),
  /** From the first spawn until every worker was ready and warmed (median round). */
  startupMs: z.number().nonnegative(),
  /** Tasks done per second of the work phase (start-up excluded), median round. */
  tasksPerSec: z.number().nonnegative(),
  latency: latencySummarySchema,
  workerBusyFraction: z.array(z.number().min(0).max(1)),
  timeline: z.array(timelineEntrySchema),
  /** Where the workers' time went (thread-states.ts). */
  timeShares: timeSharesSchema,
  /** Each worker's states over time, for the trace export; absent where not measured. */
  stateSlices: z.array(stateSliceSchema).optional(),
  processes: z.array(processUsageSchema),
  /**
   * CPU time and peak memory of every process the model used; null where they could not be
   * read (the page cannot read its own), never 0 standing in for "unknown".
   */
  cpuTimeMs: z.number().nonnegative().nullable(),
  peakRssBytes: z.number().nonnegative().nullable(),
  /** The model's host loop's delay during the run (perf_hooks.monitorEventLoopDelay); null where not measured. */
  eventLoopDelay: z.object({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number() }).nullable(),
  /** Other load on the machine while this model ran; absent where not measured. */
  interference: interferenceSchema.optional(),
  /**
   * The measuring side's loop during the run (the engine's main thread, which only dispatches
   * and samples); absent in snapshots saved before it was measured.
   */
  engineLoopDelay: z.object({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number() }).optional(),
  checksum: z.number().int().nullable(),
  expectedChecksum: z.number().int().nullable(),
  verified: z.boolean(),
  /** True when not every task completed (a failure or a cancel). */
  isPartial: z.boolean(),
  error: serializedErrorSchema.nullable(),
  failures: z.array(taskFailureSchema),
  /**
   * The window's frame delay (requestAnimationFrame lateness) during the run, measured by the
   * renderer; absent where no window watched the run (the CLI).
   */
  frameDelay: z.object({ p50Ms: z.number(), p99Ms: z.number(), maxMs: z.number() }).optional(),
  /**
   * What the workers logged: the first lines kept, the rest only counted (a flooding worker
   * must not fill memory or the transport). Absent when no worker logged.
   */
  workerLogs: z
    .object({
      kept: z.array(z.object({ worker: z.number().int().nonnegative(), message: z.string() })),
      droppedCount: z.number().int().nonnegative(),
    })
    .optional(),
});
export type ModelResult = z.infer<typeof modelResultSchema>;

/**
 * What the OS tells about how the cores are built and driven: facts that bend a scaling curve.
 * Every field is optional: each is read only where the OS exposes it.
 */
export const coreTopologySchema = z.object({
  /** Logical CPUs per physical core: 2 with SMT (hyper-threading) on, 1 without. */
  threadsPerCore: z.number().int().positive().optional(),
  /** Hybrid CPUs: physical performance (P) and efficiency (E) cores. */
  performanceCores: z.number().int().nonnegative().optional(),
  efficiencyCores: z.number().int().nonnegative().optional(),
  /** The frequency governor ("performance", "powersave", "schedutil"…). */
  governor: z.string().max(64).optional(),
  /** Current frequency of each logical core, MHz, where readable. */
  coreMhz: z.array(z.number().nonnegative()).max(4096).optional(),
  /** Whether the machine ran on battery. */
  onBattery: z.boolean().optional(),
  /** Whether a power-saving mode was on (a low-power platform profile or macOS Low Power). */
  powerSaving: z.boolean().optional(),
  /** Where the facts came from: Linux /sys, macOS sysctl, or the systeminformation library. */
  source: z.enum(['sysfs', 'sysctl', 'systeminformation']),
});
export type CoreTopology = z.infer<typeof coreTopologySchema>;

/** Why a finished run gave nothing to compare (not one task done), or null if some task was. */
export function nothingDoneReason(results: readonly ModelResult[]): string | null {
  if (results.length === 0 || results.some((r) => r.tasksDone > 0)) return null;
  const failed = results.reduce((sum, r) => sum + r.failures.length, 0);
  return failed > 0 ? `every task failed (${failed} failures)` : 'no task finished';
}

/**
 * A result's failures in one phrase: how many, and each distinct message (the first few),
 * e.g. "2 tasks failed: task 3 threw; task 7 threw".
 */
export function describeFailures(result: ModelResult, shown = 3): string | null {
  const messages = [...new Set(result.failures.map((f) => f.error.message))];
  if (messages.length === 0) return result.error?.message ?? null;
  const count = result.failures.length;
  const more = messages.length > shown ? `; and ${messages.length - shown} more` : '';
  return `${count} task${count === 1 ? '' : 's'} failed: ${messages.slice(0, shown).join('; ')}${more}`;
}

export const hostInfoSchema = z.object({
  cpuModel: z.string(),
  logicalCores: z.number().int().positive(),
  physicalCores: z.number().int().positive(),
  memoryBytes: z.number().nonnegative(),
  os: z.object({
    platform: z.string(),
    release: z.string(),
    distro: z.string(),
    arch: z.string(),
  }),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
  }),
  /** Absent in snapshots from builds that did not read it, and where nothing could be read. */
  topology: coreTopologySchema.optional(),
});
export type HostInfo = z.infer<typeof hostInfoSchema>;

/** The watched worker thread that last ran on a core: its model and the workers it serves. */
export const coreOccupantSchema = z.object({
  model: modelIdSchema,
  /** One worker, or all of a model's that share the thread (the event loop hosts them all). */
  workers: z.array(z.number().int().nonnegative()).min(1),
});
export type CoreOccupant = z.infer<typeof coreOccupantSchema>;

/** Per-logical-core utilisation 0..100 in the OS's core order; `t` in epoch ms. */
export const coreSampleSchema = z.object({
  t: z.number(),
  cores: z.array(z.number().min(0).max(100)),
  /**
   * Per core, the run's worker that last ran on it, from the sampler's latest thread readings
   * (Linux only); null where none did. Absent while no run's threads are watched, and where
   * they cannot be read.
   */
  occupants: z.array(coreOccupantSchema.nullable()).optional(),
  /** How late the engine's main event loop ran, p99 over about the last second (live). */
  engineLoopDelayMs: z.number().nonnegative().optional(),
});
export type CoreSample = z.infer<typeof coreSampleSchema>;
