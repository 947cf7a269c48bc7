/**
 * What a message costs (issue 17, item 4): round trips between a parent and one worker per
 * model and per way of passing data, over a ladder of payload sizes, with the crossovers where
 * sharing beats copying and the bare postMessage control beside them.
 */
import {
  MODEL_MESSAGE_MODES,
  MESSAGE_MODEL_IDS,
  type MessageModel,
  type MessageOptions,
  type MessageProgress,
  type MessageReport,
  type MessageRow,
} from '../../../shared/messages/message-cost';
import { messageCrossovers } from '../../../shared/messages/message-crossover';
import {
  DEFAULT_ROUND_TRIP_BUDGET,
  type RoundTripBudget,
} from '../../../shared/messages/message-row';
import { MESSAGE_SIZE_LADDER } from '../../../shared/messages/message-sizes';
import { detectPython } from '../python-detect';
import type { SpawnOwner } from '../spawn-owner';
import { measureChildProcess, measureWorkerThreads } from './node-message-cost';
import { measurePython } from './python-message-cost';

/** Where the explorer's workers live, and who holds them. */
export interface MessageExplorerContext {
  /** The built src/workers/hosts/message-echo.ts; without it the Node models are unavailable. */
  echoScript?: string;
  /** The src/python folder as shipped, which holds the explorer's Python side too. */
  pythonWorkerScript?: string;
  owner: SpawnOwner;
  budget?: RoundTripBudget;
}

const PYTHON_MODELS: readonly MessageModel[] = ['python-multiprocessing', 'python-threading'];

/** Why each asked-for model cannot be measured here; absent where it can. */
async function unavailableModels(
  context: MessageExplorerContext,
  models: readonly MessageModel[],
): Promise<Map<MessageModel, string>> {
  const reasons = new Map<MessageModel, string>();
  for (const model of models) {
    if (PYTHON_MODELS.includes(model)) {
      if (!context.pythonWorkerScript)
        reasons.set(model, 'the Python script is not part of this build');
      else {
        const python = await detectPython();
        if (!python.available) reasons.set(model, python.reason ?? 'no Python found');
      }
    } else if (!context.echoScript) {
      reasons.set(model, 'the echo host is not part of this build');
    }
  }
  return reasons;
}

/** Measures every asked-for model, reporting each row as it lands. */
export async function exploreMessages(
  context: MessageExplorerContext,
  options: MessageOptions,
  onProgress: (progress: MessageProgress) => void,
  signal?: AbortSignal,
): Promise<MessageReport> {
  const models = options.models ?? [...MESSAGE_MODEL_IDS];
  const sizes = [...new Set(options.sizes ?? MESSAGE_SIZE_LADDER)].sort((a, b) => a - b);
  const budget = context.budget ?? DEFAULT_ROUND_TRIP_BUDGET;
  const reasons = await unavailableModels(context, models);
  const measured = models.filter((model) => !reasons.has(model));
  const total =
    measured.reduce((sum, model) => sum + MODEL_MESSAGE_MODES[model].length, 0) * sizes.length;
  const rows: MessageRow[] = [];
  const onRow = (row: MessageRow): void => {
    rows.push(row);
    onProgress({ row, done: rows.length, total });
  };
  const nodeJob = {
    echoScript: context.echoScript!,
    sizes,
    budget,
    owner: context.owner,
    onRow,
    signal,
  };
  if (measured.includes('worker-threads')) await measureWorkerThreads(nodeJob);
  if (measured.includes('child-process')) await measureChildProcess(nodeJob);
  const pythonModels = measured.filter((model) => PYTHON_MODELS.includes(model));
  if (pythonModels.length > 0) {
    await measurePython({
      pythonPath: (await detectPython()).path,
      script: context.pythonWorkerScript!,
      modes: pythonModels.flatMap((model) => MODEL_MESSAGE_MODES[model]),
      sizes,
      budget,
      owner: context.owner,
      onRow,
      signal,
    });
  }
  return {
    rows,
    crossovers: messageCrossovers(rows),
    unavailable: [...reasons].map(([model, reason]) => ({ model, reason })),
  };
}
