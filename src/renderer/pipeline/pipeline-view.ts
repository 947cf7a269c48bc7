/** What the pipeline panel shows: chart rows from samples, and the queue each model offers. */
import type { ChartRow } from '../charts/chart-types';
import type { PipelineModelId } from '../../shared/pipeline/pipeline-config';
import type { PipelineSample, PipelineTransport } from '../../shared/pipeline/pipeline-result';
import { formatMs } from '../../shared/format';
import { MODELS } from '../../shared/models';
import type { StopTiming } from './pipeline-state';

/** One chart row per sample, x in seconds since producers started. */
export function sampleRows(samples: readonly PipelineSample[]): ChartRow[] {
  return samples.map((sample) => ({
    seconds: sample.elapsedMs / 1000,
    produced: sample.producedPerSec,
    consumed: sample.consumedPerSec,
    depth: sample.depth,
    p50: sample.latencyP50Ms,
    p99: sample.latencyP99Ms,
    lockWait: sample.lockWaitMsPerSec,
  }));
}

/** Steps between time ticks, seconds: the first that needs at most six intervals is used. */
const TICK_STEPS_S = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800];

/** Round-second ticks across `fromS`..`toS`, at most six intervals apart in all. */
export function timeTicks(fromS: number, toS: number): number[] {
  if (!(toS > fromS)) return [];
  const step = TICK_STEPS_S.find((s) => (toS - fromS) / s <= 6) ?? TICK_STEPS_S.at(-1)!;
  const ticks: number[] = [];
  for (let tick = Math.ceil(fromS / step) * step; tick <= toS; tick += step) ticks.push(tick);
  return ticks;
}

/** The queue a model's pipeline uses, known before its result says so; null without one. */
export function expectedTransport(
  model: PipelineModelId,
  isIsolated: boolean,
): PipelineTransport | null {
  const pipeline = MODELS[model].pipeline;
  if (!pipeline) return null;
  return isIsolated
    ? pipeline.transport
    : (pipeline.transportWithoutIsolation ?? pipeline.transport);
}

/** Why a queue has no lock to wait for, shown in place of the lock-wait chart. */
export function noLockReason(transport: PipelineTransport): string {
  return transport === 'async-queue'
    ? 'No lock: one thread runs one callback at a time, so producers and consumers only take turns at each await.'
    : 'No lock: no memory is shared. The broker owns the queue, and backpressure travels as credits.';
}

/**
 * Where the time from pressing Stop to the result went, when more than the drain: the page
 * taking the press late (busy drawing), and the engine ending its workers and answering.
 */
export function describeStopTiming(timing: StopTiming | null, drainMs: number): string | null {
  if (!timing || timing.resultAtMs === null) return null;
  const totalMs = timing.resultAtMs - timing.pressedAtMs;
  const pageMs = Math.max(0, timing.handledAtMs - timing.pressedAtMs);
  const engineMs = Math.max(0, timing.resultAtMs - timing.handledAtMs);
  return (
    `From pressing Stop to this result: ${formatMs(totalMs)}, of which ${formatMs(pageMs)} ` +
    `before this page could take the press and ${formatMs(engineMs)} in the engine ` +
    `(the ${formatMs(drainMs)} drain, then ending producers and consumers and sending the result).`
  );
}
