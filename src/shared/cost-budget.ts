/**
 * A budget for optional periodic work, in milliseconds of one core: a token bucket filled
 * at `fractionOfOneCore` of the time that passes and drained by what each run of the work
 * actually cost. The work runs on every tick while it is cheap enough, and on fewer ticks,
 * evenly spread, when it is not; what it is allowed to cost on average never changes.
 */
export interface CostBudget {
  /** Called once per tick, `tickMs` after the previous one: may the work run now? */
  allows(tickMs: number): boolean;
  /** What the work cost, in ms, when it ran. */
  spend(ms: number): void;
}

export function createCostBudget(fractionOfOneCore: number): CostBudget {
  if (!(fractionOfOneCore > 0 && fractionOfOneCore <= 1)) {
    throw new RangeError(
      `a cost budget is a fraction of one core in (0, 1], not ${fractionOfOneCore}`,
    );
  }
  let tokensMs = 0;
  return {
    allows(tickMs) {
      const perTick = fractionOfOneCore * tickMs;
      // Capped at one tick's worth: quiet ticks do not save up for a burst later.
      tokensMs = Math.min(tokensMs + perTick, perTick);
      return tokensMs > 0;
    },
    spend(ms) {
      tokensMs -= ms;
    },
  };
}
