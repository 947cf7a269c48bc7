/** "Save snapshot" for the latest run or sweep, and the dialog it opens. */
import { useState } from 'react';
import type { LabApi } from '../../shared/lab-api';
import type { SnapshotContent, SnapshotListEntry } from '../../shared/snapshot';
import { defaultSnapshotName } from '../state/snapshot-draft';
import { SaveSnapshotDialog } from './SaveSnapshotDialog';

export interface SaveSnapshotButtonProps {
  api: LabApi;
  /** What would be saved, or why nothing can be yet. */
  draft: { content: SnapshotContent } | { reason: string };
  onSaved: (entry: SnapshotListEntry) => void;
}

/** A button, disabled with its reason until there is a finished run to keep. */
export function SaveSnapshotButton({ api, draft, onSaved }: SaveSnapshotButtonProps) {
  const [isOpen, setIsOpen] = useState(false);
  const content = 'content' in draft ? draft.content : null;
  // Named when the dialog opens, so the time in the default name is the time of saving.
  const [initialName, setInitialName] = useState('');
  // A fresh dialog per save: a note typed for the last snapshot must not carry over.
  const [opening, setOpening] = useState(0);
  return (
    <div className="save-snapshot">
      <button
        type="button"
        className="button button-secondary"
        data-testid="save-snapshot-button"
        disabled={!content}
        title={
          'reason' in draft ? draft.reason : 'Keep this run with its machine, to reopen or compare'
        }
        onClick={() => {
          if (!content) return;
          setInitialName(defaultSnapshotName(content));
          setOpening((n) => n + 1);
          setIsOpen(true);
        }}
      >
        Save snapshot…
      </button>
      <SaveSnapshotDialog
        key={opening}
        api={api}
        isOpen={isOpen}
        content={content}
        initialName={initialName}
        onClose={() => setIsOpen(false)}
        onSaved={(entry) => {
          setIsOpen(false);
          onSaved(entry);
        }}
      />
    </div>
  );
}
