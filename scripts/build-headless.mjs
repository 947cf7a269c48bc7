// Bundles the Node-side entry points that electron-vite does not build: the CLI and
// browser-mode server, the worker hosts they spawn, and the benchmarks.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';

// Every file of src/workers/hosts is a worker entry point, built to out/workers/<name>.js.
const workerHosts = Object.fromEntries(
  readdirSync('src/workers/hosts')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [`workers/${file.slice(0, -3)}`, `src/workers/hosts/${file}`]),
);

const entryPoints = {
  'headless/cli': 'src/headless/cli.ts',
  ...workerHosts,
  'bench/run': 'bench/run.ts',
  'bench/pool-task': 'bench/pool-task.ts',
  'bench/ui': 'bench/ui.ts',
  'bench/first-sample': 'bench/first-sample.ts',
  'bench/ui-observer': 'bench/ui-observer.ts',
  'bench/ui-vs-cli': 'bench/ui-vs-cli.ts',
  'bench/soak': 'bench/soak.ts',
  'bench/serve-clients': 'bench/serve-clients.ts',
  'bench/live-staircase': 'bench/live-staircase.ts',
  'bench/page-live-resize': 'bench/page-live-resize.ts',
  'bench/thread-state-cost': 'bench/thread-state-cost.ts',
};
const present = Object.fromEntries(
  Object.entries(entryPoints).filter(([, src]) => existsSync(src)),
);

await build({
  entryPoints: present,
  outdir: 'out',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
  // ESM bundles have no require(); some dependencies still call it.
  banner: {
    js: "import { createRequire as __corelabRequire } from 'node:module'; const require = __corelabRequire(import.meta.url);",
  },
});

// The Python side (the Python models and the message explorer's) is a folder the engine
// runs with the user's python3 (`python3 -I out/python`); copied afresh, bytecode caches left out.
rmSync('out/python', { recursive: true, force: true });
cpSync('src/python', 'out/python', {
  recursive: true,
  filter: (source) => !source.endsWith('__pycache__'),
});
