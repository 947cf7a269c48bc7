import { describe, expect, it } from 'vitest';
import { isToSharedThread, isFromSharedThread } from '../../../src/shared/pool/shared-thread';
import {
  isHostMessage,
  isWorkerMessage,
  type HostMessage,
  type WorkerMessage,
} from '../../../src/shared/protocol';
import { serveWorker } from '../../../src/shared/serve-worker';

/** Every message a real worker (serveWorker) sends for `hostMessages`, once it has gone quiet. */
async function workerAnswers(hostMessages: HostMessage[]): Promise<WorkerMessage[]> {
  const sent: WorkerMessage[] = [];
  let toWorker: (message: HostMessage) => void = () => {};
  serveWorker(
    { post: (message) => sent.push(message), onMessage: (listener) => (toWorker = listener) },
    {
      pid: 42,
      tid: 43,
      usage: () => ({ cpuUserMs: 1.5, cpuSystemMs: 0.5, peakRssBytes: 1024 }),
      exit: () => {},
    },
    () => ({ sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }),
  );
  for (const message of hostMessages) {
    toWorker(message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return sent;
}

const init = (workload: string, params: Record<string, number>): HostMessage => ({
  type: 'init',
  runId: 'r',
  worker: 0,
  workload,
  params,
  taskCount: 4,
  io: {},
});

const result: WorkerMessage = {
  type: 'result',
  runId: 'r',
  taskIndex: 1,
  checksum: 7,
  startEpochMs: 1000,
  endEpochMs: 1001,
};
const failure: WorkerMessage = {
  type: 'error',
  runId: 'r',
  taskIndex: null,
  error: { name: 'LabError', message: 'boom', code: 'task-failed' },
  startEpochMs: 1000,
  endEpochMs: 1001,
};

describe('isWorkerMessage', () => {
  it('accepts every message a real worker sends, and the host messages it answers pass isHostMessage', async () => {
    const hostMessages: HostMessage[] = [
      init('cpu.primes', { limit: 1000 }),
      { type: 'warmup', runId: 'r' },
      { type: 'task', runId: 'r', taskIndex: 0 },
      { type: 'size', runId: 'r', params: { limit: 2000 }, taskCount: 8 },
      init('no.such.workload', {}),
      { type: 'task', runId: 'r', taskIndex: 1 },
      init('fault.flood', { linesPerTask: 300 }),
      { type: 'task', runId: 'r', taskIndex: 2 },
      { type: 'stop', runId: 'r' },
    ];
    for (const message of hostMessages) expect(isHostMessage(message), message.type).toBe(true);
    const answers = await workerAnswers(hostMessages);
    expect(new Set(answers.map((m) => m.type))).toEqual(
      new Set(['ready', 'warm', 'result', 'error', 'log', 'usage']),
    );
    expect(answers.some((m) => m.type === 'log' && (m.dropped ?? 0) > 0)).toBe(true);
    for (const message of answers) expect(isWorkerMessage(message), message.type).toBe(true);
  });

  it.each<[string, unknown]>([
    ['not an object', 'result'],
    ['null', null],
    ['no runId', { ...result, runId: undefined }],
    ['an unknown type', { ...result, type: 'resutl' }],
    ['a type from Object.prototype', { ...result, type: 'toString' }],
    ['a string task index', { ...result, taskIndex: '1' }],
    ['a negative task index', { ...result, taskIndex: -1 }],
    ['a fractional task index', { ...result, taskIndex: 1.5 }],
    ['no checksum', { ...result, checksum: undefined }],
    ['a non-finite start time', { ...result, startEpochMs: Infinity }],
    ['an error without its error', { ...failure, error: undefined }],
    ['an error whose error has no message', { ...failure, error: { name: 'Error' } }],
    ['an error with an unknown code', { ...failure, error: { ...failure.error, code: 'oops' } }],
    ['a ready without a pid', { type: 'ready', runId: 'r', worker: 0 }],
    ['a ready with a string tid', { type: 'ready', runId: 'r', worker: 0, pid: 1, tid: '2' }],
    [
      'a usage with negative CPU time',
      { type: 'usage', runId: 'r', pid: 1, cpuUserMs: -1, cpuSystemMs: 0, peakRssBytes: 0 },
    ],
    ['a log without its message', { type: 'log', runId: 'r', dropped: 3 }],
    ['a log with a string drop count', { type: 'log', runId: 'r', message: '', dropped: '3' }],
  ])('rejects %s', (_name, message) => {
    expect(isWorkerMessage(message)).toBe(false);
  });

  it('does not take a host message for a worker message, nor the other way round', () => {
    expect(isWorkerMessage({ type: 'task', runId: 'r', taskIndex: 0 })).toBe(false);
    expect(isHostMessage(result)).toBe(false);
    expect(
      isHostMessage({
        type: 'init',
        runId: 'r',
        worker: 0,
        workload: 'x',
        params: { limit: 'big' },
        taskCount: 1,
        io: {},
      }),
    ).toBe(false);
  });
});

describe('the shared-thread guards', () => {
  it('check the worker message a slot carries, not just the slot', () => {
    expect(isFromSharedThread({ slot: 0, message: result })).toBe(true);
    expect(isFromSharedThread({ slot: 0, message: { ...result, taskIndex: 'x' } })).toBe(false);
    expect(isFromSharedThread({ slot: -1, message: result })).toBe(false);
    expect(isFromSharedThread({ slot: 0, exit: { code: 1, signal: null } })).toBe(true);
    expect(isFromSharedThread({ slot: 0, exit: { code: '1', signal: null } })).toBe(false);
    const delay = { p50Ms: 1, p99Ms: 2, maxMs: 3 };
    expect(isFromSharedThread({ type: 'report', eventLoopDelay: delay })).toBe(true);
    expect(isFromSharedThread({ type: 'report', eventLoopDelay: { p50Ms: 1 } })).toBe(false);
    expect(isFromSharedThread({ type: 'report', eventLoopDelay: delay, usage: { pid: 1 } })).toBe(
      false,
    );
  });

  it('check the host message a slot carries', () => {
    expect(isToSharedThread({ slot: 0, message: { type: 'stop', runId: 'r' } })).toBe(true);
    expect(isToSharedThread({ slot: 0, kill: true })).toBe(true);
    expect(isToSharedThread({ type: 'finish' })).toBe(true);
    expect(isToSharedThread({ slot: 0, message: { type: 'task', runId: 'r' } })).toBe(false);
    expect(isToSharedThread({ slot: 0 })).toBe(false);
  });
});
