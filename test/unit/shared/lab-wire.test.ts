import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import type { ModelResult } from '../../../src/shared/results';
import {
  LAB_METHODS,
  errorReply,
  eventMessageSchema,
  invalidFields,
  isLabMethod,
  labEventSchema,
  labSerializedErrorSchema,
  replyMessageSchema,
  requestMessageSchema,
  wireMessageSchema,
} from '../../../src/shared/lab-wire';
import { modelResult } from '../../fixtures/fake-lab-api';

describe('LAB_METHODS', () => {
  it('recognises method names only as own keys', () => {
    expect(isLabMethod('startRun')).toBe(true);
    expect(isLabMethod('toString')).toBe(false);
    expect(isLabMethod('__proto__')).toBe(false);
    expect(isLabMethod(42)).toBe(false);
  });

  it('rejects startRun args with a worker count out of range, naming the field', () => {
    const parsed = LAB_METHODS.startRun.args.safeParse([
      { workload: 'cpu.primes', models: [{ model: 'worker-threads', workers: 0 }] },
    ]);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = invalidFields('startRun', 'args', parsed.error);
    expect(error).toBeInstanceOf(LabError);
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^startRun: args\[0\]\.models\[0\]\.workers: /);
  });

  it('rejects extra positional arguments', () => {
    expect(LAB_METHODS.getHostInfo.args.safeParse([1]).success).toBe(false);
    expect(LAB_METHODS.cancel.args.safeParse(['run-1', 'more']).success).toBe(false);
  });

  it('rejects an unknown model id in a sweep', () => {
    const parsed = LAB_METHODS.startSweep.args.safeParse([
      { workload: 'cpu.primes', model: 'green-threads', maxWorkers: 4 },
    ]);
    expect(parsed.success).toBe(false);
  });

  it('accepts a void reply to cancel whether JSON kept it or not', () => {
    expect(LAB_METHODS.cancel.value.parse(undefined)).toBeUndefined();
    expect(LAB_METHODS.cancel.value.parse(null)).toBeUndefined();
  });
});

describe('wire envelopes', () => {
  it('accepts a well-formed request and rejects one without an id', () => {
    expect(
      requestMessageSchema.safeParse({ type: 'request', id: 1, method: 'getHostInfo', args: [] })
        .success,
    ).toBe(true);
    expect(
      requestMessageSchema.safeParse({ type: 'request', method: 'getHostInfo', args: [] }).success,
    ).toBe(false);
    expect(
      requestMessageSchema.safeParse({ type: 'request', id: -1, method: 'getHostInfo', args: [] })
        .success,
    ).toBe(false);
  });

  it('keys the message union by type', () => {
    expect(wireMessageSchema.safeParse({ type: 'reply', id: 3, ok: true, value: 1 }).success).toBe(
      true,
    );
    expect(
      wireMessageSchema.safeParse({
        type: 'event',
        channel: 'core-sample',
        payload: { t: 1, cores: [10, 20] },
      }).success,
    ).toBe(true);
    expect(wireMessageSchema.safeParse({ type: 'shout', id: 3 }).success).toBe(false);
  });

  it('refuses a core sample with a utilisation over 100%', () => {
    const parsed = eventMessageSchema.safeParse({
      type: 'event',
      channel: 'core-sample',
      payload: { t: 1, cores: [10, 140] },
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(invalidFields('event', 'message', parsed.error).message).toContain(
      'message.payload.cores[1]',
    );
  });

  it('carries each core’s occupant, null for none, and refuses one without a worker', () => {
    const sample = (occupants: unknown) =>
      eventMessageSchema.safeParse({
        type: 'event',
        channel: 'core-sample',
        payload: { t: 1, cores: [90, 5], occupants },
      });
    const parsed = sample([{ model: 'event-loop', workers: [0, 1] }, null]);
    expect(parsed.success && parsed.data.payload).toMatchObject({
      occupants: [{ model: 'event-loop', workers: [0, 1] }, null],
    });
    expect(sample([{ model: 'worker-threads', workers: [] }, null]).success).toBe(false);
    expect(sample([{ model: 'no-such-model', workers: [0] }, null]).success).toBe(false);
  });

  it('accepts a run-done event with a complete result and refuses one missing a field', () => {
    const event = {
      type: 'run-done',
      runId: 'r',
      result: {
        runId: 'r',
        startedAt: '2025-01-01T00:00:00.000Z',
        config: {
          workload: 'cpu.primes',
          params: {},
          models: [{ model: 'worker-threads', workers: 2 }],
        },
        results: [modelResult()],
        isCancelled: false,
        interference: null,
        verdict: null,
        estimate: null,
      },
    };
    expect(labEventSchema.safeParse(event).success).toBe(true);
    const incomplete: Partial<ModelResult> = modelResult();
    delete incomplete.verified;
    const broken = { ...event, result: { ...event.result, results: [incomplete] } };
    const parsed = labEventSchema.safeParse(broken);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(invalidFields('event', 'payload', parsed.error).message).toContain(
      'payload.result.results[0].verified',
    );
  });

  it('accepts every run event of the engine (model-start, progress, tasks, sweep-point)', () => {
    for (const event of [
      { type: 'model-start', runId: 'r', model: 'event-loop', workers: 1 },
      { type: 'progress', runId: 'r', model: 'event-loop', done: 1, total: 4, elapsedMs: 10 },
      {
        type: 'tasks',
        runId: 'r',
        model: 'event-loop',
        entries: [{ worker: 0, taskIndex: 0, startMs: 0, endMs: 1, isOk: true, cpu: null }],
      },
      { type: 'sweep-point', runId: 'r', workers: 2, wallMs: 100 },
    ]) {
      expect(labEventSchema.safeParse(event).success, event.type).toBe(true);
    }
  });

  it('narrows an unknown error code from the wire to internal', () => {
    const parsed = labSerializedErrorSchema.parse({ name: 'E', message: 'm', code: 'teapot' });
    expect(parsed.code).toBe('internal');
    expect(labSerializedErrorSchema.parse({ name: 'E', message: 'm', code: 'busy' }).code).toBe(
      'busy',
    );
  });
});

describe('errorReply', () => {
  it('keeps a LabError code and leaves out the stack', () => {
    const reply = errorReply(7, new LabError('busy', 'a run is already in progress'));
    expect(reply).toEqual({
      type: 'reply',
      id: 7,
      ok: false,
      error: { name: 'LabError', message: 'a run is already in progress', code: 'busy' },
    });
    expect(replyMessageSchema.safeParse(reply).success).toBe(true);
  });

  it('turns anything else into an internal error', () => {
    const reply = errorReply(null, new TypeError('boom'));
    expect(reply).toMatchObject({
      id: null,
      ok: false,
      error: { code: 'internal', message: 'boom' },
    });
  });
});
