/** Where a finished pipeline's producer and consumer time went: one bar and sentence per role. */
import type { PipelineResult } from '../../shared/pipeline/pipeline-result';
import {
  PIPELINE_ROLES,
  pipelineTimeShareSentence,
} from '../../shared/pipeline/pipeline-time-share-words';
import { TimeSharesBar } from '../components/TimeSharesBar';

export interface PipelineTimeSharesProps {
  result: PipelineResult;
}

/** The producers' and the consumers' five shares, side by side. */
export function PipelineTimeShares({ result }: PipelineTimeSharesProps) {
  return (
    <section
      className="pipeline-time-shares"
      aria-labelledby="pipeline-time-shares-title"
      data-testid="pipeline-time-shares"
    >
      <h3 id="pipeline-time-shares-title">Where the time went</h3>
      <div className="pipeline-time-shares-roles">
        {PIPELINE_ROLES.map(({ key, label, title }) => (
          <TimeSharesBar
            key={key}
            shares={result.timeSharesByRole[key]}
            title={title}
            whose={`Time of the ${label}`}
            sentence={pipelineTimeShareSentence(result, key)}
            model={result.model}
            role={key}
          />
        ))}
      </div>
    </section>
  );
}
