import { EventEmitter } from 'node:events';
import type { UtilityProcess } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { UtilityFork } from '../../../src/main/utility-process-handle';
import {
  utilityEventLoopRunner,
  utilityProcessRunner,
} from '../../../src/main/utility-process-runner';
import type { WorkerMessage } from '../../../src/shared/protocol';
import type { WorkerExit } from '../../../src/shared/pool/run-pool';

vi.mock('electron', () => import('../../fixtures/electron'));

/** A utility process that records what it was sent and lets the test play the child. */
class FakeChild extends EventEmitter {
  posted: unknown[] = [];
  isKilled = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.isKilled = true;
    return true;
  }
}

function runnerWithFakes() {
  const children: FakeChild[] = [];
  const forks: Parameters<UtilityFork>[] = [];
  const fork: UtilityFork = (...args) => {
    forks.push(args);
    const child = new FakeChild();
    children.push(child);
    return child as unknown as UtilityProcess;
  };
  return {
    runner: utilityProcessRunner('/out/main/chunks/child-process.js', fork),
    children,
    forks,
  };
}

describe('utilityProcessRunner', () => {
  it('forks the child-process host per worker and carries the protocol both ways', () => {
    const { runner, children, forks } = runnerWithFakes();
    expect(runner.model).toBe('utility-process');
    expect(runner.isInProcess).toBe(false);
    const worker = runner.spawn(3);
    expect(forks[0]?.[0]).toBe('/out/main/chunks/child-process.js');
    expect(forks[0]?.[2]).toMatchObject({ serviceName: 'Corelab worker 3' });

    worker.post({ type: 'task', runId: 'r', taskIndex: 0 });
    expect(children[0]?.posted).toEqual([{ type: 'task', runId: 'r', taskIndex: 0 }]);

    const received: WorkerMessage[] = [];
    worker.onMessage((message) => received.push(message));
    children[0]?.emit('message', { type: 'ready', runId: 'r', worker: 3, pid: 42 });
    children[0]?.emit('message', 'garbage');
    expect(received).toEqual([{ type: 'ready', runId: 'r', worker: 3, pid: 42 }]);
  });

  it('reports the exit code, and a fatal error as the exit reason', () => {
    const { runner, children } = runnerWithFakes();
    const worker = runner.spawn(0);
    const exits: WorkerExit[] = [];
    worker.onExit((exit) => exits.push(exit));
    children[0]?.emit('error', 'FatalError', 'v8::Isolate', 'report');
    children[0]?.emit('exit', 134);
    expect(exits).toEqual([
      {
        code: 134,
        signal: null,
        error: { name: 'Error', message: 'utility process FatalError at v8::Isolate' },
      },
    ]);
  });

  it('tells a late exit listener at once, and drops messages to an exited worker', () => {
    const { runner, children } = runnerWithFakes();
    const worker = runner.spawn(0);
    children[0]?.emit('exit', 0);
    const exits: WorkerExit[] = [];
    worker.onExit((exit) => exits.push(exit));
    expect(exits).toEqual([{ code: 0, signal: null }]);
    worker.post({ type: 'stop', runId: 'r' });
    expect(children[0]?.posted).toEqual([]);
  });

  it('kills the process on kill()', () => {
    const { runner, children } = runnerWithFakes();
    runner.spawn(0).kill();
    expect(children[0]?.isKilled).toBe(true);
  });

  it('caps the heap through execArgv, and reads an abort under the cap as out of memory', () => {
    const { runner, children, forks } = runnerWithFakes();
    const worker = runner.spawn(0, { memoryLimitMb: 64 });
    expect(forks[0]?.[2]).toMatchObject({ execArgv: ['--max-old-space-size=64'] });
    const exits: WorkerExit[] = [];
    worker.onExit((exit) => exits.push(exit));
    children[0]?.emit('exit', 6);
    expect(exits).toEqual([{ code: 6, signal: null, outOfMemoryLimitMb: 64 }]);
    runner.spawn(1);
    expect(forks[1]?.[2]).not.toHaveProperty('execArgv');
  });
});

describe('utilityEventLoopRunner', () => {
  it('runs every slot of a run in one utility process, off the main thread', async () => {
    const forks: Parameters<UtilityFork>[] = [];
    const children: FakeChild[] = [];
    const runner = utilityEventLoopRunner('/out/main/chunks/event-loop-host.js', (...args) => {
      forks.push(args);
      const child = new FakeChild();
      children.push(child);
      return child as unknown as UtilityProcess;
    });
    expect(runner.isInProcess).toBe(false);
    const run = runner.openRun();
    const [first, second] = [run.spawn(0), run.spawn(1)];
    expect(forks).toHaveLength(1);
    expect(forks[0]?.[0]).toBe('/out/main/chunks/event-loop-host.js');
    expect(forks[0]?.[2]).toMatchObject({ serviceName: 'Corelab event loop' });
    second.post({ type: 'task', runId: 'r', taskIndex: 5 });
    expect(children[0]?.posted).toEqual([
      { slot: 1, message: { type: 'task', runId: 'r', taskIndex: 5 } },
    ]);
    const received: WorkerMessage[] = [];
    first.onMessage((message) => received.push(message));
    children[0]?.emit('message', {
      slot: 0,
      message: { type: 'ready', runId: 'r', worker: 0, pid: 7 },
    });
    children[0]?.emit('message', {
      slot: 1,
      message: { type: 'ready', runId: 'r', worker: 1, pid: 7 },
    });
    expect(received).toEqual([{ type: 'ready', runId: 'r', worker: 0, pid: 7 }]);

    const finished = run.finish();
    expect(children[0]?.posted.at(-1)).toEqual({ type: 'finish' });
    const eventLoopDelay = { p50Ms: 1, p99Ms: 90, maxMs: 120 };
    const usage = { pid: 7, cpuUserMs: 10, cpuSystemMs: 1, peakRssBytes: 5e7 };
    children[0]?.emit('message', { type: 'report', eventLoopDelay, usage });
    expect(await finished).toEqual({ eventLoopDelay, usage });
    expect(children[0]?.isKilled).toBe(true);
  });
});
