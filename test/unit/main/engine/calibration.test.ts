import { describe, expect, it } from 'vitest';
import {
  calibrate,
  MIN_TASKS_PER_WORKER,
  type CalibrationRequest,
  type ProbeStep,
} from '../../../../src/main/engine/calibration';
import { getWorkload, resolveParams } from '../../../../src/shared/workloads/registry';

/**
 * A machine whose models run cpu.primes at a known pace: `msPerDefault` ms for the default
 * size on one worker, divided by the workers of a parallel model. The probe is the input
 * calibrate() reads, so the test checks the sizing arithmetic against known answers.
 */
function machine(msPerDefault: Record<string, number>) {
  const primes = getWorkload('cpu.primes');
  const defaultLimit = resolveParams(primes, {}).limit!;
  const probes: { step: ProbeStep; limit: number }[] = [];
  const runProbe: CalibrationRequest['runProbe'] = async (step, params) => {
    probes.push({ step, limit: params.limit! });
    const parallel = step.model === 'event-loop' ? 1 : step.workers;
    const workMs = (msPerDefault[step.model]! * (params.limit! / defaultLimit) ** 1.5) / parallel;
    return { workMs, overheadMs: 50 };
  };
  return { primes, defaultLimit, probes, runProbe };
}

function request(
  m: ReturnType<typeof machine>,
  overrides: Partial<CalibrationRequest> = {},
): CalibrationRequest {
  return {
    workload: m.primes,
    params: resolveParams(m.primes, {}),
    taskCount: m.primes.defaultTasks,
    isExplicit: false,
    isTaskCountFixed: false,
    steps: [
      { model: 'event-loop', workers: 1 },
      { model: 'worker-threads', workers: 4 },
    ],
    maxWorkers: 4,
    rounds: 1,
    targetMs: 2000,
    runProbe: m.runProbe,
    ...overrides,
  };
}

describe('calibrate', () => {
  it('sizes the work so the slowest model takes about the target', async () => {
    const m = machine({ 'event-loop': 8000, 'worker-threads': 8000 });
    const estimate = await calibrate(request(m));
    expect(estimate?.isSized).toBe(true);
    const eventLoop = estimate!.models.find((e) => e.model === 'event-loop')!;
    expect(eventLoop.roundMs).toBeCloseTo(2000, -1);
    expect(estimate!.models.find((e) => e.model === 'worker-threads')!.roundMs).toBeCloseTo(
      500,
      -1,
    );
    // 8000 ms at the default size, 2000 wanted: a quarter of the work, limit × (1/4)^(2/3).
    expect(estimate!.params.limit! / m.defaultLimit).toBeCloseTo(0.25 ** (1 / 1.5), 2);
    // Quiet check, each model's round and its start and stop.
    expect(estimate!.estimatedMs).toBeCloseTo(500 + 2000 + 50 + 500 + 50, -1);
  });

  it('gives every worker at least 8 tasks', async () => {
    const m = machine({ 'event-loop': 1000, 'worker-threads': 1000 });
    const estimate = await calibrate(request(m, { maxWorkers: 32 }));
    expect(estimate!.taskCount).toBe(MIN_TASKS_PER_WORKER * 32);
  });

  it('keeps an explicit size and offers the calibrated one when it would run long', async () => {
    const m = machine({ 'event-loop': 60_000, 'worker-threads': 60_000 });
    const params = resolveParams(m.primes, {});
    const estimate = await calibrate(request(m, { params, isExplicit: true }));
    expect(estimate?.isSized).toBe(false);
    expect(estimate!.params).toEqual(params);
    expect(estimate!.estimatedMs).toBeGreaterThan(60_000);
    expect(estimate!.note).toMatch(/^about 1 min/);
    expect(estimate!.smaller?.estimatedMs).toBeLessThan(5000);
  });

  it('says how much slower the slowest model is when it dominates the wait', async () => {
    const m = machine({ 'event-loop': 8000, 'worker-threads': 200 });
    const estimate = await calibrate(request(m));
    expect(estimate!.note).toMatch(
      /Event loop \(async\/await\) runs this 160× slower than worker threads here/,
    );
  });

  it('starts a slower model’s probe from the fastest pace per core, in few probes', async () => {
    const m = machine({ 'worker-threads': 400, 'event-loop': 12_000 });
    await calibrate(
      request(m, {
        steps: [
          { model: 'worker-threads', workers: 4 },
          { model: 'event-loop', workers: 1 },
        ],
      }),
    );
    const eventLoopProbes = m.probes.filter((p) => p.step.model === 'event-loop');
    expect(eventLoopProbes).toHaveLength(1);
  });

  it('does not probe fault demos or small explicit runs', async () => {
    const m = machine({ 'event-loop': 1000, 'worker-threads': 1000 });
    expect(await calibrate(request(m, { workload: getWorkload('fault.throw') }))).toBeNull();
    const small = await calibrate(request(m, { params: { limit: 100_000 }, isExplicit: true }));
    expect(small).toBeNull();
    expect(m.probes).toHaveLength(0);
  });
});
