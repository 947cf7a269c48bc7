/** Runs and sweeps as the window sees them: the reducer's state plus start and stop. */
import { useEffect, useReducer, useState } from 'react';
import type { LabApi } from '../../shared/lab-api';
import type { RunConfig, SweepConfig } from '../../shared/run-config';
import type { LabConnectionState } from '../lab-transport';
import type { CalibrationGate } from '../state/calibration-gate';
import type { CoreHistory } from '../state/core-history';
import type { FrameDelayRecorder } from '../state/frame-monitor';
import {
  PROGRESS_INTERVAL_MS,
  QUIET_PROGRESS_INTERVAL_MS,
  RunOrchestrator,
} from '../state/run-orchestrator';
import { initialRunState, reduceRun, type RunState } from '../state/run-state';

export interface RunController {
  state: RunState;
  startRun(config: RunConfig): void;
  startSweep(config: SweepConfig): void;
  stop(): void;
}

/** Wires a RunOrchestrator to `api`'s events and to the window's state. */
export function useRunController(
  api: LabApi,
  connection: LabConnectionState,
  history: CoreHistory,
  frames: FrameDelayRecorder,
  gate: CalibrationGate,
  /** Quiet while measuring: progress re-renders the window once a second, not four times. */
  isQuiet: boolean,
): RunController {
  const [state, dispatch] = useReducer(reduceRun, initialRunState);
  // One orchestrator for the window's life: the API object outlives reconnects.
  const [orchestrator] = useState(() => new RunOrchestrator(api, history, frames, dispatch, gate));

  useEffect(() => api.onEvent((event) => orchestrator.handleEvent(event)), [api, orchestrator]);
  useEffect(() => {
    orchestrator.setProgressInterval(isQuiet ? QUIET_PROGRESS_INTERVAL_MS : PROGRESS_INTERVAL_MS);
  }, [isQuiet, orchestrator]);

  const isDisconnected = connection.status === 'disconnected';
  useEffect(() => {
    if (isDisconnected) orchestrator.connectionLost();
  }, [isDisconnected, orchestrator]);

  return {
    state,
    startRun: (config) => void orchestrator.run(config),
    startSweep: (config) => void orchestrator.sweep(config),
    stop: () => orchestrator.stop(),
  };
}
