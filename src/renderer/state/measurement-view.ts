/**
 * What the results say about how they were measured: the verdict sentence and the other
 * load on the machine, for a live run and for a reopened snapshot alike.
 */
import { formatCores, type Interference } from '../../shared/measurement';
import type { Snapshot } from '../../shared/snapshot';
import { verdictSentence } from '../../shared/verdict';
import type { WorkloadKind } from '../../shared/workloads/types';
import type { RunState } from './run-state';

/** How the results on screen were measured, as the results panel says it. */
export type MethodView =
  /** The run is still going: nothing to conclude yet. */
  | { kind: 'pending' }
  /** A snapshot from before rounds and interference checks. */
  | { kind: 'predates'; verdict: string | null }
  /** interference null: the run's other load was not measured (it never reached the engine). */
  | { kind: 'measured'; verdict: string | null; interference: Interference | null };

/** The latest run's method, once it has ended. */
export function liveMethodView(state: Pick<RunState, 'phase' | 'kind' | 'method'>): MethodView {
  if (state.phase !== 'idle' || state.kind !== 'run') return { kind: 'pending' };
  return {
    kind: 'measured',
    verdict: state.method?.verdict ?? null,
    interference: state.method?.interference ?? null,
  };
}

/** A reopened run's method; a snapshot older than rounds gets a verdict worked out now. */
export function snapshotMethodView(snapshot: Snapshot, kind: WorkloadKind | null): MethodView {
  if (snapshot.kind !== 'run') return { kind: 'pending' };
  const verdict =
    snapshot.verdict ?? (kind ? verdictSentence(snapshot.results, kind) : null) ?? null;
  return snapshot.interference
    ? { kind: 'measured', verdict, interference: snapshot.interference }
    : { kind: 'predates', verdict };
}

/** One line on the machine's other load when nothing was flagged. */
export function quietSentence(interference: Interference | null): string {
  if (interference?.otherLoadCores == null) {
    return 'Other load on the machine was not measured for this run (the page cannot read it for its own models).';
  }
  return `The machine was quiet enough: other programs used at most ${formatCores(interference.otherLoadCores)} during the run.`;
}
