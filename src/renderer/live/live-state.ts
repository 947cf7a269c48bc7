/** Live mode's state: a reducer over what the person does and what the live run reports. */
import { formatCount } from '../../shared/format';
import type { LiveConfig, LiveResize, LiveResult, LiveSample } from '../../shared/live/live-schema';
import { MODELS, type ModelId } from '../../shared/models';

/** Samples kept per model: half an hour at four a second (the charts show the last minute). */
export const MAX_LIVE_SAMPLES = 7_200;

export type LivePhase = 'idle' | 'starting' | 'running' | 'stopping';

/** One model of the live run as the panel draws it. */
export interface LiveModelState {
  model: ModelId;
  /** The count the slider shows: what was last asked for (the run's own count once known). */
  workers: number;
  samples: LiveSample[];
  resizes: LiveResize[];
  /** Why a resize was refused, shown beside the slider until the next one. */
  problem: string | null;
}

export interface LiveState {
  phase: LivePhase;
  config: LiveConfig | null;
  models: LiveModelState[];
  /** The task size asked for last (the slider's value during a run). */
  taskUs: number;
  result: LiveResult | null;
  status: string;
  isError: boolean;
}

export type LiveAction =
  | { type: 'start'; config: LiveConfig }
  | { type: 'running' }
  /** A live run this window did not start is running: its models appear with their samples. */
  | { type: 'adopt' }
  | { type: 'sample'; sample: LiveSample }
  | { type: 'resize'; resize: LiveResize }
  | { type: 'set-workers'; model: ModelId; workers: number }
  | { type: 'set-workers-failed'; model: ModelId; message: string }
  | { type: 'set-task-size'; taskUs: number }
  | { type: 'stop' }
  | { type: 'done'; result: LiveResult }
  | { type: 'failed'; message: string }
  /** Something went wrong that does not end the run (a refused task size): said, not fatal. */
  | { type: 'problem'; message: string };

export const initialLiveState: LiveState = {
  phase: 'idle',
  config: null,
  models: [],
  taskUs: 1_000,
  result: null,
  status: 'Pick models and press Start, then move their sliders while they run',
  isError: false,
};

function updateModel(
  state: LiveState,
  model: ModelId,
  update: (entry: LiveModelState) => LiveModelState,
): LiveState {
  return {
    ...state,
    models: state.models.map((entry) => (entry.model === model ? update(entry) : entry)),
  };
}

/** The status sentence of a finished live run. */
function doneStatus(result: LiveResult): string {
  const failed = result.models.find((m) => m.error);
  if (failed?.error) return `${MODELS[failed.model].label} failed: ${failed.error.message}`;
  const wrong = result.models.find((m) => m.checksumVerified === false);
  if (wrong) return `${MODELS[wrong.model].label}: checksum mismatch, some task ran wrong`;
  const tasks = result.models.reduce((sum, m) => sum + m.tasksDone, 0);
  const how = result.isCancelled ? 'Stopped' : 'Done';
  return `${how}: ${formatCount(tasks)} tasks over ${formatCount(Math.round(result.durationMs / 1000))} s`;
}

export function reduceLive(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'start':
      return {
        ...initialLiveState,
        phase: 'starting',
        config: action.config,
        taskUs: action.config.taskUs,
        models: action.config.models.map(({ model, workers }) => ({
          model,
          workers,
          samples: [],
          resizes: [],
          problem: null,
        })),
        status: action.config.ramp
          ? `Ramping ${action.config.ramp.from}…${action.config.ramp.to} workers, ${action.config.ramp.stepS} s each…`
          : 'Starting warm pools…',
      };
    case 'running':
      if (state.phase !== 'starting') return state;
      return {
        ...state,
        phase: 'running',
        status: state.config?.ramp ? state.status : 'Running: move a slider and watch the cores',
      };
    case 'adopt':
      return {
        ...initialLiveState,
        phase: 'running',
        status: 'A live run started elsewhere (another window or a closed tab) is running',
      };
    case 'sample': {
      if (state.phase === 'idle') return state;
      const { sample } = action;
      // An adopted run's models are known only from their samples.
      const known = state.models.some((entry) => entry.model === sample.model)
        ? state
        : {
            ...state,
            models: [
              ...state.models,
              {
                model: sample.model,
                workers: sample.workers,
                samples: [],
                resizes: [],
                problem: null,
              },
            ],
          };
      return updateModel(known, sample.model, (entry) => ({
        ...entry,
        // During a ramp the run sets the counts; otherwise the slider keeps what was asked.
        workers: state.config?.ramp ? sample.workers : entry.workers,
        samples:
          entry.samples.length < MAX_LIVE_SAMPLES
            ? [...entry.samples, sample]
            : [...entry.samples.slice(1), sample],
      }));
    }
    case 'resize':
      if (state.phase === 'idle') return state;
      return updateModel(state, action.resize.model, (entry) => ({
        ...entry,
        resizes: [...entry.resizes, action.resize],
      }));
    case 'set-workers':
      return updateModel(state, action.model, (entry) => ({
        ...entry,
        workers: action.workers,
        problem: null,
      }));
    case 'set-workers-failed':
      return updateModel(state, action.model, (entry) => ({
        ...entry,
        // Back to what the run last reported, so the slider does not show a count it lacks.
        workers:
          entry.samples.at(-1)?.workers ??
          entry.resizes.at(-1)?.to ??
          state.config?.models.find((m) => m.model === action.model)?.workers ??
          entry.workers,
        problem: action.message,
      }));
    case 'set-task-size':
      return { ...state, taskUs: action.taskUs };
    case 'stop':
      if (state.phase === 'idle') return state;
      return { ...state, phase: 'stopping', status: 'Stopping: each worker finishes its task…' };
    case 'done': {
      const { result } = action;
      return {
        ...state,
        phase: 'idle',
        config: result.config,
        result,
        models: result.models.map((m) => ({
          model: m.model,
          workers:
            m.samples.at(-1)?.workers ??
            result.config.models.find((c) => c.model === m.model)?.workers ??
            1,
          samples: m.samples,
          resizes: m.resizes,
          problem: null,
        })),
        status: doneStatus(result),
        isError: result.models.some((m) => m.error !== null || m.checksumVerified === false),
      };
    }
    case 'failed':
      return { ...state, phase: 'idle', status: action.message, isError: true };
    case 'problem':
      return { ...state, status: action.message, isError: true };
    default: {
      const unknown: never = action;
      throw new Error(`unknown live action ${JSON.stringify(unknown)}`);
    }
  }
}
