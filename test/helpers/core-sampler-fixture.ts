/** Core samplers for tests: each is stopped after its test, whatever the test did. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import {
  createCoreSampler,
  type CoreSampler,
  type CoreSamplerOptions,
} from '../../src/main/engine/core-sampler';
import type { CoreSample } from '../../src/shared/results';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const samplerScript = path.join(root, 'out/workers/sampler-thread.js');

const samplers: CoreSampler[] = [];

/** Registers the afterEach that stops every sampler the file's tests made; call at top level. */
export function stopSamplersAfterEach(): void {
  afterEach(async () => {
    await Promise.all(samplers.splice(0).map((s) => s.stop()));
  });
}

/** A sampler on the built sampler thread, stopped after the test. */
export function sampler(options: Partial<CoreSamplerOptions> = {}): CoreSampler {
  const created = createCoreSampler({ scriptPath: samplerScript, ...options });
  samplers.push(created);
  return created;
}

/** Collects every sample from now on. */
export function record(target: CoreSampler): CoreSample[] {
  const samples: CoreSample[] = [];
  target.subscribe((sample) => samples.push(sample));
  return samples;
}
