/** A finished pipeline's totals: counts that must add up, throughput and latency. */
import { formatCount, formatMs, formatRate } from '../../shared/format';
import type { PipelineResult } from '../../shared/pipeline/pipeline-result';
import { describeStop, isExactlyOnce } from '../../shared/pipeline/pipeline-summary';

export interface PipelineTotalsProps {
  result: PipelineResult;
  /** Where the time after Stop went, as the page measured it; null when Stop was not pressed. */
  stopTiming: string | null;
}

/** One labelled figure. */
function Figure({ label, value, tone }: { label: string; value: string; tone?: 'ok' | 'bad' }) {
  return (
    <div className={tone ? `pipeline-figure is-${tone}` : 'pipeline-figure'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The totals, with lost, duplicates and out-of-order marked as the checks they are. */
export function PipelineTotals({ result, stopTiming }: PipelineTotalsProps) {
  const { totals, config } = result;
  const check = (count: number): 'ok' | 'bad' => (count === 0 ? 'ok' : 'bad');
  return (
    <section
      className="pipeline-totals"
      aria-labelledby="pipeline-totals-title"
      data-testid="pipeline-totals"
      data-lost={totals.lost}
      data-exact={isExactlyOnce(totals)}
    >
      <h3 id="pipeline-totals-title">Totals</h3>
      <dl className="pipeline-figures">
        <Figure label="Produced" value={formatCount(totals.produced)} />
        <Figure label="Consumed" value={formatCount(totals.consumed)} />
        <Figure label="Left in queue" value={formatCount(totals.leftInQueue)} />
        <Figure
          label="Lost"
          value={`${formatCount(totals.lost)} ${totals.lost === 0 ? '✓' : '✗'}`}
          tone={check(totals.lost)}
        />
        <Figure
          label="Duplicates"
          value={formatCount(totals.duplicates)}
          tone={check(totals.duplicates)}
        />
        <Figure
          label="Out of order"
          value={formatCount(totals.outOfOrder)}
          tone={check(totals.outOfOrder)}
        />
        <Figure
          label="Max depth"
          value={`${formatCount(totals.maxDepth)} / ${formatCount(config.capacity)}`}
        />
        <Figure label="Produced / s" value={formatRate(totals.producedPerSec, 'events')} />
        <Figure label="Consumed / s" value={formatRate(totals.consumedPerSec, 'events')} />
        <Figure
          label="Latency p50 / p99"
          value={`${formatMs(totals.latency.p50Ms)} / ${formatMs(totals.latency.p99Ms)}`}
        />
        <Figure label="Producers blocked" value={formatMs(totals.producerBlockedMs)} />
        <Figure
          label="Lock wait"
          value={totals.lockWaitMs === null ? 'no lock' : formatMs(totals.lockWaitMs)}
        />
      </dl>
      <p className="pipeline-note">
        {describeStop(result)}
        {stopTiming && ` ${stopTiming}`}
      </p>
    </section>
  );
}
