/**
 * What the installed app gives up for its fuses (scripts/after-pack.mjs). With the RunAsNode
 * fuse off, child_process.fork, which Electron implements by re-running the app's own binary
 * with ELECTRON_RUN_AS_NODE=1, would start a second Corelab instead of a Node process. So in a
 * packaged build the child-process model is reported unavailable and refuses to spawn.
 */
import { LabError } from '../shared/errors';
import type { LabApi } from '../shared/lab-api';
import type { WorkerScripts } from './engine/worker-hosts';
import type { Runner } from './engine/runner';

/** Why the child-process model is off in the installed app (shown next to the model). */
export const FORK_DISABLED_REASON =
  'needs ELECTRON_RUN_AS_NODE, which the installed app switches off for security (RunAsNode fuse); use Electron utility processes here, or child processes from the command line';

/** Takes the place of the child-process runner: refuses every run and spawn, saying why. */
export function forkDisabledRunner(): Runner {
  return {
    model: 'child-process',
    isInProcess: false,
    unavailableFor: () => FORK_DISABLED_REASON,
    spawn() {
      throw new LabError('unavailable', `child-process ${FORK_DISABLED_REASON}`);
    },
  };
}

/**
 * `scripts` without the ones only child_process.fork runs (the pipeline's process peers), so
 * the engine offers no forked pipeline. child-process.js stays: utility processes run it.
 */
export function withoutForkOnlyScripts(scripts: WorkerScripts): WorkerScripts {
  const { 'pipeline-process': _forkedOnly, ...kept } = scripts.hosts;
  return { ...scripts, hosts: kept };
}

/** `api` with the child-process model reported unavailable, so the UI shows it disabled. */
export function withForkDisabled(api: LabApi): LabApi {
  return {
    ...api,
    getCapabilities: async () => {
      const capabilities = await api.getCapabilities();
      return {
        ...capabilities,
        models: capabilities.models.map((model) =>
          model.id === 'child-process'
            ? {
                ...model,
                unavailableReason: FORK_DISABLED_REASON,
                pipelineReason: FORK_DISABLED_REASON,
              }
            : model,
        ),
      };
    },
  };
}
