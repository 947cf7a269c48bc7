/**
 * Everything that comes into the engine is strict: a misspelt key is refused by name with
 * its path, never dropped so that the run differs from the one asked for.
 */
import { describe, expect, it } from 'vitest';
import { handleLabRequest } from '../../../src/shared/lab-server-core';
import { parsePipelineConfig } from '../../../src/shared/pipeline/pipeline-config';
import { runConfigSchema } from '../../../src/shared/run-config';
import { describeFirstIssue } from '../../../src/shared/schema-issues';
import { buildSnapshot, parseSnapshot, serializeSnapshot } from '../../../src/shared/snapshot';
import { createFakeLabApi, HOST_INFO } from '../../fixtures/fake-lab-api';
import { runContent } from '../../fixtures/snapshots';

const runConfig = { workload: 'cpu.primes', models: [{ model: 'worker-threads', workers: 2 }] };
const pipelineConfig = {
  model: 'worker-threads',
  producers: 1,
  consumers: 1,
  intervalMs: 0,
  capacity: 8,
  workPerEvent: 0,
  durationS: 1,
};
const liveConfig = { ...runConfig, taskUs: 100 };
const RUN_KEYS = 'expected one of workload, params, taskCount, models, failurePolicy';

/** Each boundary: the method, its arguments with one misspelt key, and what the refusal says. */
const CASES: [string, unknown[], string][] = [
  [
    'estimateRun',
    [{ ...runConfig, taskcount: 20 }],
    `estimateRun: args[0].taskcount: unknown key; ${RUN_KEYS}`,
  ],
  [
    'startRun',
    [{ ...runConfig, models: [{ model: 'worker-threads', worker: 4 }] }],
    'startRun: args[0].models[0].worker: unknown key; expected one of model, workers',
  ],
  [
    'startSweep',
    [{ workload: 'cpu.primes', model: 'worker-threads', maxWorkers: 2, round: 3 }],
    'startSweep: args[0].round: unknown key; expected one of workload, params, taskCount, model,',
  ],
  [
    'startLive',
    [{ ...liveConfig, ramp: { from: 1, to: 2, stepS: 1, step: 1 } }],
    'startLive: args[0].ramp.step: unknown key; expected one of from, to, stepS',
  ],
  [
    'startPipeline',
    [{ ...pipelineConfig, producer: 2 }],
    'startPipeline: args[0].producer: unknown key; expected one of model, producers, consumers,',
  ],
  [
    'stopPipeline',
    ['run-1', { forced: true }],
    'stopPipeline: args[1].forced: unknown key; expected one of force',
  ],
  [
    'measureMessages',
    [{ models: ['worker-threads'], size: [8] }],
    'measureMessages: args[0].size: unknown key; expected one of models, sizes',
  ],
  [
    'saveSnapshot',
    [{ name: 'a', content: runContent(), overwrites: true }],
    'saveSnapshot: args[0].overwrites: unknown key; expected one of name, note, overwrite, content',
  ],
  [
    'saveSnapshot',
    [{ name: 'a', content: { ...runContent(), coreSerie: [] } }],
    'saveSnapshot: args[0].content.coreSerie: unknown key; expected one of kind, config,',
  ],
  [
    'importSnapshot',
    ['{}', 'a.json', { overWrite: true }],
    'importSnapshot: args[2].overWrite: unknown key; expected one of overwrite',
  ],
];

describe('a misspelt key at a boundary', () => {
  it.each(CASES)('is refused by %s with its path', async (method, args, message) => {
    const api = createFakeLabApi();
    const reply = await handleLabRequest(api, { type: 'request', id: 1, method, args });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(reply.ok ? '' : reply.error.message).toContain(message);
    expect(api.calls).toEqual([]);
  });

  it('is refused in the request envelope, naming every other unknown key too', async () => {
    const reply = await handleLabRequest(createFakeLabApi(), {
      type: 'request',
      id: 2,
      method: 'getHostInfo',
      args: [],
      arg: [],
      token: 'x',
    });
    expect(reply.ok ? '' : reply.error.message).toBe(
      'request: message.arg: unknown key (so are "token"); expected one of type, id, method, args',
    );
  });

  it('names a few of many unknown keys and counts the rest', async () => {
    const extra = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    const reply = await handleLabRequest(createFakeLabApi(), {
      type: 'request',
      id: 3,
      method: 'estimateRun',
      args: [{ ...runConfig, ...extra }],
    });
    expect(reply.ok ? '' : reply.error.message).toMatch(
      /^estimateRun: args\[0\]\.k0: unknown key \(so are "k1", "k2", "k3", 6 more\); expected one of workload,/,
    );
  });

  it('is refused by the engine-side parsers in the same words, without the wire prefix', () => {
    const parsed = runConfigSchema.safeParse({ ...runConfig, worker: 4 });
    expect(parsed.success ? '' : describeFirstIssue(parsed.error)).toBe(
      `worker: unknown key; ${RUN_KEYS}, taskTimeoutMs, memoryLimitMb, rounds, targetS, otherLoadLimitCores`,
    );
    expect(() => parsePipelineConfig({ ...pipelineConfig, seeds: 1 })).toThrow(
      /^seeds: unknown key; expected one of model, producers/,
    );
  });

  it("in a saved file's config is refused on import; elsewhere in the file it is dropped", () => {
    const meta = {
      name: 'a',
      note: '',
      createdAt: '2025-01-02T03:05:00.000Z',
      appVersion: '1.0.0',
      host: HOST_INFO,
    };
    const file = JSON.parse(serializeSnapshot(buildSnapshot(meta, runContent()))) as Record<
      string,
      Record<string, unknown>
    >;
    const retired = { ...file, retiredField: 1, host: { ...file.host, memoryMb: 1 } };
    expect(parseSnapshot(JSON.stringify(retired), 'old.json')).not.toHaveProperty('retiredField');
    const misspelt = { ...file, config: { ...file.config, taskcount: 3 } };
    expect(() => parseSnapshot(JSON.stringify(misspelt), 'bad.json')).toThrow(
      /^bad\.json: config\.taskcount: unknown key; expected one of workload/,
    );
  });
});
