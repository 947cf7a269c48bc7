/** The snapshot list: open, rename, delete, export, import, and pick two or more to compare. */
import { useRef } from 'react';
import type { SnapshotsController } from '../hooks/use-snapshots';
import { SnapshotRow } from './SnapshotRow';
import '../snapshots.css';

export interface SnapshotsPanelProps {
  snapshots: SnapshotsController;
  isConnected: boolean;
}

/** The sidebar's snapshot section. */
export function SnapshotsPanel({ snapshots, isConnected }: SnapshotsPanelProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const { entries, notice, pendingImport, selected } = snapshots;
  const isDisabled = !isConnected;
  return (
    <section
      className="snapshots-panel"
      aria-labelledby="snapshots-title"
      data-testid="snapshot-list"
    >
      <header className="snapshots-header">
        <h2 id="snapshots-title">Snapshots</h2>
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={isDisabled}
          onClick={() => fileRef.current?.click()}
        >
          Import…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Import a snapshot file"
          data-testid="snapshot-import-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared so choosing the same file again fires another change.
            event.target.value = '';
            if (file) void snapshots.importFile(file);
          }}
        />
      </header>
      {notice && (
        <p
          className={notice.isError ? 'snapshot-notice is-error' : 'snapshot-notice'}
          role={notice.isError ? 'alert' : 'status'}
          data-testid="snapshot-notice"
        >
          {notice.text}
        </p>
      )}
      {pendingImport && (
        <div className="snapshot-inline" role="alert">
          <p>
            {pendingImport.message}. Replace it with {pendingImport.fileName}, or keep both?
          </p>
          <div className="snapshot-actions">
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => void snapshots.replacePendingImport()}
            >
              Replace
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => void snapshots.keepBothPendingImport()}
            >
              Keep both
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={snapshots.cancelPendingImport}
            >
              Cancel import
            </button>
          </div>
        </div>
      )}
      {entries.length === 0 ? (
        <p className="snapshot-empty">
          {!snapshots.hasLoaded
            ? 'Loading…'
            : 'No snapshots yet. Save one after a run, or import a file.'}
        </p>
      ) : (
        <ul className="snapshot-list" aria-label="Saved snapshots">
          {entries.map((entry) => (
            <SnapshotRow
              key={entry.name}
              entry={entry}
              snapshots={snapshots}
              isDisabled={isDisabled}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button button-secondary button-wide"
        disabled={isDisabled || selected.length < 2}
        data-testid="compare-button"
        title={selected.length < 2 ? 'Tick two or more snapshots to compare them' : undefined}
        onClick={() => void snapshots.compareSelected()}
      >
        {selected.length < 2
          ? 'Compare (tick two or more)'
          : `Compare ${selected.length} snapshots`}
      </button>
    </section>
  );
}
