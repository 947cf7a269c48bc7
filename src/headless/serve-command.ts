/** `corelab serve`: browser mode, the Corelab UI at a local URL until Ctrl+C. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabEngine, type WorkerScripts } from '../main/engine/lab-engine';
import { LabError } from '../shared/errors';
import { intFlag, parseFlags } from './cli-args';
import { builtWorkerScripts } from './engine-paths';
import { startBrowserServer } from './serve';

/** Where the built pieces are; the defaults are the bundle's neighbours in out/. */
export interface ServePaths {
  workerScripts: WorkerScripts;
  rendererDir: string;
}

/** out/headless/cli.js → out/renderer, as `npm run build` lays them out. */
function builtPaths(): ServePaths {
  return {
    workerScripts: builtWorkerScripts(),
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  };
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Parses the serve flags, serves until a signal, closes the server and the engine. */
export async function runServe(argv: string[], paths: ServePaths = builtPaths()): Promise<number> {
  const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const port = intFlag(values, 'port', { min: 0, max: 65_535 }) ?? 0;
  const host = typeof values.host === 'string' && values.host !== '' ? values.host : '127.0.0.1';
  if (!existsSync(path.join(paths.rendererDir, 'index.html'))) {
    throw new LabError(
      'unavailable',
      `the UI is not built (${paths.rendererDir} has no index.html); run \`npm run build\` first`,
    );
  }
  const engine = createLabEngine({ workerScripts: paths.workerScripts, runtimes: ['node'] });
  try {
    const server = await startBrowserServer({ engine, host, port, rendererDir: paths.rendererDir });
    const signal = untilSignal();
    process.stdout.write(`Corelab is running at ${server.url}\nPress Ctrl+C to stop.\n`);
    await signal;
    process.stdout.write('Stopping…\n');
    await server.close();
  } finally {
    await engine.close();
  }
  return 0;
}
