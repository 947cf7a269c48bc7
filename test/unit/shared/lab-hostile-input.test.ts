/**
 * Hostile input through the in-memory transport pair (lab-server-core ↔ lab-client-core)
 * in front of a real engine: every refusal is a typed error, nothing reaches the engine
 * that its schemas refuse, no run starts, Object.prototype stays clean, and the server
 * keeps serving. test/unit/headless/serve-hostile-input.test.ts does the same over the
 * real WebSocket server.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabEngine, type LabEngine } from '../../../src/main/engine/lab-engine';
import { LabError } from '../../../src/shared/errors';
import type { LabApi, LabEvent } from '../../../src/shared/lab-api';
import { createLabClient } from '../../../src/shared/lab-client-core';
import { serveLabApi } from '../../../src/shared/lab-server-core';
import type { RunConfig } from '../../../src/shared/run-config';
import { builtScripts } from '../../helpers/built';
import {
  engineRefusedCall,
  malformedMessage,
  prototypeKeys,
  refusalProblem,
  refusedCall,
  VALID_RUN,
  type RawReply,
} from '../../fixtures/hostile-payloads';
import { createChannelPair, type MemoryChannel } from '../../fixtures/memory-channel';

const MAX_WORKERS = 4;
let dataDir: string;
let engine: LabEngine;
/** Methods of the engine that a request reached, in order. */
const reached: string[] = [];
const events: LabEvent[] = [];
const prototypeBefore = prototypeKeys();
let raw: MemoryChannel;
let client: LabApi;
let nextId = 1;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'corelab-hostile-'));
  engine = createLabEngine({
    workerScripts: builtScripts,
    runtimes: ['node'],
    maxWorkers: MAX_WORKERS,
    dataDir,
  });
  engine.onEvent((event) => events.push(event));
  // The engine as the server sees it, recording each call that gets through.
  const spied = new Proxy(engine, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (
        typeof value !== 'function' ||
        typeof property !== 'string' ||
        property.startsWith('on')
      ) {
        return value;
      }
      return (...args: unknown[]) => {
        reached.push(property);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const [rawServer, rawEnd] = createChannelPair();
  serveLabApi(spied, rawServer, { log: () => undefined });
  raw = rawEnd;
  const [clientServer, clientEnd] = createChannelPair();
  serveLabApi(spied, clientServer, { log: () => undefined });
  client = createLabClient(clientEnd, { log: () => undefined });
});

afterAll(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sends one raw message and resolves with the next reply (one message in flight). */
function send(message: unknown): Promise<RawReply> {
  return new Promise((resolve) => {
    const listener = (reply: unknown): void => {
      if ((reply as RawReply).type !== 'reply') return;
      listeners.delete(listener);
      resolve(reply as RawReply);
    };
    listeners.add(listener);
    raw.sendRaw(message);
  });
}
const listeners = new Set<(message: unknown) => void>();
beforeAll(() => raw.onMessage((message) => listeners.forEach((listener) => listener(message))));

describe('hostile input over the in-memory transport', () => {
  it('refuses every call its schemas refuse, with a typed error, before the engine', async () => {
    await fc.assert(
      fc.asyncProperty(refusedCall, async ({ method, args }) => {
        const id = nextId++;
        const reply = await send({ type: 'request', id, method, args });
        expect(refusalProblem(reply, ['invalid-argument'])).toBeNull();
        expect(reply.id).toBe(id);
      }),
      { numRuns: 300 },
    );
    expect(reached).toEqual([]);
  });

  it('answers a malformed message with a typed error, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(malformedMessage, async (message) => {
        const reply = await send(message);
        expect(refusalProblem(reply, ['invalid-argument'])).toBeNull();
      }),
      { numRuns: 200 },
    );
    expect(reached).toEqual([]);
  });

  it('refuses what only the engine can judge with its code, and starts no run', async () => {
    await fc.assert(
      fc.asyncProperty(engineRefusedCall(MAX_WORKERS), async ({ call, code }) => {
        const reply = await send({ type: 'request', id: nextId++, ...call });
        expect(refusalProblem(reply, [code])).toBeNull();
      }),
      { numRuns: 150 },
    );
    expect(events).toEqual([]);
  });

  it('rejects a hostile config passed through the typed client with a LabError', async () => {
    await fc.assert(
      fc.asyncProperty(
        refusedCall.filter((call) => call.method === 'startRun' && call.args.length === 1),
        async ({ args }) => {
          const error = await client.startRun(args[0] as RunConfig).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(LabError);
          expect((error as LabError).code).toBe('invalid-argument');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('leaves Object.prototype untouched and the engine idle and serving', async () => {
    expect(prototypeKeys()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(events).toEqual([]);
    // Not busy: a real run starts and ends.
    const done = new Promise<LabEvent>((resolve) =>
      engine.onEvent((event) => event.type === 'run-done' && resolve(event)),
    );
    const { runId } = await client.startRun(VALID_RUN as RunConfig);
    expect((await done).runId).toBe(runId);
    expect((await client.getHostInfo()).logicalCores).toBeGreaterThan(0);
  });
});
