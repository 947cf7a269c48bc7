import { describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/shared/errors';
import {
  parsePipelineConfig,
  type PipelineConfig,
} from '../../../../src/shared/pipeline/pipeline-config';

const valid: PipelineConfig = {
  model: 'worker-threads',
  producers: 2,
  consumers: 3,
  intervalMs: 5,
  capacity: 16,
  workPerEvent: 100,
  durationS: 1.5,
};

/** The message parsePipelineConfig throws for `raw`. */
function rejection(raw: unknown): string {
  try {
    parsePipelineConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('invalid-argument');
    return (error as LabError).message;
  }
  throw new Error('expected a rejection');
}

describe('parsePipelineConfig', () => {
  it('accepts a valid config, and null as "run until stopped"', () => {
    expect(parsePipelineConfig(valid)).toEqual(valid);
    expect(parsePipelineConfig({ ...valid, durationS: null }).durationS).toBeNull();
  });

  it.each([
    ['producers', 0, 'producers must be an integer between 1 and 16'],
    ['consumers', 17, 'consumers must be an integer between 1 and 16'],
    ['intervalMs', -1, 'intervalMs must be an integer between 0 and 1000'],
    ['capacity', 2.5, 'capacity must be an integer between 1 and 1024'],
    ['workPerEvent', 100_001, 'workPerEvent must be an integer between 0 and 100000'],
    ['durationS', 0, 'durationS must be a number between 0.1 and 3600'],
  ])('rejects %s = %s with a message naming the field and its range', (field, value, message) => {
    expect(rejection({ ...valid, [field]: value })).toContain(message);
  });

  it('rejects an unknown model, listing the known ones', () => {
    expect(rejection({ ...valid, model: 'green-threads' })).toContain(
      'model must be one of event-loop, worker-threads',
    );
  });

  it('rejects a missing field by name', () => {
    const { capacity: _capacity, ...withoutCapacity } = valid;
    expect(rejection(withoutCapacity)).toMatch(/^capacity /);
  });
});
