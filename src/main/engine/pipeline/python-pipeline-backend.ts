/**
 * The pipeline in Python's three models: src/python in pipeline mode runs every
 * producer and consumer on the queue its model offers and streams the same tallies as the
 * JavaScript participants, so the shared pipeline-run turns them into the same samples and
 * result. Lines in: ready, tally, depth, end, fatal. Lines out: go, stop, stop with force.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import {
  LabError,
  serializeError,
  type SerializedError,
  couldNotStartError,
  didNotStartError,
  pythonMissingError,
  pythonEndedError,
} from '../../../shared/errors';
import { labSerializedErrorSchema } from '../../../shared/lab-wire';
import type { BackendEnd, PipelineBackend } from '../../../shared/pipeline/pipeline-backend';
import type { SpawnOwner } from '../spawn-owner';
import {
  DEFAULT_PIPELINE_SEED,
  type PipelineConfig,
} from '../../../shared/pipeline/pipeline-config';
import { MODELS } from '../../../shared/models';
import type { PipelineTally } from '../../../shared/pipeline/pipeline-tally';
import type { PythonInfo } from '../python-detect';
import { killProcessGroup, spawnPythonScript } from '../python-process';
import type { PythonModelId } from '../python-protocol';

export interface PythonPipelineOptions {
  model: PythonModelId;
  /** Path of the src/python folder. */
  script: string;
  detect: () => Promise<PythonInfo>;
  /** A Python that is not ready by then fails the start. */
  startTimeoutMs?: number;
  /** Holds the interpreter's process group, so closing the engine ends it. */
  owner?: SpawnOwner;
}

const count = z.number().int().nonnegative();
const tallySchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('producer'),
    index: count,
    produced: count,
    blockedMs: z.number().nonnegative(),
    lockWaitMs: z.number().nonnegative(),
    idleMs: z.number().nonnegative(),
    messagingMs: z.number().nonnegative(),
    isFinal: z.boolean(),
  }),
  z.object({
    role: z.literal('consumer'),
    index: count,
    consumed: count,
    events: z.array(count),
    latenciesMs: z.array(z.number()),
    outOfOrder: count,
    lockWaitMs: z.number().nonnegative(),
    idleMs: z.number().nonnegative(),
    messagingMs: z.number().nonnegative(),
    digest: z.number().int().min(0).max(0xffffffff),
    isFinal: z.boolean(),
  }),
]);

/** Every line the Python worker writes in pipeline mode. */
const pipelineLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    pid: z.number().int().positive(),
    /** The OS thread of each participant, producers first (asyncio: one thread for all). */
    workerThreads: z
      .array(z.object({ pid: z.number().int().positive(), tid: z.number().int().positive() }))
      .optional(),
  }),
  /** A producer's tally also carries the deepest queue it saw after a put. */
  z.object({ type: z.literal('tally'), tally: tallySchema, maxDepth: count.optional() }),
  z.object({ type: z.literal('depth'), depth: count }),
  z.object({ type: z.literal('end'), leftInQueue: count }),
  z.object({ type: z.literal('fatal'), error: labSerializedErrorSchema }),
]);
type PipelineLine = z.infer<typeof pipelineLineSchema>;

/** How each Python queue works, beyond the transport its model declares. */
const QUEUE_NOTES: Record<PythonModelId, string> = {
  'python-multiprocessing':
    'a multiprocessing.Queue between processes: pickled events through a pipe, fed by a thread in each producer, with a semaphore for the bound',
  'python-threading':
    "a queue.Queue shared by the threads of one interpreter, guarded by its mutex and conditions (and the GIL); the lock's wait is not measured",
  'python-asyncio':
    'an asyncio.Queue on one event loop in one thread: put and get are awaited, no lock is needed',
};

const STDERR_TAIL_CHARS = 2000;

/** A pipeline backend running `config` in one Python model. */
export function createPythonPipelineBackend(
  config: PipelineConfig,
  options: PythonPipelineOptions,
): PipelineBackend {
  const participants = config.producers + config.consumers;
  const finals = new Set<string>();
  let child: ChildProcess | null = null;
  let depth = 0;
  let maxDepth = 0;
  let leftInQueue: number | null = null;
  let error: SerializedError | null = null;
  let isKilled = false;
  let stderrTail = '';
  let resolveEnded!: (end: BackendEnd) => void;
  const ended = new Promise<BackendEnd>((resolve) => (resolveEnded = resolve));

  const write = (message: object): void => {
    if (child?.stdin?.writable) child.stdin.write(`${JSON.stringify(message)}\n`);
  };

  const killGroup = (): void => killProcessGroup(child);

  const start: PipelineBackend['start'] = async (onTally, onFailure, onThread) => {
    const python = await options.detect();
    if (!python.available) {
      throw pythonMissingError(options.model, python.reason);
    }
    await new Promise<void>((resolve, reject) => {
      let isReady = false;
      const fail = (failure: SerializedError): void => {
        error ??= failure;
        if (isReady) onFailure(failure);
        else reject(new LabError('worker-crashed', failure.message));
      };
      const startTimer = setTimeout(() => {
        fail(serializeError(didNotStartError('Python participants')));
        killGroup();
      }, options.startTimeoutMs ?? 30_000);
      const proc = spawnPythonScript(python.path, options.script);
      child = proc;
      const release = options.owner?.hold(killGroup);
      proc.on('error', (spawnError) => {
        if (proc.pid !== undefined) return; // once it runs, 'close' says how it ended
        clearTimeout(startTimer);
        fail(serializeError(couldNotStartError(python.path, spawnError)));
      });
      proc.stdin?.on('error', () => undefined); // EPIPE after an exit; 'close' reports it
      proc.stderr?.setEncoding('utf8');
      proc.stderr?.on('data', (text: string) => {
        stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
      });
      const onLine = (line: PipelineLine): void => {
        switch (line.type) {
          case 'ready':
            isReady = true;
            clearTimeout(startTimer);
            for (const [participant, id] of (line.workerThreads ?? []).entries()) {
              onThread?.(participant, id);
            }
            resolve();
            return;
          case 'tally': {
            const tally = line.tally as PipelineTally;
            if (line.maxDepth !== undefined) maxDepth = Math.max(maxDepth, line.maxDepth);
            if (tally.isFinal) finals.add(`${tally.role}:${tally.index}`);
            onTally(tally);
            return;
          }
          case 'depth':
            depth = line.depth;
            return;
          case 'end':
            leftInQueue = line.leftInQueue;
            depth = line.leftInQueue;
            return;
          case 'fatal':
            fail(line.error);
            return;
        }
      };
      if (proc.stdout) {
        createInterface({ input: proc.stdout, crlfDelay: Infinity }).on('line', (text) => {
          if (text.trim() === '') return;
          const parsed = pipelineLineSchema.safeParse(safeJson(text));
          if (parsed.success) onLine(parsed.data);
          else {
            fail(
              serializeError(
                new LabError(
                  'internal',
                  `the Python worker wrote an unexpected line: ${text.slice(0, 200)}`,
                ),
              ),
            );
            killGroup();
          }
        });
      }
      proc.on('close', (code, signal) => {
        clearTimeout(startTimer);
        if (leftInQueue === null && !isKilled) {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          const stderr = stderrTail.trim().split('\n').slice(-3).join(' | ');
          fail(serializeError(pythonEndedError(how, stderr)));
        }
        // Whatever Python left behind (an orphaned participant) goes with the group.
        killGroup();
        release?.();
        resolveEnded({
          leftInQueue: leftInQueue ?? 0,
          maxDepth,
          terminated: isKilled ? participants - finals.size : 0,
          error,
        });
      });
      proc.stdin?.write(
        `${JSON.stringify({
          type: 'init',
          mode: 'pipeline',
          runId: 'pipeline',
          model: options.model,
          producers: config.producers,
          consumers: config.consumers,
          intervalMs: config.intervalMs,
          capacity: config.capacity,
          workPerEvent: config.workPerEvent,
          seed: config.seed ?? DEFAULT_PIPELINE_SEED,
        })}\n`,
      );
    });
  };

  return {
    // Every Python model declares its queue (src/shared/models).
    transport: MODELS[options.model].pipeline!.transport,
    transportNote: QUEUE_NOTES[options.model],
    hasLock: false,
    start,
    go: () => write({ type: 'go' }),
    depth: () => depth,
    stopProducers: () => write({ type: 'stop' }),
    halt: () => write({ type: 'stop', force: true }),
    kill: () => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      isKilled = true;
      killGroup();
    },
    ended,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
