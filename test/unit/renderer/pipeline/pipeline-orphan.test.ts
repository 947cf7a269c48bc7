/**
 * An endless pipeline whose tab closed (issue 14): any other window adopts it and can Stop
 * it. The real engine and browser-mode server, two page connections over real WebSockets.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../../../../src/headless/serve';
import { createLabEngine, type LabEngine } from '../../../../src/main/engine/lab-engine';
import { openLabConnection } from '../../../../src/renderer/lab-transport';
import { PipelineSession } from '../../../../src/renderer/pipeline/pipeline-session';
import {
  initialPipelineState,
  reducePipeline,
  type PipelineState,
} from '../../../../src/renderer/pipeline/pipeline-state';
import type { LabApi } from '../../../../src/shared/lab-api';
import { builtScripts } from '../../../helpers/built';

let rendererDir: string;
let engine: LabEngine;
let server: BrowserServer;

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(tmpdir(), 'corelab-orphan-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Corelab</title>');
  engine = createLabEngine({ workerScripts: builtScripts, runtimes: ['node'] });
  server = await startBrowserServer({ engine, rendererDir, log: () => undefined });
});

afterAll(async () => {
  await server.close();
  await engine.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

/** A page's connection to the server, Node's ws standing in for the browser's WebSocket. */
function openPage(): { ready: Promise<LabApi>; close(): void } {
  const origin = new URL(server.url).origin;
  return openLabConnection({
    pageUrl: server.url,
    openSocket: (url) => new WebSocket(url, { origin }),
    log: () => undefined,
  });
}

describe('an orphaned endless pipeline', () => {
  it('is shown in another window, whose Stop ends it', async () => {
    const closedTab = openPage();
    const { runId } = await (
      await closedTab.ready
    ).startPipeline({
      model: 'worker-threads',
      producers: 1,
      consumers: 1,
      intervalMs: 5,
      capacity: 16,
      workPerEvent: 0,
      durationS: null,
    });
    closedTab.close();

    const page = openPage();
    const api = await page.ready;
    let state: PipelineState = initialPipelineState;
    const session = new PipelineSession(api, (action) => (state = reducePipeline(state, action)));
    const ended = new Promise<string>((resolve) =>
      api.onEvent((event) => {
        session.handleEvent(event);
        if (event.type === 'pipeline-done') resolve(event.runId);
      }),
    );
    await expect.poll(() => state.phase, { timeout: 5000 }).toBe('running');
    expect(session.isActive).toBe(true);
    expect(state.status).toMatch(/started elsewhere/);

    session.stop();
    expect(await ended).toBe(runId);
    expect(state.phase).toBe('idle');
    expect(state.result?.runId).toBe(runId);
    // The engine is free again: a new run starts.
    await expect(
      api.startRun({
        workload: 'io.sleep',
        params: { latencyMs: 1 },
        taskCount: 2,
        models: [{ model: 'event-loop', workers: 1 }],
      }),
    ).resolves.toHaveProperty('runId');
    page.close();
  }, 30_000);
});
