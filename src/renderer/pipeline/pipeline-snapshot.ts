/**
 * A pipeline run as a snapshot, both ways: the content the save dialog keeps once a run has
 * ended, and the view state that shows a reopened pipeline snapshot in the live charts.
 */
import { errorMessage } from '../../shared/errors';
import type { CoreSample } from '../../shared/results';
import { pipelineContent, type Snapshot, type SnapshotContent } from '../../shared/snapshot';
import type { PipelineState } from './pipeline-state';

/** Core samples kept on either side of the pipeline's own samples, for context. */
const CORE_MARGIN_MS = 1000;

/**
 * The snapshot content of the window's last pipeline, with the cores of its time span, or a
 * sentence saying why there is nothing to save.
 */
export function pipelineSnapshotContentOf(
  state: PipelineState,
  history: { slice(fromMs: number, toMs: number): CoreSample[] },
): { content: SnapshotContent } | { reason: string } {
  if (state.phase !== 'idle') return { reason: 'Wait until the pipeline has ended' };
  const { result } = state;
  if (!result) return { reason: 'Run a pipeline first' };
  const first = result.samples[0]?.t;
  const last = result.samples.at(-1)?.t;
  const coreSeries =
    first === undefined || last === undefined
      ? []
      : history.slice(first - CORE_MARGIN_MS, last + CORE_MARGIN_MS);
  try {
    return { content: pipelineContent(result, coreSeries) };
  } catch (error) {
    return { reason: `This pipeline cannot be saved: ${errorMessage(error)}` };
  }
}

/** A reopened pipeline snapshot as the pipeline panel's state: ended, with its whole series. */
export function pipelineStateOfSnapshot(
  snapshot: Extract<Snapshot, { kind: 'pipeline' }>,
): PipelineState {
  return {
    phase: 'idle',
    config: snapshot.config,
    samples: snapshot.pipeline.samples,
    result: snapshot.pipeline,
    stops: 0,
    stopTiming: null,
    status: `Snapshot ${snapshot.name}`,
    isError: snapshot.pipeline.error !== null,
  };
}
