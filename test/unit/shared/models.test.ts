import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MODEL_IDS,
  MODELS,
  describeWorkers,
  workerNoun,
  type ModelInfo,
} from '../../../src/shared/models';
import { PYTHON_MODEL_IDS } from '../../../src/main/engine/python-protocol';

describe('describeWorkers', () => {
  it('agrees the noun with the count', () => {
    expect(describeWorkers('worker-threads', 1)).toBe('1 worker');
    expect(describeWorkers('worker-threads', 4)).toBe('4 workers');
  });

  it('counts tasks in flight for a one-thread model, and threads for Python threading', () => {
    expect(describeWorkers('event-loop', 2)).toBe('2 tasks in flight');
    expect(describeWorkers('renderer-main', 1)).toBe('1 task in flight');
    expect(workerNoun('python-threading', 3)).toBe('threads');
  });
});

describe('MODELS', () => {
  it('gives every model a summary short enough for one line of the sidebar', () => {
    for (const id of MODEL_IDS) {
      expect(MODELS[id].summary.length).toBeGreaterThan(0);
      expect(MODELS[id].summary.length).toBeLessThanOrEqual(40);
    }
  });
});

describe('the model registry', () => {
  const modelsDir = path.resolve('src/shared/models');
  const modules = readdirSync(modelsDir)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && file !== 'model-info.ts')
    .map((file) => file.slice(0, -3));

  it('lists every model module once, each under its own id', async () => {
    // A model module left out of MODEL_LIST would compile and never show: catch it here.
    expect([...MODEL_IDS].sort()).toEqual([...modules].sort());
    for (const name of modules) {
      const exported = Object.values(
        (await import(pathToFileURL(path.join(modelsDir, `${name}.ts`)).href)) as Record<
          string,
          ModelInfo
        >,
      );
      expect(exported.map((model) => model.id)).toEqual([name]);
    }
  });

  it('gives each Node model a host that exists in src/workers/hosts', () => {
    for (const id of MODEL_IDS) {
      const { runtime, spawn } = MODELS[id];
      expect(spawn !== undefined, id).toBe(runtime === 'node');
      if (spawn) expect(existsSync(`src/workers/hosts/${spawn.host}.ts`), spawn.host).toBe(true);
    }
  });

  it("names Python's models as the engine's Python side does", () => {
    expect(MODEL_IDS.filter((id) => MODELS[id].runtime === 'python')).toEqual([
      ...PYTHON_MODEL_IDS,
    ]);
  });

  it('gives each model a colour of its own', () => {
    const colours = MODEL_IDS.map((id) => MODELS[id].colour);
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(colours.length);
  });
});
