/** Where a pipeline's producer or consumer time went, in one sentence: the same in the CLI and the UI. */
import { formatPercent } from '../format';
import { MODELS } from '../models';
import { THREAD_STATE_LABELS, type TimeShares } from '../results';
import { notableShare, timeSharesUnavailable, unavailableSentence } from '../time-share-words';
import type { PipelineResult } from './pipeline-result';

/** The two roles, as the result keys them and as a sentence names them. */
export const PIPELINE_ROLES = [
  { key: 'producers', label: 'producers', title: 'Producers' },
  { key: 'consumers', label: 'consumers', title: 'Consumers' },
] as const;
export type PipelineRoleKey = (typeof PIPELINE_ROLES)[number]['key'];

/**
 * One sentence on the largest share of `role` that is not running, e.g. "The consumers
 * were idle 92% of the time: the queue was empty, the producers were slower", or "Python
 * consumers were blocked 51% of the time: only one thread holds the GIL".
 */
export function pipelineTimeShareSentence(result: PipelineResult, role: PipelineRoleKey): string {
  const shares: TimeShares = result.timeSharesByRole[role];
  const unavailable = timeSharesUnavailable(shares);
  if (unavailable !== null) return unavailableSentence(shares, unavailable);
  const { model, config } = result;
  const count = role === 'producers' ? config.producers : config.consumers;
  const who = model === 'python-threading' ? `Python ${role}` : `The ${role}`;
  const notable = notableShare(shares);
  if (!notable) return `${who} ran on a core ${formatPercent(shares.running ?? 0)} of the time.`;
  const share = formatPercent(notable.share);
  switch (notable.state) {
    case 'waitingForCore':
      return `Each of the ${count} ${role} waited for a core ${share} of the time: more threads were runnable than there were cores.`;
    case 'idle':
      return role === 'consumers'
        ? `${who} were idle ${share} of the time: the queue was empty, the producers were slower.`
        : `${who} were idle ${share} of the time, waiting for their next event to be due.`;
    case 'messaging':
      return `${who} spent ${share} of the time on messages to and from the broker.`;
    case 'blocked':
      return `${who} were ${THREAD_STATE_LABELS.blocked} ${share} of the time: ${blockedWhy(result, role)}.`;
    case 'running':
      return `${who} ran on a core ${share} of the time.`;
  }
}

/** Why a role's threads were asleep with work to do, as far as the model tells. */
function blockedWhy(result: PipelineResult, role: PipelineRoleKey): string {
  const { model } = result;
  // Python's threads share one GIL, whatever each event's work.
  const isGil = model === 'python-threading';
  if (!isGil && !MODELS[model].isParallel) return 'one event-loop thread runs one task at a time';
  if (role === 'producers') {
    return isGil
      ? 'the queue was full, or another thread held the GIL'
      : 'the queue was full, or its lock taken';
  }
  return isGil ? 'only one thread holds the GIL' : "the queue's lock was taken";
}
