import { describe, expect, it } from 'vitest';
import { EmitSchedule } from '../../../../src/shared/pipeline/emit-schedule';

describe('EmitSchedule', () => {
  it('keeps the average rate when a timer wakes a little late', () => {
    const schedule = new EmitSchedule(10, 0);
    expect(schedule.waitMs(0)).toBe(0);
    schedule.advance(0);
    expect(schedule.waitMs(4)).toBe(6);
    // Woke 3 ms late: the next event is due 7 ms later, not 10.
    schedule.advance(13);
    expect(schedule.waitMs(13)).toBe(7);
  });

  it('starts afresh instead of bursting after falling far behind', () => {
    const schedule = new EmitSchedule(10, 0);
    schedule.advance(0);
    schedule.advance(500);
    expect(schedule.waitMs(500)).toBe(0);
    schedule.advance(500);
    expect(schedule.waitMs(500)).toBe(10);
  });

  it('never waits at interval 0', () => {
    const schedule = new EmitSchedule(0, 0);
    schedule.advance(0);
    expect(schedule.waitMs(0)).toBe(0);
  });
});
