/** `corelab monitor`: the core sampler on its own, like a small mpstat. */
import { createCoreSampler } from '../../main/engine/core-sampler';
import type { CoreSample } from '../../shared/results';
import { numberFlag, parseFlags } from '../cli-args';
import { builtWorkerScripts } from '../engine-paths';
import { requiredHost } from '../../main/engine/worker-hosts';

/** One line per core: a bar and a percentage. */
function renderCores(sample: CoreSample): string {
  const width = 40;
  return sample.cores
    .map((value, core) => {
      const filled = Math.round((value / 100) * width);
      return `cpu${String(core).padEnd(3)} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${value.toFixed(0).padStart(3)}%`;
    })
    .join('\n');
}

/** Streams samples until --duration passes or Ctrl+C. */
export async function monitorCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    hz: { type: 'string' },
    duration: { type: 'string' },
    json: { type: 'boolean' },
  });
  const hz = numberFlag(values, 'hz', { min: 0.5, max: 50 }) ?? 10;
  const durationS = numberFlag(values, 'duration', { min: 0.1, max: 86_400 });
  const sampler = createCoreSampler({
    scriptPath: requiredHost(builtWorkerScripts(), 'sampler-thread'),
    hz,
  });
  const isLive = !values.json && process.stdout.isTTY;
  let linesDrawn = 0;
  const unsubscribe = sampler.subscribe((sample) => {
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ t: sample.t, cores: sample.cores })}\n`);
    } else if (isLive) {
      const text = renderCores(sample);
      // Move up over the previous frame and redraw it in place.
      if (linesDrawn > 0) process.stdout.write(`\x1b[${linesDrawn}A`);
      process.stdout.write(`${text}\n`);
      linesDrawn = sample.cores.length;
    } else {
      process.stdout.write(`${sample.cores.map((c) => c.toFixed(0)).join(' ')}\n`);
    }
  });
  // The sampler's thread is unref'd so it never holds a process open; this wait does.
  const finished = new Promise<void>((resolve) => {
    const timer =
      durationS === undefined
        ? setInterval(() => {}, 1 << 30)
        : setTimeout(resolve, durationS * 1000);
    const stop = (): void => {
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await sampler.start();
  await finished;
  unsubscribe();
  await sampler.stop();
  return 0;
}
