import { describe, expect, it } from 'vitest';
import { rememberReference } from '../../../../src/renderer/renderer-models/reference-checksum';
import { runRendererModel } from '../../../../src/renderer/renderer-models/run-renderer-model';
import { resolveFaultOptions } from '../../../../src/shared/run-config';
import { getWorkload, resolveParams } from '../../../../src/shared/workloads/registry';

/** renderer-main runs in-process, so Node can run it as the page does (no Web Worker needed). */
function runRendererMain(workload: string, params: Record<string, number>, taskCount: number) {
  const definition = getWorkload(workload);
  const resolved = resolveParams(definition, params);
  // Skip the reference worker: these runs fail on purpose, so no checksum is compared.
  rememberReference(workload, resolved, taskCount, 0);
  return runRendererModel({
    runId: 'page-test',
    model: 'renderer-main',
    workers: 2,
    workload,
    params: resolved,
    taskCount,
    faultOptions: resolveFaultOptions({}, definition),
    signal: new AbortController().signal,
    onEvent: () => undefined,
    frameDelay: () => ({ p50Ms: 0, p99Ms: 0, maxMs: 0 }),
  });
}

describe('page models under faults', () => {
  it("fault.hang ends at the workload's own 2 s timeout on renderer-main, not the 120 s default", async () => {
    const startedMs = performance.now();
    const result = await runRendererMain('fault.hang', { hangAt: 3, taskMs: 5 }, 8);
    const tookMs = performance.now() - startedMs;
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ taskIndex: 3, error: { code: 'timeout' } });
    expect(result.failures[0]!.error.message).toContain('within 2000 ms');
    expect(result.tasksDone).toBe(7);
    expect(tookMs).toBeLessThan(10_000);
  }, 20_000);
});
