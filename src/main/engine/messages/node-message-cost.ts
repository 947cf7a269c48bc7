/**
 * Round trips between this thread and one worker thread or forked process, per way of passing
 * data, plus the control: a bare worker echoing with plain postMessage, measured side by side.
 */
import { Worker } from 'node:worker_threads';
import { LabError } from '../../../shared/errors';
import type { MessageMode, MessageRow } from '../../../shared/messages/message-cost';
import {
  isEchoReply,
  makePayload,
  payloadChecksum,
  SHARED_CONTROL_INTS,
  SHARED_SLOT,
  STOP_SEQ,
  type EchoPayload,
  type EchoReply,
  type EchoRequest,
} from '../../../shared/messages/message-echo';
import { messageRow, type RoundTripBudget } from '../../../shared/messages/message-row';
import { forkNodeProcess, spawnWorkerThread } from '../node-spawn';
import type { SpawnOwner } from '../spawn-owner';
import { echoClient, type EchoClient } from './echo-client';
import { timeRoundTrips, type RoundTrip } from './round-trip-timer';

/** What one Node model's measurement needs. */
export interface NodeMessageJob {
  /** The built src/workers/hosts/message-echo.ts. */
  echoScript: string;
  sizes: readonly number[];
  budget: RoundTripBudget;
  owner: SpawnOwner;
  onRow(row: MessageRow): void;
  signal?: AbortSignal;
}

/** ES2024's Atomics.waitAsync, which the ES2023 lib this project compiles against lacks. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

function wrongAnswer(mode: MessageMode, bytes: number, detail: string): LabError {
  return new LabError('internal', `${mode} at ${bytes} B: ${detail}`);
}

/** A round trip that sends the payload and checks what comes back (copy or transfer). */
function echoRoundTrip(client: EchoClient, mode: MessageMode, first: EchoPayload): RoundTrip {
  let payload = first;
  const isTransfer = mode === 'transfer';
  return async (seq) => {
    // A fresh first byte each time proves the reply is this round trip's.
    if (typeof payload !== 'string') payload[0] = seq & 255;
    const expected = payloadChecksum(payload);
    const transfer =
      isTransfer && typeof payload !== 'string' ? [payload.buffer as ArrayBuffer] : [];
    const reply = await client.request({ type: 'echo', seq, payload, isTransfer }, transfer);
    if (reply.type !== 'echo' || reply.seq !== seq)
      throw wrongAnswer(mode, payload.length, 'out of order');
    if (reply.checksum !== expected || payloadChecksum(reply.payload) !== expected) {
      throw wrongAnswer(mode, payload.length, 'checksum differs');
    }
    // A transferred buffer came back as the reply's; a copy is as good as the original.
    payload = reply.payload;
  };
}

/**
 * Round trips through a SharedArrayBuffer: the worker sits in Atomics.wait; each round trip
 * writes a byte, bumps the request number and waits (without blocking this loop) for the reply.
 */
async function timeShared(
  client: EchoClient,
  bytes: number,
  budget: RoundTripBudget,
  signal?: AbortSignal,
): Promise<number[]> {
  const dataBuffer = new SharedArrayBuffer(bytes);
  const data = new Uint8Array(dataBuffer);
  data.set(makePayload(bytes, false) as Uint8Array);
  const controlBuffer = new SharedArrayBuffer(SHARED_CONTROL_INTS * 4);
  const control = new Int32Array(controlBuffer);
  const done = client.request({ type: 'share', data: dataBuffer, control: controlBuffer });
  const roundTrip: RoundTrip = async (seq) => {
    data[0] = seq & 255;
    const expected = payloadChecksum(data);
    Atomics.store(control, SHARED_SLOT.request, seq);
    Atomics.notify(control, SHARED_SLOT.request);
    const wait = waitAsync(control, SHARED_SLOT.reply, seq - 1);
    if (wait.async) await wait.value;
    if (Atomics.load(control, SHARED_SLOT.checksum) !== expected) {
      throw wrongAnswer('shared-array-buffer', bytes, 'checksum differs');
    }
  };
  try {
    return await timeRoundTrips(bytes, roundTrip, budget, signal);
  } finally {
    Atomics.store(control, SHARED_SLOT.request, STOP_SEQ);
    Atomics.notify(control, SHARED_SLOT.request);
    await done;
  }
}

/** The control's worker: no Corelab code, it posts back whatever it gets. */
const BARE_ECHO = `require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));`;

/** A bare worker and its round trip: postMessage the payload, wait for it to come back. */
function bareControl(owner: SpawnOwner): {
  roundTrip(payload: Uint8Array): RoundTrip;
  stop(): Promise<void>;
} {
  const worker = new Worker(BARE_ECHO, { eval: true });
  const release = owner.hold(() => void worker.terminate());
  worker.once('exit', release);
  return {
    roundTrip: (payload) => async (seq) => {
      payload[0] = seq & 255;
      const reply = new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage(payload);
      const echoed = (await reply) as Uint8Array;
      if (echoed.length !== payload.length || echoed[0] !== (seq & 255)) {
        throw wrongAnswer('bare-post-message', payload.length, 'echo differs');
      }
      worker.removeAllListeners('error');
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}

async function measureCell(
  job: NodeMessageJob,
  model: 'worker-threads' | 'child-process',
  mode: MessageMode,
  bytes: number,
  roundTrip: RoundTrip,
): Promise<void> {
  const timesMs = await timeRoundTrips(bytes, roundTrip, job.budget, job.signal);
  job.onRow(messageRow(model, mode, bytes, timesMs));
}

/**
 * worker_threads: structured clone, transfer and SharedArrayBuffer on one echo thread, and
 * the bare control beside them, size by size so the control sees the same machine state.
 */
export async function measureWorkerThreads(job: NodeMessageJob): Promise<void> {
  const client = echoClient(
    job.owner.adopt(
      spawnWorkerThread<EchoRequest, EchoReply>(job.echoScript, { isMessage: isEchoReply }),
    ),
  );
  const control = bareControl(job.owner);
  try {
    await client.ready;
    for (const bytes of job.sizes) {
      const model = 'worker-threads';
      await measureCell(
        job,
        model,
        'structured-clone',
        bytes,
        echoRoundTrip(client, 'structured-clone', makePayload(bytes, false)),
      );
      await measureCell(
        job,
        model,
        'transfer',
        bytes,
        echoRoundTrip(client, 'transfer', makePayload(bytes, false)),
      );
      const sharedMs = await timeShared(client, bytes, job.budget, job.signal);
      job.onRow(messageRow(model, 'shared-array-buffer', bytes, sharedMs));
      await measureCell(
        job,
        model,
        'bare-post-message',
        bytes,
        control.roundTrip(makePayload(bytes, false) as Uint8Array),
      );
    }
  } finally {
    await client.close();
    await control.stop();
  }
}

/** child_process IPC with each serialisation, one forked echo process per serialisation. */
export async function measureChildProcess(job: NodeMessageJob): Promise<void> {
  const modes = [
    { mode: 'ipc-advanced', serialization: 'advanced' },
    { mode: 'ipc-json', serialization: 'json' },
  ] as const;
  for (const { mode, serialization } of modes) {
    const client = echoClient(
      job.owner.adopt(
        forkNodeProcess<EchoRequest, EchoReply>(job.echoScript, {
          isMessage: isEchoReply,
          serialization,
        }),
      ),
    );
    try {
      await client.ready;
      for (const bytes of job.sizes) {
        // JSON cannot carry bytes as they are: its payload is as many characters of text.
        const payload = makePayload(bytes, serialization === 'json');
        await measureCell(job, 'child-process', mode, bytes, echoRoundTrip(client, mode, payload));
      }
    } finally {
      await client.close();
    }
  }
}
