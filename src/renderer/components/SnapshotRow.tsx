/** One snapshot of the list: its facts and actions; rename and delete open inline forms. */
import { useId, useRef, useState } from 'react';
import { formatBytes } from '../../shared/format';
import {
  snapshotNameSchema,
  type SnapshotKind,
  type SnapshotListEntry,
} from '../../shared/snapshot';
import { snapshotLabel } from '../../shared/snapshot-compare';
import type { SnapshotExportFormat } from '../../shared/snapshot-export';
import type { SnapshotsController } from '../hooks/use-snapshots';
import { localDateTime } from '../state/snapshot-view';

const SNAPSHOT_KIND_LABELS: Readonly<Record<SnapshotKind, string>> = {
  run: 'Run',
  sweep: 'Sweep',
  pipeline: 'Pipeline',
  live: 'Live',
};

const EXPORTS: readonly [SnapshotExportFormat, string][] = [
  ['json', 'JSON'],
  ['csv', 'CSV (a row per result)'],
  ['trace', 'Chrome trace (Perfetto)'],
];

export interface SnapshotRowProps {
  entry: SnapshotListEntry;
  snapshots: SnapshotsController;
  isDisabled: boolean;
}

/** One snapshot: its facts, and its actions (rename and delete open inline forms). */
export function SnapshotRow({ entry, snapshots, isDisabled }: SnapshotRowProps) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [newName, setNewName] = useState(entry.name);
  const exportRef = useRef<HTMLDetailsElement>(null);
  const ids = useId();
  const { name, summary } = entry;
  const isChosen = snapshots.selected.includes(name);
  const order = snapshots.selected.indexOf(name);
  const renameCheck = snapshotNameSchema.safeParse(newName);
  const renameProblem = renameCheck.success ? null : renameCheck.error.issues[0]?.message;

  return (
    <li className={entry.error ? 'snapshot-row is-bad' : 'snapshot-row'} data-snapshot={name}>
      <div className="snapshot-row-head">
        {summary && (
          <input
            type="checkbox"
            checked={isChosen}
            disabled={isDisabled}
            aria-label={`Choose “${name}” to compare`}
            onChange={() => snapshots.toggleSelected(name)}
          />
        )}
        <span className="snapshot-name" id={`${ids}-name`}>
          {name}
        </span>
        {isChosen && (
          <span className="snapshot-order" title={`Compared as ${snapshotLabel(order)}`}>
            {snapshotLabel(order)}
          </span>
        )}
      </div>
      {summary ? (
        <p className="snapshot-meta">
          {summary.kind === 'pipeline'
            ? `Pipeline · ${summary.models.join(', ')}`
            : `${SNAPSHOT_KIND_LABELS[summary.kind]} · ${summary.workload} · ${summary.models.length} model${summary.models.length === 1 ? '' : 's'}`}
          <br />
          {summary.cpuModel} ({summary.logicalCores} cores) · {localDateTime(summary.createdAt)} ·{' '}
          {formatBytes(entry.sizeBytes)}
        </p>
      ) : null}
      {summary?.note && <p className="snapshot-note">{summary.note}</p>}
      {entry.error && (
        <p className="snapshot-error">
          <strong>Cannot be read.</strong> {entry.error}
        </p>
      )}

      {mode === 'rename' && (
        <form
          className="snapshot-inline"
          onSubmit={(event) => {
            event.preventDefault();
            if (renameProblem) return;
            void snapshots.rename(name, newName).then((isDone) => isDone && setMode('idle'));
          }}
        >
          <input
            type="text"
            value={newName}
            aria-label={`New name for “${name}”`}
            aria-invalid={renameProblem !== null}
            onChange={(event) => setNewName(event.target.value)}
            autoFocus
          />
          {renameProblem && <span className="field-problem">The name {renameProblem}</span>}
          <div className="snapshot-actions">
            <button
              type="submit"
              className="button button-small button-primary"
              disabled={renameProblem !== null}
            >
              Rename
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setMode('idle')}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'delete' && (
        <div className="snapshot-inline" role="alert">
          <p>Delete “{name}”? The file is removed for good.</p>
          <div className="snapshot-actions">
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => void snapshots.remove(name).then(() => setMode('idle'))}
            >
              Delete
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => setMode('idle')}
            >
              Keep
            </button>
          </div>
        </div>
      )}
      {mode === 'idle' && (
        <div className="snapshot-actions" role="group" aria-labelledby={`${ids}-name`}>
          {summary && (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={isDisabled}
              aria-label={`Open “${name}”`}
              onClick={() => void snapshots.open(name)}
            >
              Open
            </button>
          )}
          {summary && (
            <button
              type="button"
              className="button button-small button-quiet"
              disabled={isDisabled}
              aria-label={`Rename “${name}”`}
              onClick={() => {
                setNewName(name);
                setMode('rename');
              }}
            >
              Rename
            </button>
          )}
          <button
            type="button"
            className="button button-small button-quiet"
            disabled={isDisabled}
            aria-label={`Delete “${name}”`}
            onClick={() => setMode('delete')}
          >
            Delete
          </button>
          {summary && (
            <details
              className="snapshot-menu"
              ref={exportRef}
              onKeyDown={(event) => {
                // A menu closes on Escape and gives focus back to its button.
                if (event.key !== 'Escape' || !event.currentTarget.open) return;
                event.preventDefault();
                event.currentTarget.open = false;
                event.currentTarget.querySelector('summary')?.focus();
              }}
              onBlur={(event) => {
                // ...and when focus leaves it for the rest of the page.
                if (!event.currentTarget.contains(event.relatedTarget)) {
                  event.currentTarget.open = false;
                }
              }}
            >
              <summary className="button button-small button-quiet" aria-label={`Export “${name}”`}>
                Export
              </summary>
              <div className="snapshot-menu-items">
                {EXPORTS.map(([format, label]) => (
                  <button
                    key={format}
                    type="button"
                    className="snapshot-menu-item"
                    disabled={isDisabled}
                    aria-label={`Export “${name}” as ${label}`}
                    onClick={() => {
                      if (exportRef.current) exportRef.current.open = false;
                      void snapshots.exportAs(name, format);
                    }}
                  >
                    {label}
                  </button>
                ))}
              </div>
            </details>
          )}
        </div>
      )}
    </li>
  );
}
