import { describe, expect, it } from 'vitest';
import {
  FORK_DISABLED_REASON,
  forkDisabledRunner,
  withForkDisabled,
  withoutForkOnlyScripts,
} from '../../../src/main/release-build';
import { createFakeLabApi, OFFERS_ALL } from '../../fixtures/fake-lab-api';

describe('the installed app without RunAsNode', () => {
  it('refuses to fork a child process, saying why, instead of starting a second app', () => {
    const runner = forkDisabledRunner();
    expect(runner.model).toBe('child-process');
    expect(runner.unavailableFor?.('io.sleep', [])).toBe(FORK_DISABLED_REASON);
    expect(() => runner.spawn(0)).toThrow(FORK_DISABLED_REASON);
    try {
      runner.spawn(0);
    } catch (error) {
      expect(error).toMatchObject({ code: 'unavailable' });
    }
  });

  it('reports the child-process model unavailable and leaves the others as they were', async () => {
    const engine = createFakeLabApi();
    const capabilities = await engine.getCapabilities();
    const api = withForkDisabled({
      ...engine,
      getCapabilities: async () => ({
        ...capabilities,
        models: [
          { id: 'child-process', unavailableReason: null, ...OFFERS_ALL },
          { id: 'worker-threads', unavailableReason: null, ...OFFERS_ALL },
          {
            id: 'renderer-main',
            unavailableReason: 'runs inside the Corelab window',
            ...OFFERS_ALL,
          },
        ],
      }),
    });
    expect((await api.getCapabilities()).models).toEqual([
      {
        id: 'child-process',
        ...OFFERS_ALL,
        unavailableReason: FORK_DISABLED_REASON,
        pipelineReason: FORK_DISABLED_REASON,
      },
      { id: 'worker-threads', unavailableReason: null, ...OFFERS_ALL },
      { id: 'renderer-main', unavailableReason: 'runs inside the Corelab window', ...OFFERS_ALL },
    ]);
  });

  it('passes every other call through to the engine', async () => {
    const api = createFakeLabApi();
    expect(await withForkDisabled(api).getHostInfo()).toEqual(await api.getHostInfo());
  });

  it('drops the scripts only a fork runs, and keeps the one utility processes run', () => {
    const hosts = {
      'worker-thread': 'w.js',
      'child-process': 'c.js',
      'pipeline-thread': 'pt.js',
      'pipeline-process': 'pp.js',
    };
    expect(withoutForkOnlyScripts({ hosts, python: 'py' })).toEqual({
      hosts: { 'worker-thread': 'w.js', 'child-process': 'c.js', 'pipeline-thread': 'pt.js' },
      python: 'py',
    });
  });
});
