import { describe, expect, it } from 'vitest';
import { createCostBudget } from '../../../src/shared/cost-budget';

/** Runs `ticks` ticks of `tickMs` whose work costs `costMs`: the share of ticks it ran on. */
function share(fraction: number, tickMs: number, costMs: number, ticks = 1000): number {
  const budget = createCostBudget(fraction);
  let ran = 0;
  for (let i = 0; i < ticks; i++) {
    if (!budget.allows(tickMs)) continue;
    budget.spend(costMs);
    ran += 1;
  }
  return ran / ticks;
}

describe('createCostBudget', () => {
  it('lets cheap work run on every tick', () => {
    // 0.1 ms every 100 ms is 0.1 % of a core, under a 0.3 % budget.
    expect(share(0.003, 100, 0.1)).toBe(1);
  });

  it('spreads costly work so that its average cost is the budget', () => {
    // 0.6 ms a tick would be 0.6 % of a core: half the ticks keep it at 0.3 %.
    const ran = share(0.003, 100, 0.6);
    expect(ran).toBeGreaterThan(0.49);
    expect(ran).toBeLessThan(0.51);
    expect(ran * 0.6 * 10).toBeLessThanOrEqual(3 * 1.02); // ms per second ≤ budget
  });

  it('runs the first tick, so that a watch gets a reading at once', () => {
    const budget = createCostBudget(0.003);
    expect(budget.allows(100)).toBe(true);
  });

  it('does not save quiet time up for a burst', () => {
    const budget = createCostBudget(0.003);
    for (let i = 0; i < 100; i++) budget.allows(100); // nothing ran
    expect(budget.allows(100)).toBe(true);
    budget.spend(0.7); // more than two ticks' worth
    expect(budget.allows(100)).toBe(false);
    expect(budget.allows(100)).toBe(true);
  });

  it('refuses a budget that is not a fraction of one core', () => {
    expect(() => createCostBudget(0)).toThrow(RangeError);
    expect(() => createCostBudget(1.5)).toThrow(/fraction of one core/);
  });
});
