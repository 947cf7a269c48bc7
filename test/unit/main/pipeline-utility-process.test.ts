import { fork as forkNode } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { UtilityProcess } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  utilityPipelineEventLoopHost,
  utilityPipelineSpawner,
} from '../../../src/main/pipeline-utility-process';
import type { UtilityFork } from '../../../src/main/utility-process-handle';
import { createBrokerBackend } from '../../../src/shared/pipeline/broker-backend';
import { createHostedBackend } from '../../../src/shared/pipeline/hosted-backend';
import type { PipelineConfig } from '../../../src/shared/pipeline/pipeline-config';
import type { PipelineHostMessage } from '../../../src/shared/pipeline/pipeline-protocol';
import { startPipelineRun } from '../../../src/shared/pipeline/pipeline-run';
import { servePipelinePeer } from '../../../src/shared/pipeline/serve-pipeline-peer';
import { builtHost } from '../../helpers/built';
import { childPids, waitFor } from '../../helpers/processes';

vi.mock('electron', () => import('../../fixtures/electron'));

/**
 * A utility process played in this thread: what the engine posts reaches the real pipeline
 * participant, and what that posts comes back as 'message' events, a macrotask later.
 */
class FakeUtilityChild extends EventEmitter {
  private deliver: ((message: PipelineHostMessage) => void) | null = null;
  isKilled = false;
  constructor() {
    super();
    servePipelinePeer(
      {
        post: (message) => setImmediate(() => this.emit('message', structuredClone(message))),
        onMessage: (listener) => (this.deliver = listener),
      },
      () => setImmediate(() => this.emit('exit', 0)),
    );
  }
  postMessage(message: PipelineHostMessage): void {
    setImmediate(() => this.deliver?.(structuredClone(message)));
  }
  kill(): boolean {
    this.isKilled = true;
    setImmediate(() => this.emit('exit', 15));
    return true;
  }
}

function spawnerWithFakes() {
  const forks: Parameters<UtilityFork>[] = [];
  const children: FakeUtilityChild[] = [];
  const fork: UtilityFork = (...args) => {
    forks.push(args);
    const child = new FakeUtilityChild();
    children.push(child);
    return child as unknown as UtilityProcess;
  };
  return { spawn: utilityPipelineSpawner('/out/main/pipeline-process.js', fork), forks, children };
}

const config: PipelineConfig = {
  model: 'utility-process',
  producers: 2,
  consumers: 2,
  intervalMs: 0,
  capacity: 4,
  workPerEvent: 10,
  durationS: 0.5,
};

describe('utilityPipelineSpawner', () => {
  it('forks pipeline-process.js per participant, named after its role', () => {
    const { spawn, forks } = spawnerWithFakes();
    spawn('consumer', 1);
    expect(forks[0]?.[0]).toBe('/out/main/pipeline-process.js');
    expect(forks[0]?.[2]).toMatchObject({ serviceName: 'Corelab pipeline consumer 1' });
  });

  it('carries a whole brokered pipeline: every event once, nothing lost', async () => {
    const { spawn, children } = spawnerWithFakes();
    const run = startPipelineRun({
      runId: 'u',
      config,
      backend: createBrokerBackend(config, spawn, 'utility'),
      onSample() {},
    });
    const result = await run.result;
    expect(children).toHaveLength(4);
    expect(result.error).toBeNull();
    expect(result.totals.produced).toBeGreaterThan(50);
    expect(result.totals).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0, leftInQueue: 0 });
  });

  it('reports a participant that died as a failed run', async () => {
    const { spawn, children } = spawnerWithFakes();
    const run = startPipelineRun({
      runId: 'u',
      config: { ...config, durationS: null },
      backend: createBrokerBackend(config, spawn, 'utility'),
      onSample() {},
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    children[0]!.kill();
    const result = await run.result;
    expect(result.stopReason).toBe('failed');
    expect(result.error?.message).toBe('producer 0 exited with code 15 before it finished');
  });
});

describe('utilityPipelineEventLoopHost', () => {
  /** A real process standing in for the utility process: the built host, forked with IPC. */
  const forkStandIn = (): { fork: UtilityFork; forks: Parameters<UtilityFork>[] } => {
    const forks: Parameters<UtilityFork>[] = [];
    const fork: UtilityFork = (...args) => {
      forks.push(args);
      const child = forkNode(args[0], [], { stdio: 'inherit' });
      return Object.assign(child, {
        postMessage: (message: unknown) => child.send(message as object),
      }) as unknown as UtilityProcess;
    };
    return { fork, forks };
  };
  const eventLoopConfig: PipelineConfig = { ...config, model: 'event-loop' };

  it('runs the whole event-loop pipeline in one process of its own', async () => {
    const { fork, forks } = forkStandIn();
    const spawnHost = utilityPipelineEventLoopHost(builtHost('pipeline-event-loop')!, fork);
    const run = startPipelineRun({
      runId: 'e',
      config: eventLoopConfig,
      backend: createHostedBackend(eventLoopConfig, spawnHost, 'utility'),
      onSample() {},
    });
    const result = await run.result;
    expect(forks).toHaveLength(1);
    expect(forks[0]?.[2]).toMatchObject({ serviceName: 'Corelab pipeline event loop' });
    expect(result.error).toBeNull();
    expect(result.totals.produced).toBeGreaterThan(50);
    expect(result.totals).toMatchObject({ lost: 0, duplicates: 0, outOfOrder: 0, leftInQueue: 0 });
    expect(await waitFor(() => childPids().length === 0, 2000)).toBe(true);
  });

  it('reports a host that died as a failed run', async () => {
    const { fork } = forkStandIn();
    const spawnHost = utilityPipelineEventLoopHost(builtHost('pipeline-event-loop')!, fork);
    let samples = 0;
    const run = startPipelineRun({
      runId: 'e',
      config: { ...eventLoopConfig, durationS: null },
      backend: createHostedBackend(eventLoopConfig, spawnHost, 'utility'),
      onSample: () => samples++,
    });
    expect(await waitFor(() => samples > 0, 10_000)).toBe(true);
    process.kill(childPids()[0]!, 'SIGKILL');
    const result = await run.result;
    expect(result.stopReason).toBe('failed');
    expect(result.error?.message).toMatch(/event loop's host exited/);
  });
});
