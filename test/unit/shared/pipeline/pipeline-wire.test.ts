import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../../src/shared/lab-api';
import { createLabClient } from '../../../../src/shared/lab-client-core';
import { serveLabApi } from '../../../../src/shared/lab-server-core';
import { LAB_METHODS } from '../../../../src/shared/lab-wire';
import type { PipelineConfig } from '../../../../src/shared/pipeline/pipeline-config';
import { createFakeLabApi } from '../../../fixtures/fake-lab-api';
import { createChannelPair } from '../../../fixtures/memory-channel';

const config: PipelineConfig = {
  model: 'child-process',
  producers: 2,
  consumers: 1,
  intervalMs: 10,
  capacity: 4,
  workPerEvent: 0,
  durationS: 2,
};

/** A client and the fake API served to it over an in-memory JSON pair. */
function connected() {
  const api = createFakeLabApi();
  const [serverEnd, clientEnd] = createChannelPair();
  serveLabApi(api, serverEnd);
  return { api, lab: createLabClient(clientEnd, { log: () => undefined }) };
}

describe('the pipeline over the wire', () => {
  it('carries startPipeline and stopPipeline, with and without options', async () => {
    const { api, lab } = connected();
    expect(await lab.startPipeline(config)).toEqual({ runId: 'pipeline-1' });
    await lab.stopPipeline('pipeline-1');
    await lab.stopPipeline('pipeline-1', { force: true });
    expect(api.calls.slice(-3)).toEqual([
      { method: 'startPipeline', args: [config] },
      { method: 'stopPipeline', args: ['pipeline-1'] },
      { method: 'stopPipeline', args: ['pipeline-1', { force: true }] },
    ]);
  });

  it('refuses a bad config with the field and its range before it reaches the engine', async () => {
    const { api, lab } = connected();
    await expect(lab.startPipeline({ ...config, producers: 99 })).rejects.toThrow(
      'startPipeline: args[0].producers: producers must be an integer between 1 and 16',
    );
    expect(api.calls.some((call) => call.method === 'startPipeline')).toBe(false);
  });

  it('reads a JSON null options argument as none', () => {
    const parsed = LAB_METHODS.stopPipeline.args.safeParse(['id', null]);
    expect(parsed.success && parsed.data).toEqual(['id', undefined]);
    expect(LAB_METHODS.stopPipeline.args.safeParse(['id', { force: 'yes' }]).success).toBe(false);
  });

  it('delivers pipeline samples to the client, and drops a malformed one', async () => {
    const { api, lab } = connected();
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));
    const sample = {
      t: 1,
      elapsedMs: 250,
      phase: 'running' as const,
      producedPerSec: 4,
      consumedPerSec: 4,
      depth: 1,
      latencyP50Ms: null,
      latencyP99Ms: null,
      lockWaitMsPerSec: null,
    };
    api.emitEvent({ type: 'pipeline-sample', runId: 'r', sample });
    api.emitEvent({ type: 'pipeline-sample', runId: 'r', sample: { ...sample, depth: -1 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([{ type: 'pipeline-sample', runId: 'r', sample }]);
  });
});
