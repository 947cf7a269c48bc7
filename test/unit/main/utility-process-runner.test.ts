import { EventEmitter } from 'node:events';
import type { UtilityProcess } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { UtilityFork } from '../../../src/main/utility-process-handle';
import { utilityProcessRunner } from '../../../src/main/utility-process-runner';
import type { HostMessage, WorkerMessage } from '../../../src/shared/protocol';
import type { WorkerExit } from '../../../src/shared/pool/run-pool';

vi.mock('electron', () => import('../../fixtures/electron'));

/** A utility process that records what it was sent and lets the test play the child. */
class FakeChild extends EventEmitter {
  posted: HostMessage[] = [];
  isKilled = false;
  postMessage(message: HostMessage): void {
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
});
