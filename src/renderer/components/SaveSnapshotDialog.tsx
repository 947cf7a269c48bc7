/** The save dialog: a name and an optional note; a taken name asks "Replace?" first. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LabError, errorMessage } from '../../shared/errors';
import type { LabApi } from '../../shared/lab-api';
import { formatBytes } from '../../shared/format';
import {
  SNAPSHOT_LIMITS,
  snapshotNameSchema,
  utf8ByteLength,
  type SnapshotContent,
  type SnapshotListEntry,
} from '../../shared/snapshot';

export interface SaveSnapshotDialogProps {
  api: LabApi;
  isOpen: boolean;
  content: SnapshotContent | null;
  /** The name the dialog starts with. */
  initialName: string;
  onClose: () => void;
  onSaved: (entry: SnapshotListEntry) => void;
}

/** What a snapshot of `content` keeps, for the dialog's first sentence. */
function keptWhat(content: SnapshotContent | null): string {
  if (content?.kind === 'pipeline') return 'pipeline run with its totals and live samples';
  if (content?.kind === 'live') {
    return 'live run with its worker counts, resizes, task sizes and samples';
  }
  return `${content?.kind === 'sweep' ? 'sweep' : 'comparison'} with every result, its timelines`;
}

/** Why a name cannot be used, or null. */
function nameProblem(name: string): string | null {
  const parsed = snapshotNameSchema.safeParse(name);
  return parsed.success ? null : `The name ${parsed.error.issues[0]?.message ?? 'is invalid'}`;
}

/** A modal form; Escape or Cancel closes it without saving. Mount it afresh for each save. */
export function SaveSnapshotDialog({
  api,
  isOpen,
  content,
  initialName,
  onClose,
  onSaved,
}: SaveSnapshotDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(initialName);
  const [note, setNote] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [takenName, setTakenName] = useState<string | null>(null);
  const ids = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  const problem = nameProblem(name);

  const save = async (overwrite: boolean): Promise<void> => {
    if (!content || problem) return;
    // Said here, before sending: the server would refuse it, and in browser mode a request
    // far over the limit closes the connection instead.
    const bytes = utf8ByteLength(JSON.stringify(content));
    if (bytes > SNAPSHOT_LIMITS.maxFileBytes) {
      setError(
        `this run is ${formatBytes(bytes)} as a snapshot, more than the ${formatBytes(SNAPSHOT_LIMITS.maxFileBytes)} allowed; run fewer tasks or models`,
      );
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      const entry = await api.saveSnapshot({ name, note, overwrite, content });
      setTakenName(null);
      onSaved(entry);
    } catch (failure) {
      if (failure instanceof LabError && failure.code === 'conflict') setTakenName(name);
      else setError(errorMessage(failure));
    } finally {
      setIsSaving(false);
    }
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void save(false);
  };

  return (
    <dialog
      ref={dialogRef}
      className="about snapshot-dialog"
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
    >
      <form onSubmit={onSubmit}>
        <header className="about-header">
          <h2 id={`${ids}-title`}>Save snapshot</h2>
        </header>
        <div className="about-body">
          <p className="snapshot-dialog-intro">
            Keeps this {keptWhat(content)}, the core usage and this machine&apos;s details, to
            reopen or compare later.
          </p>
          <label className="field">
            <span>Name</span>
            <input
              type="text"
              value={name}
              maxLength={SNAPSHOT_LIMITS.maxNameLength}
              required
              aria-invalid={problem !== null}
              aria-describedby={`${ids}-name-help`}
              onChange={(event) => {
                setName(event.target.value);
                setTakenName(null);
              }}
              autoFocus
            />
            <span id={`${ids}-name-help`} className={problem ? 'field-problem' : 'field-hint'}>
              {problem ?? 'Letters, digits, spaces, dots, dashes and underscores'}
            </span>
          </label>
          <label className="field">
            <span>Note (optional)</span>
            <textarea
              value={note}
              maxLength={SNAPSHOT_LIMITS.maxNoteLength}
              rows={3}
              onChange={(event) => setNote(event.target.value)}
            />
          </label>
          {takenName !== null && (
            <div className="snapshot-confirm" role="alert">
              <p>A snapshot named “{takenName}” already exists. Replace it?</p>
              <div className="snapshot-actions">
                <button
                  type="button"
                  className="button button-danger"
                  disabled={isSaving}
                  onClick={() => void save(true)}
                >
                  Replace
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => setTakenName(null)}
                >
                  Keep it, change my name
                </button>
              </div>
            </div>
          )}
          {error && (
            <p className="field-problem" role="alert">
              Could not save: {error}
            </p>
          )}
          <div className="snapshot-actions snapshot-dialog-actions">
            <button type="button" className="button button-quiet" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={isSaving || problem !== null || !content || takenName !== null}
            >
              {isSaving ? 'Saving…' : 'Save'}
            </button>
          </div>
        </div>
      </form>
    </dialog>
  );
}
