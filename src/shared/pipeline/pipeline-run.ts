/**
 * One pipeline run, whatever the model: start everyone, sample about every 250 ms, stop
 * gracefully when the duration ends or Stop is pressed (producers first, consumers drain),
 * force on a second Stop (everyone halts, stragglers are terminated after a grace time),
 * then total up. The engine and the page both drive their backends through this.
 */
import { LabError, type SerializedError } from '../errors';
import { epochNowMs } from '../protocol';
import type { PipelineBackend } from './pipeline-backend';
import type { PipelineConfig } from './pipeline-config';
import { PipelineMetrics } from './pipeline-metrics';
import { PipelineWaitTally, summarizePipelineThreadStates } from './pipeline-thread-states';
import type { WatchedThreadId } from '../sampler-protocol';
import type { WatchedThread } from '../thread-states';
import type {
  PipelinePhase,
  PipelineResult,
  PipelineSample,
  PipelineStopReason,
} from './pipeline-result';

/** How often a live sample is taken. */
export const PIPELINE_SAMPLE_INTERVAL_MS = 250;
/** After a forced stop, how long participants get to finish the event in hand. */
export const FORCE_GRACE_MS = 2000;
/** Samples kept in the result: an hour at four a second. */
const MAX_SAMPLES = 14_400;

/** The engine's sampler reading the participants' OS threads (core-sampler's ThreadWatch). */
export interface PipelineThreadWatch {
  /** Resolves once the sampler reads threads: go waits for it, so no early tick is missed. */
  started?: Promise<void>;
  add(participant: number, id: WatchedThreadId): void;
  /** A last reading, then every thread's readings. */
  finish(): Promise<WatchedThread[]>;
}

export interface PipelineRunOptions {
  runId: string;
  config: PipelineConfig;
  backend: PipelineBackend;
  onSample(sample: PipelineSample): void;
  /** Reads the participants' threads while the run goes; absent, the states go unmeasured. */
  threadWatch?: PipelineThreadWatch;
  /** Why the threads cannot be read here at all (another OS, the page's own threads). */
  threadStatesReason?: string;
  sampleIntervalMs?: number;
  forceGraceMs?: number;
}

/** A run in progress. */
export interface PipelineRunHandle {
  readonly runId: string;
  /** The first stop is graceful (drain); a second one, or `force`, halts and terminates. */
  stop(options?: { force?: boolean }): void;
  phase(): PipelinePhase;
  /** Resolves with the result, or rejects if the participants could not start. */
  readonly result: Promise<PipelineResult>;
}

/** Starts a run of `backend` and returns its handle at once. */
export function startPipelineRun(options: PipelineRunOptions): PipelineRunHandle {
  const { config, backend, runId } = options;
  const sampleIntervalMs = options.sampleIntervalMs ?? PIPELINE_SAMPLE_INTERVAL_MS;
  const forceGraceMs = options.forceGraceMs ?? FORCE_GRACE_MS;
  const metrics = new PipelineMetrics(backend.hasLock);
  const waits = new PipelineWaitTally(config.producers, config.consumers);
  const { threadWatch } = options;
  const samples: PipelineSample[] = [];
  const startedAt = new Date().toISOString();
  const spawnEpochMs = epochNowMs();
  let phase: PipelinePhase = 'starting';
  let goEpochMs = 0;
  let stopEpochMs: number | null = null;
  let stopReason: PipelineStopReason = 'stopped';
  let pendingStop: { force: boolean; reason: PipelineStopReason } | null = null;
  let failure: SerializedError | null = null;
  let killTimer: ReturnType<typeof setTimeout> | undefined;

  const takeSample = (): void => {
    const now = epochNowMs();
    const sample = metrics.sample(now, now - goEpochMs, backend.depth(), phase);
    samples.push(sample);
    if (samples.length > MAX_SAMPLES) samples.shift();
    options.onSample(sample);
  };

  const halt = (reason: PipelineStopReason): void => {
    if (phase === 'halting' || phase === 'done') return;
    phase = 'halting';
    stopReason = reason;
    stopEpochMs ??= epochNowMs();
    backend.halt();
    killTimer = setTimeout(() => backend.kill(), forceGraceMs);
  };

  const stop = (force: boolean, reason: PipelineStopReason): void => {
    if (phase === 'starting') {
      // Applied once everyone is ready; a later force still wins over a graceful request.
      pendingStop = { force: force || pendingStop !== null, reason };
      return;
    }
    if (!force) {
      // Only a running pipeline drains; a drain already under way goes on (the duration
      // may end during one).
      if (phase !== 'running') return;
      phase = 'draining';
      stopReason = reason;
      stopEpochMs = epochNowMs();
      backend.stopProducers();
      return;
    }
    halt(force && reason !== 'failed' ? 'forced' : reason);
  };

  const onFailure = (error: SerializedError): void => {
    failure ??= error;
    stop(true, 'failed');
  };

  const result = (async (): Promise<PipelineResult> => {
    try {
      await backend.start(
        (tally) => {
          metrics.add(tally);
          waits.add(tally);
        },
        onFailure,
        threadWatch ? (participant, id) => threadWatch.add(participant, id) : undefined,
      );
    } catch (error) {
      void threadWatch?.finish();
      backend.kill();
      throw error instanceof LabError ? error : new LabError('worker-crashed', String(error));
    }
    // A sampler thread that starts slowly (a loaded machine) must not miss a short run.
    await threadWatch?.started?.catch(() => undefined);
    const startupMs = epochNowMs() - spawnEpochMs;
    goEpochMs = epochNowMs();
    metrics.begin(goEpochMs);
    phase = 'running';
    backend.go();
    const sampler = setInterval(takeSample, sampleIntervalMs);
    const durationTimer =
      config.durationS === null
        ? undefined
        : setTimeout(() => stop(false, 'duration'), config.durationS * 1000);
    const requested = pendingStop as { force: boolean; reason: PipelineStopReason } | null;
    if (failure) halt('failed');
    else if (requested) {
      stop(false, requested.reason);
      if (requested.force) stop(true, 'forced');
    }
    const end = await backend.ended;
    clearInterval(sampler);
    clearTimeout(durationTimer);
    clearTimeout(killTimer);
    const endEpochMs = epochNowMs();
    const threads = threadWatch ? await threadWatch.finish() : [];
    // The last stretch gets a sample of its own unless it is too short to give a rate.
    const lastSampleMs = samples.at(-1)?.t ?? goEpochMs;
    if (endEpochMs - lastSampleMs >= sampleIntervalMs / 2) takeSample();
    phase = 'done';
    const stoppedAt = stopEpochMs ?? endEpochMs;
    return {
      runId,
      startedAt,
      config,
      model: config.model,
      transport: backend.transport,
      transportNote: backend.transportNote,
      startupMs,
      runMs: Math.max(0, stoppedAt - goEpochMs),
      drainMs: Math.max(0, endEpochMs - stoppedAt),
      stopReason: failure ? 'failed' : stopReason,
      totals: metrics.totals(end, { goEpochMs, stopEpochMs: stoppedAt, endEpochMs }),
      samples,
      error: failure ?? end.error,
      ...summarizePipelineThreadStates({
        producers: config.producers,
        consumers: config.consumers,
        threads,
        waits: waits.all(),
        fromEpochMs: goEpochMs,
        toEpochMs: endEpochMs,
        unreadableReason:
          options.threadStatesReason ?? (threadWatch ? null : 'no thread-state sampler ran'),
      }),
    };
  })();

  return {
    runId,
    stop: ({ force = false } = {}) =>
      stop(force || phase === 'draining', force ? 'forced' : 'stopped'),
    phase: () => phase,
    result,
  };
}
