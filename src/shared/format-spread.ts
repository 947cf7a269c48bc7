/** A figure measured in rounds, as one phrase: the median with the range of the rounds. */
import { formatMs } from './format';

/** The fields a wall-time spread is read from (a ModelResult has them all). */
export interface WallSpread {
  wallMs: number;
  wallMsMin: number;
  wallMsMax: number;
  rounds: number;
}

/** "1.23–1.31 s": a range of durations, the unit said once when both ends share it. */
export function formatMsRange(lowMs: number, highMs: number): string {
  const [low, high] = [formatMs(lowMs), formatMs(highMs)];
  const unit = (text: string): string => text.slice(text.lastIndexOf(' ') + 1);
  const isSimple = !/min/.test(low + high) && unit(low) === unit(high);
  return isSimple ? `${low.slice(0, low.lastIndexOf(' '))}–${high}` : `${low} – ${high}`;
}

/** "1.23 s (1.20–1.31 s, 3 rounds)", or "1.23 s (1 round)" where there is no spread. */
export function formatWallSpread(spread: WallSpread): string {
  if (spread.rounds <= 1) return `${formatMs(spread.wallMs)} (1 round)`;
  return `${formatMs(spread.wallMs)} (${formatMsRange(spread.wallMsMin, spread.wallMsMax)}, ${spread.rounds} rounds)`;
}
