/** Paths of the worker bundles that test/global-setup.ts builds. */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkerScripts } from '../../src/main/engine/worker-hosts';

/** The built path of a worker host, by its file's name in src/workers/hosts. */
export function builtHost(name: string): string {
  return resolve(`out/workers/${name}.js`);
}

/** Every worker host, as the CLI finds them (src/headless/engine-paths.ts). */
export const builtScripts: WorkerScripts = {
  hosts: Object.fromEntries(
    readdirSync('src/workers/hosts')
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.slice(0, -3))
      .map((name) => [name, builtHost(name)]),
  ),
};

export const cliPath = resolve('out/headless/cli.js');
