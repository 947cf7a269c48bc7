/**
 * The Python models of one engine: a runner for each, available once an interpreter has
 * been found. Detection runs once, when first asked for: the engine asks before it answers
 * capabilities or starts a run with a Python model, never merely at start-up.
 */
import { detectPython, type PythonInfo } from './python-detect';
import { PYTHON_MODEL_IDS } from './python-protocol';
import { pythonRunner } from './python-runner';
import type { SelfPoolingRunner } from './runner';
import type { SpawnOwner } from './spawn-owner';

export interface PythonModels {
  runners: SelfPoolingRunner[];
  /** Starts detection if it has not started; settles once it has finished (never rejects). */
  ready(): Promise<void>;
  /** Why the Python models cannot run here, or null when they can. */
  unavailableReason(): string | null;
}

/**
 * Sets up the Python models for the worker script at `script`; without one (a host that
 * does not ship it), they are unavailable and no interpreter is looked for.
 */
export function createPythonModels(
  script: string | undefined,
  owner: SpawnOwner,
  detect: () => Promise<PythonInfo> = () => detectPython(),
): PythonModels {
  if (script === undefined) {
    const reason = 'the Python worker script is not part of this build';
    return { runners: [], ready: () => Promise.resolve(), unavailableReason: () => reason };
  }
  let reason: string | null = 'Python has not been looked for yet';
  let interpreter: string | null = null;
  let detected: Promise<void> | null = null;
  const ready = (): Promise<void> =>
    (detected ??= detect().then(
      (info) => {
        reason = info.reason;
        interpreter = info.available ? info.path : null;
      },
      (error: unknown) => void (reason = `Python detection failed: ${String(error)}`),
    ));
  return {
    runners: PYTHON_MODEL_IDS.map((model) =>
      pythonRunner({ model, script, detect, owner, interpreter: () => interpreter }),
    ),
    ready,
    unavailableReason: () => reason,
  };
}
