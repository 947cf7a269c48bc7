/**
 * The estimate of the run the form describes: the engine calibrates it (LabApi.estimateRun)
 * a moment after the form stops changing, and only while nothing runs, since calibration
 * itself uses the cores.
 */
import { useEffect, useState } from 'react';
import { errorMessage } from '../../shared/errors';
import type { LabApi } from '../../shared/lab-api';
import type { RunEstimate } from '../../shared/measurement';
import type { RunConfig } from '../../shared/run-config';
import type { CalibrationGate } from '../state/calibration-gate';
import { estimateConfigOf } from '../state/run-form';

/** Where the estimate of the current form stands. */
export type EstimateState =
  | { status: 'none' }
  | { status: 'estimating' }
  | { status: 'known'; estimate: RunEstimate }
  | { status: 'failed'; message: string };

/** How long the form must rest before calibrating: typing a number is several changes. */
export const ESTIMATE_DEBOUNCE_MS = 600;

/** Estimates `config` whenever it changes and `isIdle`; null config means nothing to run. */
export function useRunEstimate(
  api: LabApi,
  gate: CalibrationGate,
  config: RunConfig | null,
  isIdle: boolean,
): EstimateState {
  // The answer together with the config it answers, so a stale one is never shown.
  const [answer, setAnswer] = useState<{ key: string; state: EstimateState } | null>(null);
  const asked = config ? estimateConfigOf(config) : null;
  const key = asked ? JSON.stringify(asked) : null;
  useEffect(() => {
    if (!key || !isIdle) return;
    let isCurrent = true;
    const settle = (state: EstimateState): void => {
      if (isCurrent) setAnswer({ key, state });
    };
    const timer = setTimeout(() => {
      gate
        .run(async () => (isCurrent ? api.estimateRun(JSON.parse(key) as RunConfig) : undefined))
        .then(
          (estimate) => {
            // undefined: the form changed while this one queued, so it never asked.
            if (estimate !== undefined) {
              settle(estimate ? { status: 'known', estimate } : { status: 'none' });
            }
          },
          (error: unknown) => settle({ status: 'failed', message: errorMessage(error) }),
        );
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [api, gate, key, isIdle]);
  if (!key) return { status: 'none' };
  return answer?.key === key ? answer.state : { status: 'estimating' };
}
