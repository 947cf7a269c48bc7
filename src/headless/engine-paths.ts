/**
 * Where the built worker hosts live relative to the built CLI (out/headless → out/workers,
 * out/python): scripts/build-headless.mjs builds each file of src/workers/hosts there.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerScripts } from '../main/engine/worker-hosts';

/** The worker hosts next to this bundle, as esbuild lays them out, by host name. */
export function builtWorkerScripts(): WorkerScripts {
  const workers = fileURLToPath(new URL('../workers/', import.meta.url));
  return {
    hosts: Object.fromEntries(
      readdirSync(workers)
        .filter((file) => file.endsWith('.js'))
        .map((file) => [file.slice(0, -3), workers + file]),
    ),
    python: fileURLToPath(new URL('../python', import.meta.url)),
  };
}
