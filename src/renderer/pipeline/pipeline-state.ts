/** The pipeline view's state: a reducer over what the user does and what the run reports. */
import { formatCount } from '../../shared/format';
import type { PipelineConfig } from '../../shared/pipeline/pipeline-config';
import type { PipelineResult, PipelineSample } from '../../shared/pipeline/pipeline-result';
import { isExactlyOnce } from '../../shared/pipeline/pipeline-summary';

/** Samples the live charts keep: the last minute at four a second. */
export const LIVE_SAMPLES = 240;

export type PipelineViewPhase = 'idle' | 'starting' | 'running' | 'draining' | 'halting';

/**
 * When the first Stop was pressed (the input event's time), when this page handled it, and
 * when the result arrived: page clock (performance.now()), for where the time went.
 */
export interface StopTiming {
  pressedAtMs: number;
  handledAtMs: number;
  resultAtMs: number | null;
}

export interface PipelineState {
  phase: PipelineViewPhase;
  config: PipelineConfig | null;
  /** The live window of samples (the result's whole series once done). */
  samples: PipelineSample[];
  result: PipelineResult | null;
  /** How many times Stop was pressed in this run: the second one forces. */
  stops: number;
  stopTiming: StopTiming | null;
  status: string;
  isError: boolean;
}

export type PipelineAction =
  | { type: 'start'; config: PipelineConfig }
  /** A pipeline this window did not start is running in the engine. */
  | { type: 'adopt' }
  | { type: 'sample'; sample: PipelineSample }
  | { type: 'stop'; pressedAtMs: number; handledAtMs: number }
  | { type: 'done'; result: PipelineResult; atMs: number }
  | { type: 'failed'; message: string };

export const initialPipelineState: PipelineState = {
  phase: 'idle',
  config: null,
  samples: [],
  result: null,
  stops: 0,
  stopTiming: null,
  status: 'Set up a pipeline and press Start',
  isError: false,
};

/** The status sentence of a finished run. */
function doneStatus(result: PipelineResult): string {
  if (result.error) return `Pipeline failed: ${result.error.message}`;
  const { totals } = result;
  if (!isExactlyOnce(totals)) {
    return `Done, but ${formatCount(totals.lost)} lost, ${formatCount(totals.duplicates)} duplicated, ${formatCount(totals.outOfOrder)} out of order`;
  }
  return `Done: ${formatCount(totals.consumed)} events consumed, nothing lost`;
}

export function reducePipeline(state: PipelineState, action: PipelineAction): PipelineState {
  switch (action.type) {
    case 'start':
      return {
        ...initialPipelineState,
        phase: 'starting',
        config: action.config,
        status: `Starting ${action.config.producers} producer(s) and ${action.config.consumers} consumer(s)…`,
      };
    case 'adopt':
      return {
        ...initialPipelineState,
        phase: 'running',
        status: 'A pipeline started elsewhere (another window or a closed tab) is running',
      };
    case 'sample': {
      if (state.phase === 'idle') return state;
      const phase = action.sample.phase === 'done' ? state.phase : action.sample.phase;
      const samples = [...state.samples, action.sample].slice(-LIVE_SAMPLES);
      const status =
        phase === 'draining'
          ? 'Draining: producers stopped, consumers are emptying the queue'
          : phase === 'halting'
            ? 'Forcing the stop: everyone finishes the event in hand'
            : state.config
              ? 'Running'
              : state.status;
      return { ...state, phase, samples, status };
    }
    case 'stop':
      if (state.phase === 'idle') return state;
      return {
        ...state,
        stops: state.stops + 1,
        stopTiming: state.stopTiming ?? {
          pressedAtMs: action.pressedAtMs,
          handledAtMs: action.handledAtMs,
          resultAtMs: null,
        },
        status: state.stops === 0 ? 'Stopping: producers first…' : 'Forcing the stop…',
      };
    case 'done':
      return {
        ...state,
        phase: 'idle',
        samples: action.result.samples.slice(-LIVE_SAMPLES),
        result: action.result,
        stopTiming: state.stopTiming && { ...state.stopTiming, resultAtMs: action.atMs },
        status: doneStatus(action.result),
        isError: action.result.error !== null || !isExactlyOnce(action.result.totals),
      };
    case 'failed':
      return { ...state, phase: 'idle', status: action.message, isError: true };
    default: {
      const unknown: never = action;
      throw new Error(`unknown pipeline action ${JSON.stringify(unknown)}`);
    }
  }
}
