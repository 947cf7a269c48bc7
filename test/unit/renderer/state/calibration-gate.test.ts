import { describe, expect, it } from 'vitest';
import { CalibrationGate } from '../../../../src/renderer/state/calibration-gate';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('CalibrationGate', () => {
  it('runs calibrations one after another, in the order asked', async () => {
    const gate = new CalibrationGate();
    const first = deferred<string>();
    const order: string[] = [];
    const a = gate.run(async () => {
      order.push('a starts');
      return first.promise;
    });
    const b = gate.run(async () => {
      order.push('b starts');
      return 'b';
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['a starts']);
    first.resolve('a');
    expect(gate.isBusy).toBe(true);
    expect(await a).toBe('a');
    expect(await b).toBe('b');
    expect(order).toEqual(['a starts', 'b starts']);
    expect(gate.isBusy).toBe(false);
  });

  it('goes on after a calibration fails, and its caller still sees the failure', async () => {
    const gate = new CalibrationGate();
    const failed = gate.run(() => Promise.reject(new Error('busy')));
    const next = gate.run(async () => 'next');
    await expect(failed).rejects.toThrow('busy');
    expect(await next).toBe('next');
  });

  it('is idle only once every calibration queued so far has ended', async () => {
    const gate = new CalibrationGate();
    const one = deferred<void>();
    const two = deferred<void>();
    void gate.run(() => one.promise);
    let isIdle = false;
    const idle = gate.whenIdle().then(() => (isIdle = true));
    // Queued after whenIdle was asked: it must still be waited for.
    void gate.run(() => two.promise);
    one.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(isIdle).toBe(false);
    two.resolve();
    await idle;
    expect(isIdle).toBe(true);
  });
});
