import { describe, expect, it } from 'vitest';
import { describeFailures, nothingDoneReason, type TaskFailure } from '../../../src/shared/results';
import { modelResult } from '../../fixtures/fake-lab-api';

const failure = (taskIndex: number, message: string): TaskFailure => ({
  taskIndex,
  worker: 0,
  error: { name: 'LabError', message },
});

describe('nothingDoneReason', () => {
  it('is null when any model finished a task', () => {
    const results = [
      modelResult({ tasksDone: 0, failures: [failure(0, 'boom')] }),
      modelResult({ model: 'worker-threads', tasksDone: 1 }),
    ];
    expect(nothingDoneReason(results)).toBeNull();
  });

  it('says every task failed when not one was done', () => {
    const results = [
      modelResult({ tasksDone: 0, failures: [failure(0, 'boom'), failure(1, 'boom')] }),
      modelResult({ model: 'worker-threads', tasksDone: 0, failures: [failure(0, 'boom')] }),
    ];
    expect(nothingDoneReason(results)).toBe('every task failed (3 failures)');
  });
});

describe('describeFailures', () => {
  it('names each distinct failure, not only the first', () => {
    const result = modelResult({
      failures: [
        failure(3, 'task 3 threw'),
        failure(7, 'task 7 threw'),
        failure(9, 'task 3 threw'),
      ],
    });
    expect(describeFailures(result)).toBe('3 tasks failed: task 3 threw; task 7 threw');
  });

  it('cuts a long list short and says how many more', () => {
    const result = modelResult({
      failures: [1, 2, 3, 4, 5].map((i) => failure(i, `task ${i} threw`)),
    });
    expect(describeFailures(result, 2)).toBe(
      '5 tasks failed: task 1 threw; task 2 threw; and 3 more',
    );
  });

  it('is null for a result without failures or error', () => {
    expect(describeFailures(modelResult({}))).toBeNull();
  });
});
