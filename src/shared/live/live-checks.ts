/** What a live run's checksum checks came to, as the sentence a result carries. */
import { formatCount } from '../format';
import type { LiveChecks } from './live-tracker';

/** "All 12,345 tasks matched …", or what went wrong, naming the counts. */
export function describeLiveChecks(checks: LiveChecks, sent: number, lost: number): string {
  const problems: string[] = [];
  if (checks.mismatched > 0) {
    problems.push(`${formatCount(checks.mismatched)} checksums did not match the reference`);
  }
  if (checks.repeated > 0) problems.push(`${formatCount(checks.repeated)} tasks answered twice`);
  if (lost > 0) problems.push(`${formatCount(lost)} tasks sent were never answered`);
  if (checks.failed > 0) problems.push(`${formatCount(checks.failed)} tasks failed`);
  if (checks.unchecked > 0) {
    problems.push(`${formatCount(checks.unchecked)} could not be checked (no reference yet)`);
  }
  const sizes = checks.sizes === 1 ? 'one task size' : `${checks.sizes} task sizes`;
  const base =
    `${formatCount(checks.checked)} of ${formatCount(sent)} tasks checked one by one against ` +
    `the independent reference (${sizes})`;
  return problems.length === 0
    ? `${base}: all matched; none lost, none run twice`
    : `${base}; ${problems.join('; ')}`;
}
