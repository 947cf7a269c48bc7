/** What run and sweep share: an engine, a progress bar, and Ctrl+C that cancels cleanly. */
import { createLabEngine, type LabEngine } from '../../main/engine/lab-engine';
import type { RunEvent } from '../../shared/run-events';
import { builtWorkerScripts } from '../engine-paths';
import { signalExitCode } from '../signal-exit';
import { createProgressBar } from '../tty';

export interface EngineSession {
  engine: LabEngine;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  /** True once Ctrl+C (or SIGTERM) asked the run to stop. */
  isInterrupted(): boolean;
  /** The exit code of a stop asked for by a signal: 130 for SIGINT, 143 for SIGTERM. */
  interruptedExitCode(): number;
  close(): Promise<void>;
}

/** Opens an engine for one CLI command; SIGINT/SIGTERM abort the run instead of killing us. */
export function openEngineSession(maxWorkers?: number): EngineSession {
  const engine = createLabEngine({
    workerScripts: builtWorkerScripts(),
    runtimes: ['node'],
    maxWorkers,
  });
  const controller = new AbortController();
  const progress = createProgressBar(process.stderr);
  let stoppedBy: NodeJS.Signals = 'SIGINT';
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signalExitCode(signal));
    stoppedBy = signal;
    progress.clear();
    process.stderr.write('Stopping… (press Ctrl+C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    engine,
    signal: controller.signal,
    onEvent(event) {
      if (event.type === 'progress') progress.update(event.model, event.done, event.total);
      if (event.type === 'model-result') progress.clear();
    },
    isInterrupted: () => controller.signal.aborted,
    interruptedExitCode: () => signalExitCode(stoppedBy),
    async close() {
      progress.clear();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await engine.close();
    },
  };
}
