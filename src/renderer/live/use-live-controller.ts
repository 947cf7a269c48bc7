/** The window's live run: its settings, its state, and Start, steering and Stop. */
import { useEffect, useReducer, useState } from 'react';
import type { Capabilities, LabApi } from '../../shared/lab-api';
import type { LiveConfig } from '../../shared/live/live-schema';
import type { ModelId } from '../../shared/models';
import type { CalibrationGate } from '../state/calibration-gate';
import { defaultLiveForm, type LiveForm } from './live-form';
import { LiveSession } from './live-session';
import { initialLiveState, reduceLive, type LiveState } from './live-state';

export interface LiveController {
  form: LiveForm;
  setForm(update: (form: LiveForm) => LiveForm): void;
  state: LiveState;
  start(config: LiveConfig): void;
  /** Asks the running pool of `model` for `workers` (debounced). */
  setWorkers(model: ModelId, workers: number): void;
  setTaskSize(taskUs: number): void;
  stop(): void;
}

/** Wires a LiveSession to `api`'s events and to the window's state. */
export function useLiveController(
  api: LabApi,
  capabilities: Capabilities,
  logicalCores: number,
  gate: CalibrationGate,
): LiveController {
  const [form, setForm] = useState<LiveForm>(() => defaultLiveForm(capabilities, logicalCores));
  const [state, dispatch] = useReducer(reduceLive, initialLiveState);
  // One session for the window's life: the API object outlives reconnects.
  const [session] = useState(() => new LiveSession(api, dispatch, gate));
  useEffect(() => api.onEvent((event) => session.handleEvent(event)), [api, session]);
  return {
    form,
    setForm,
    state,
    start: (config) => session.start(config),
    setWorkers: (model, workers) => session.setWorkers(model, workers),
    setTaskSize: (taskUs) => session.setTaskSize(taskUs),
    stop: () => session.stop(),
  };
}
