import { describe, expect, it } from 'vitest';
import { LabError } from '../../../src/shared/errors';
import {
  foldErrorCode,
  mapRejections,
  unfoldErrorCode,
} from '../../../src/shared/lab-bridge-errors';
import { createFakeLabApi } from '../../fixtures/fake-lab-api';

/** What contextBridge does to a rejection: a new Error with the message only. */
const acrossBridge = (error: Error) => new Error(error.message);

describe('folding LabError codes for the contextBridge', () => {
  it('restores code and message after only the message crossed', () => {
    const folded = foldErrorCode(new LabError('busy', 'a run is already in progress'));
    const restored = unfoldErrorCode(acrossBridge(folded));
    expect(restored).toBeInstanceOf(LabError);
    expect(restored).toMatchObject({ code: 'busy', message: 'a run is already in progress' });
  });

  it('folds a plain error as internal', () => {
    expect(unfoldErrorCode(foldErrorCode(new TypeError('x')))).toMatchObject({
      code: 'internal',
      message: 'x',
    });
  });

  it('leaves errors it did not fold alone, including look-alikes with unknown codes', () => {
    const plain = new Error('boom');
    const lookAlike = new Error('LabError[teapot] short and stout');
    expect(unfoldErrorCode(plain)).toBe(plain);
    expect(unfoldErrorCode(lookAlike)).toBe(lookAlike);
    expect(unfoldErrorCode('text')).toBe('text');
  });

  it('maps every call of a LabApi but passes values and subscriptions through', async () => {
    const api = createFakeLabApi();
    const mapped = mapRejections(api, () => new Error('mapped'));
    await expect(mapped.cancel('nope')).rejects.toThrow('mapped');
    await expect(mapped.cancel('run-1')).resolves.toBeUndefined();
    const seen: number[] = [];
    mapped.onCoreSample((sample) => seen.push(sample.t));
    api.emitSample({ t: 4, cores: [] });
    expect(seen).toEqual([4]);
  });
});
