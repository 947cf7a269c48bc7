/** `corelab serve`: browser mode, the Corelab UI at a local URL until Ctrl+C. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLabEngine } from '../main/engine/lab-engine';
import type { WorkerScripts } from '../main/engine/worker-hosts';
import { LabError } from '../shared/errors';
import { intFlag, parseFlags, UsageError } from './cli-args';
import { builtWorkerScripts } from './engine-paths';
import { startBrowserServer } from './serve';
import { normalizeHost } from './serve-hosts';

/** What `corelab serve` needs from its surroundings; tests pass their own. */
export interface ServeEnv {
  workerScripts: WorkerScripts;
  /** The built renderer: out/renderer next to out/headless. */
  rendererDir: string;
  /** Resolves when the server should stop (SIGINT or SIGTERM). */
  untilStop(): Promise<unknown>;
  print(line: string): void;
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

/** The built layout: out/headless/cli.js beside out/workers and out/renderer. */
function builtEnv(): ServeEnv {
  return {
    workerScripts: builtWorkerScripts(),
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    untilStop: untilSignal,
    print: (line) => process.stdout.write(`${line}\n`),
  };
}

/** `--origin http://name:port`, repeatable: pages by a DNS name a wildcard bind may serve. */
function originFlags(raw: unknown): string[] {
  const origins = Array.isArray(raw) ? raw.filter((o): o is string => typeof o === 'string') : [];
  for (const origin of origins) {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // Reported below with the rule.
    }
    if (!url || url.protocol !== 'http:' || url.origin !== origin.replace(/\/$/, '')) {
      throw new UsageError(`--origin "${origin}" must be http://name:port, nothing more`);
    }
  }
  return origins;
}

/** Parses the serve flags, serves until stopped, then closes the server and the engine. */
export async function runServe(argv: string[], env: ServeEnv = builtEnv()): Promise<number> {
  const { values } = parseFlags(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    origin: { type: 'string', multiple: true },
  });
  const port = intFlag(values, 'port', { min: 0, max: 65_535 }) ?? 0;
  const host = typeof values.host === 'string' && values.host !== '' ? values.host : '127.0.0.1';
  if (normalizeHost(host) === null)
    throw new UsageError(`--host "${host}" is not a host name or address`);
  const origins = originFlags(values.origin);
  if (!existsSync(path.join(env.rendererDir, 'index.html'))) {
    throw new LabError(
      'unavailable',
      `the UI is not built (${env.rendererDir} has no index.html); run \`npm run build\` first`,
    );
  }
  const engine = createLabEngine({ workerScripts: env.workerScripts, runtimes: ['node'] });
  try {
    const server = await startBrowserServer({
      engine,
      host,
      port,
      origins,
      rendererDir: env.rendererDir,
    });
    const stop = env.untilStop();
    env.print(`Corelab is running at ${server.url}`);
    env.print('Press Ctrl+C to stop.');
    await stop;
    env.print('Stopping…');
    await server.close();
  } finally {
    await engine.close();
  }
  return 0;
}
