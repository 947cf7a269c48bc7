/**
 * The pipeline controls' values: sliders move over a few sensible steps (1, 2, 5, 10, …)
 * rather than every integer of a wide range, and the form maps them to a PipelineConfig.
 */
import type { Capabilities } from '../../shared/lab-api';
import { MODELS } from '../../shared/models';
import {
  PIPELINE_MODEL_IDS,
  type PipelineConfig,
  type PipelineModelId,
} from '../../shared/pipeline/pipeline-config';
import { canUseWebWorkers } from '../state/run-form';

/** Interval choices, ms between two events of one producer. */
export const INTERVAL_STEPS_MS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;
/** Queue capacity choices. */
export const CAPACITY_STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] as const;
/** Work per event choices, in rounds of the kernel (about 1 µs each). */
export const WORK_STEPS = [0, 10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000] as const;
/** How long a run lasts; null runs until Stop. */
export const DURATION_CHOICES_S = [null, 5, 10, 30, 60] as const;

export interface PipelineForm {
  model: PipelineModelId;
  producers: number;
  consumers: number;
  intervalMs: number;
  capacity: number;
  workPerEvent: number;
  durationS: number | null;
}

/**
 * Why `model` cannot run a pipeline here, or null. The page runs renderer-main and
 * web-workers itself; the engine answers for the rest.
 */
export function pipelineModelReason(
  model: PipelineModelId,
  capabilities: Capabilities,
  hasWebWorkers = canUseWebWorkers(),
): string | null {
  if (MODELS[model].pipeline === null) return 'has no producer-consumer pipeline';
  if (MODELS[model].runtime === 'renderer') {
    return model === 'web-workers' && !hasWebWorkers ? 'this page cannot start Web Workers' : null;
  }
  const entry = capabilities.models.find((m) => m.id === model);
  return entry ? entry.pipelineReason : 'this engine does not offer it';
}

/** The first form: threads on a shared queue, a visible but not saturated flow. */
export function defaultPipelineForm(capabilities: Capabilities): PipelineForm {
  const model =
    PIPELINE_MODEL_IDS.find(
      (id) => id === 'worker-threads' && pipelineModelReason(id, capabilities) === null,
    ) ?? 'event-loop';
  return {
    model,
    producers: 2,
    consumers: 2,
    intervalMs: 5,
    capacity: 16,
    workPerEvent: 100,
    durationS: null,
  };
}

/** The config the form describes. */
export function toPipelineConfig(form: PipelineForm): PipelineConfig {
  return { ...form };
}

/** The index of the step closest to `value`, for a slider over `steps`. */
export function stepIndex(steps: readonly number[], value: number): number {
  let best = 0;
  steps.forEach((step, index) => {
    if (Math.abs(step - value) < Math.abs(steps[best]! - value)) best = index;
  });
  return best;
}
