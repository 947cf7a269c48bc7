import { describe, expect, it } from 'vitest';
import { OFFERS_ALL } from '../../../fixtures/fake-lab-api';
import type { Capabilities, WorkloadSummary } from '../../../../src/shared/lab-api';
import type { RunEstimate } from '../../../../src/shared/measurement';
import {
  defaultForm,
  estimateConfigOf,
  formProblems,
  modelUnavailableReason,
  paramProblem,
  runnableModels,
  shownSize,
  toRunConfig,
  toSweepConfig,
  withAutomaticSize,
  withSizeChange,
} from '../../../../src/renderer/state/run-form';

const primes: WorkloadSummary = {
  id: 'cpu.primes',
  label: 'Prime counting',
  kind: 'cpu',
  description: 'Counts primes.',
  params: [
    { name: 'limit', label: 'Upper bound', min: 1000, max: 1e8, default: 15e6, isInteger: true },
  ],
  defaultTasks: 100,
  needs: [],
};
const files: WorkloadSummary = {
  ...primes,
  id: 'io.file',
  label: 'File round trips',
  kind: 'io',
  needs: ['file'],
};

const capabilities: Capabilities = {
  runtimes: ['node'],
  models: [
    { id: 'event-loop', unavailableReason: null, ...OFFERS_ALL },
    { id: 'worker-threads', unavailableReason: null, ...OFFERS_ALL },
    { id: 'child-process', unavailableReason: null, ...OFFERS_ALL },
    { id: 'utility-process', unavailableReason: 'needs the desktop app', ...OFFERS_ALL },
  ],
  workloads: [primes, files],
  maxWorkers: 8,
};

describe('run form', () => {
  it('opens with the first workload, its defaults and workers = logical cores', () => {
    const form = defaultForm(capabilities, 4);
    expect(form.workloadId).toBe('cpu.primes');
    expect(form.params['cpu.primes']).toEqual({ limit: 15e6 });
    expect(form.taskCounts['io.file']).toBe(100);
    expect(form.workers['worker-threads']).toBe(4);
    expect(form.sweepMaxWorkers).toBe(4);
  });

  it('never defaults past the slider maximum', () => {
    expect(defaultForm(capabilities, 64).workers['child-process']).toBe(8);
  });

  it("takes the engine's reason for an engine model it cannot run", () => {
    expect(modelUnavailableReason('utility-process', capabilities, primes)).toBe(
      'needs the desktop app',
    );
  });

  it('disables an engine model for exactly the workloads the engine says it cannot run', () => {
    const exit = { ...primes, id: 'fault.exit', label: 'Fault: a worker exits' };
    const reason = 'fault.exit would end the one thread that every event-loop task shares';
    const matrix: Capabilities = {
      ...capabilities,
      models: capabilities.models.map((entry) =>
        entry.id === 'event-loop' ? { ...entry, workloadReasons: { 'fault.exit': reason } } : entry,
      ),
    };
    expect(modelUnavailableReason('event-loop', matrix, exit)).toBe(reason);
    expect(modelUnavailableReason('event-loop', matrix, primes)).toBeNull();
    expect(modelUnavailableReason('worker-threads', matrix, exit)).toBeNull();
  });

  it('offers page models unless the workload needs what a page lacks', () => {
    expect(modelUnavailableReason('web-workers', capabilities, primes, true)).toBeNull();
    expect(modelUnavailableReason('renderer-main', capabilities, files, true)).toMatch(
      /no file access/,
    );
    expect(modelUnavailableReason('web-workers', capabilities, primes, false)).toMatch(
      /cannot start Web Workers/,
    );
  });

  it('keeps faults that end or exhaust a worker off the page', () => {
    const exit = {
      ...primes,
      id: 'fault.exit',
      label: 'Fault: a worker exits',
      needs: ['worker-exit'] as const,
    };
    expect(modelUnavailableReason('web-workers', capabilities, exit, true)).toBe(
      'runs in the page, where a worker cannot exit or have a heap limit of its own (Fault: a worker exits)',
    );
    const oom = { ...exit, needs: ['memory-limit'] as const };
    expect(modelUnavailableReason('renderer-main', capabilities, oom, true)).not.toBeNull();
  });

  it('names the param and its range when a value is out of range', () => {
    expect(paramProblem(primes.params[0]!, 5)).toBe(
      'Upper bound must be a whole number from 1000 to 100000000',
    );
    expect(paramProblem(primes.params[0]!, 2000.5)).not.toBeNull();
    expect(paramProblem(primes.params[0]!, 2000)).toBeNull();
  });

  it('lists every problem of the inputs, tasks included', () => {
    const form = defaultForm(capabilities, 2);
    form.params['cpu.primes'] = { limit: 1 };
    form.taskCounts['cpu.primes'] = 0;
    expect(formProblems(form, primes)).toHaveLength(2);
  });

  it('builds the run config from selected models that can run, with their worker counts', () => {
    const form = defaultForm(capabilities, 2);
    form.selected['utility-process'] = true;
    form.workers['event-loop'] = 3;
    const models = runnableModels(form, capabilities, primes);
    expect(models).toEqual(['event-loop', 'worker-threads', 'child-process']);
    expect(toRunConfig(form, models)).toEqual({
      workload: 'cpu.primes',
      params: {},
      models: [
        { model: 'event-loop', workers: 3 },
        { model: 'worker-threads', workers: 2 },
        { model: 'child-process', workers: 2 },
      ],
      rounds: 1,
    });
  });
});

describe('run form sizes', () => {
  const calibrated: RunEstimate = {
    estimatedMs: 2100,
    rounds: 1,
    params: { limit: 4_000_000 },
    taskCount: 64,
    isSized: true,
    targetMs: 2000,
    calibrationMs: 500,
    models: [],
    note: 'about 2 s',
  };

  it('sends no size until the person sets one, so that the engine calibrates', () => {
    const config = toRunConfig(defaultForm(capabilities, 2), ['worker-threads']);
    expect(config.params).toEqual({});
    expect(config).not.toHaveProperty('taskCount');
    expect(config.rounds).toBe(1);
    const sweep = toSweepConfig(defaultForm(capabilities, 2));
    expect(sweep.params).toEqual({});
    expect(sweep).not.toHaveProperty('taskCount');
    expect(sweep.rounds).toBe(3);
  });

  it("shows calibration's size once known, and the person's own after a change", () => {
    const form = defaultForm(capabilities, 2);
    expect(shownSize(form, primes, null)).toEqual({
      params: { limit: 15e6 },
      taskCount: 100,
      isExplicit: false,
    });
    const shown = shownSize(form, primes, calibrated);
    expect(shown).toEqual({ params: { limit: 4_000_000 }, taskCount: 64, isExplicit: false });
    // Typing the task count keeps the limit that was on screen: what you see is what runs.
    const changed = withSizeChange(form, shown, { taskCount: 32 });
    expect(toRunConfig(changed, ['worker-threads'])).toMatchObject({
      params: { limit: 4_000_000 },
      taskCount: 32,
    });
    expect(shownSize(changed, primes, calibrated).isExplicit).toBe(true);
  });

  it('hands the size back to calibration ("Use the smaller size")', () => {
    const form = withSizeChange(
      defaultForm(capabilities, 2),
      shownSize(defaultForm(capabilities, 2), primes, null),
      { param: 'limit', value: 90_000_000 },
    );
    const automatic = withAutomaticSize(form, primes);
    const config = toRunConfig(automatic, ['worker-threads']);
    expect(config.params).toEqual({});
    expect(config).not.toHaveProperty('taskCount');
    expect(automatic.params['cpu.primes']).toEqual({ limit: 15e6 });
  });

  it('refuses a number of rounds out of range', () => {
    const form = { ...defaultForm(capabilities, 2), rounds: 0 };
    expect(formProblems(form, primes)).toContain('Rounds must be a whole number from 1 to 20');
  });

  it("asks the engine to estimate its own models, or engine stand-ins for the page's", () => {
    const mixed = toRunConfig(defaultForm(capabilities, 2), ['worker-threads', 'web-workers']);
    expect(estimateConfigOf(mixed)?.models).toEqual([{ model: 'worker-threads', workers: 2 }]);
    const pageOnly = {
      ...mixed,
      models: [
        { model: 'renderer-main' as const, workers: 1 },
        { model: 'web-workers' as const, workers: 4 },
      ],
    };
    expect(estimateConfigOf(pageOnly)?.models).toEqual([
      { model: 'event-loop', workers: 1 },
      { model: 'worker-threads', workers: 4 },
    ]);
  });
});
