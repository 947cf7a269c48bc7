/** The window's pipeline: its settings, its state, and Start and Stop. */
import { useEffect, useReducer, useState } from 'react';
import type { Capabilities, LabApi } from '../../shared/lab-api';
import { defaultPipelineForm, toPipelineConfig, type PipelineForm } from './pipeline-form';
import { PipelineSession } from './pipeline-session';
import { initialPipelineState, reducePipeline, type PipelineState } from './pipeline-state';

export interface PipelineController {
  form: PipelineForm;
  setForm(update: (form: PipelineForm) => PipelineForm): void;
  state: PipelineState;
  /** Starts a pipeline as the form describes it. */
  start(): void;
  /** Drains, or forces on a second press; `pressedAtMs` is the press event's time. */
  stop(pressedAtMs?: number): void;
}

/** Wires a PipelineSession to `api`'s events and to the window's state. */
export function usePipelineController(api: LabApi, capabilities: Capabilities): PipelineController {
  const [form, setForm] = useState<PipelineForm>(() => defaultPipelineForm(capabilities));
  const [state, dispatch] = useReducer(reducePipeline, initialPipelineState);
  // One session for the window's life: the API object outlives reconnects.
  const [session] = useState(() => new PipelineSession(api, dispatch));
  useEffect(() => api.onEvent((event) => session.handleEvent(event)), [api, session]);
  return {
    form,
    setForm,
    state,
    start: () => session.start(toPipelineConfig(form)),
    stop: (pressedAtMs) => session.stop(pressedAtMs),
  };
}
