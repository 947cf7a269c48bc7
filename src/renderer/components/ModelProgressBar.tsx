/** One model's progress: tasks done of total, and an estimate of the time left. */
import { formatCount, formatMs } from '../../shared/format';
import { MODELS, describeWorkers } from '../../shared/models';
import { estimateLeftMs, type ModelProgress } from '../state/run-state';

export interface ModelProgressBarProps {
  row: ModelProgress;
}

const PHASE_TEXT: Record<ModelProgress['phase'], string> = {
  queued: 'Waiting',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A labelled progress bar in the model's colour. */
export function ModelProgressBar({ row }: ModelProgressBarProps) {
  const info = MODELS[row.model];
  const fraction = row.total > 0 ? Math.min(1, row.done / row.total) : 0;
  const left = estimateLeftMs(row);
  const detail =
    row.phase === 'queued'
      ? 'waiting for its turn'
      : `${formatCount(row.done)} / ${formatCount(row.total)} tasks` +
        (left !== null
          ? ` · about ${formatMs(left)} left`
          : row.phase === 'running'
            ? ' · starting'
            : '') +
        (row.phase === 'done' ? ` · ${formatMs(row.elapsedMs)}` : '');
  return (
    <li className={`progress-row progress-${row.phase}`} data-model={row.model}>
      <div className="progress-label">
        <span
          className="model-dot"
          style={{ backgroundColor: MODELS[row.model].colour }}
          aria-hidden="true"
        />
        <span className="progress-name">{info.label}</span>
        <span className="progress-workers">{describeWorkers(row.model, row.workers)}</span>
        <span className={`badge badge-${row.phase}`}>{PHASE_TEXT[row.phase]}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={`${info.label} progress`}
        aria-valuemin={0}
        aria-valuemax={row.total || 1}
        aria-valuenow={row.done}
        aria-valuetext={detail}
      >
        <div
          className="progress-fill"
          style={{ transform: `scaleX(${fraction})`, backgroundColor: MODELS[row.model].colour }}
        />
      </div>
      <div className="progress-detail">{detail}</div>
    </li>
  );
}
