/**
 * The window's snapshots: the list, which ones are chosen for a comparison, what is open
 * (one snapshot or a comparison), and every action on them, each ending in one sentence the
 * panel reads out.
 */
import { useCallback, useEffect, useState } from 'react';
import { LabError, errorMessage, tooLargeForSnapshotError } from '../../shared/errors';
import type { LabApi } from '../../shared/lab-api';
import {
  SNAPSHOT_LIMITS,
  freeSnapshotName,
  type Snapshot,
  type SnapshotListEntry,
} from '../../shared/snapshot';
import type { SnapshotExportFormat } from '../../shared/snapshot-export';
import { downloadText } from '../download';

/** What the content area shows instead of the live results. */
export type SnapshotView =
  { kind: 'snapshot'; snapshot: Snapshot } | { kind: 'compare'; snapshots: Snapshot[] };

/** The outcome of the latest action, as one sentence. */
export interface SnapshotNotice {
  text: string;
  isError: boolean;
}

/** An import refused because its name is taken, waiting for "Replace?". */
export interface PendingImport {
  text: string;
  fileName: string;
  message: string;
}

export interface SnapshotsController {
  entries: SnapshotListEntry[];
  /** False until the first list has arrived. */
  hasLoaded: boolean;
  notice: SnapshotNotice | null;
  view: SnapshotView | null;
  /** Names ticked for a comparison, in the order they were ticked (the first is A). */
  selected: string[];
  pendingImport: PendingImport | null;
  refresh(): Promise<void>;
  notify(text: string, isError?: boolean): void;
  toggleSelected(name: string): void;
  open(name: string): Promise<void>;
  compareSelected(): Promise<void>;
  closeView(): void;
  rename(from: string, to: string): Promise<boolean>;
  remove(name: string): Promise<void>;
  exportAs(name: string, format: SnapshotExportFormat): Promise<void>;
  importFile(file: File): Promise<void>;
  replacePendingImport(): Promise<void>;
  /** Imports the pending file beside the one it clashes with, as "NAME 2". */
  keepBothPendingImport(): Promise<void>;
  cancelPendingImport(): void;
}

const isConflict = (error: unknown): boolean =>
  error instanceof LabError && error.code === 'conflict';

/** Loads the list once connected and keeps it current after every action. */
export function useSnapshots(api: LabApi, isConnected: boolean): SnapshotsController {
  const [entries, setEntries] = useState<SnapshotListEntry[]>([]);
  const [hasLoaded, setHasLoaded] = useState(false);
  const [notice, setNotice] = useState<SnapshotNotice | null>(null);
  const [view, setView] = useState<SnapshotView | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);

  const notify = useCallback((text: string, isError = false) => setNotice({ text, isError }), []);
  const fail = useCallback(
    (what: string, error: unknown) => notify(`${what}: ${errorMessage(error)}`, true),
    [notify],
  );

  const apply = useCallback((next: SnapshotListEntry[]) => {
    setEntries(next);
    setHasLoaded(true);
    setSelected((names) => names.filter((name) => next.some((e) => e.name === name)));
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await api.listSnapshots());
    } catch (error) {
      fail('Could not list the snapshots', error);
    }
  }, [api, apply, fail]);

  useEffect(() => {
    // Reloaded on every (re)connect: another window or the CLI may have changed the folder.
    if (!isConnected) return;
    let isCurrent = true;
    api.listSnapshots().then(
      (next) => isCurrent && apply(next),
      (error: unknown) => isCurrent && fail('Could not list the snapshots', error),
    );
    return () => {
      isCurrent = false;
    };
  }, [api, isConnected, apply, fail]);

  const doImport = async (text: string, fileName: string, overwrite: boolean): Promise<void> => {
    try {
      const entry = await api.importSnapshot(text, fileName, { overwrite });
      setPendingImport(null);
      notify(`Imported “${entry.name}” from ${fileName}`);
      await refresh();
    } catch (error) {
      if (isConflict(error) && !overwrite) {
        // The prompt says it; a notice as well would say it twice.
        setNotice(null);
        setPendingImport({ text, fileName, message: errorMessage(error) });
      } else {
        setPendingImport(null);
        fail('Import refused', error);
      }
    }
  };

  return {
    entries,
    hasLoaded,
    notice,
    view,
    selected,
    pendingImport,
    refresh,
    notify,
    toggleSelected: (name) =>
      setSelected((names) =>
        names.includes(name) ? names.filter((n) => n !== name) : [...names, name],
      ),
    async open(name) {
      try {
        setView({ kind: 'snapshot', snapshot: await api.loadSnapshot(name) });
        notify(`Opened “${name}”`);
      } catch (error) {
        fail(`Could not open “${name}”`, error);
      }
    },
    async compareSelected() {
      try {
        const snapshots: Snapshot[] = [];
        for (const name of selected) snapshots.push(await api.loadSnapshot(name));
        setView({ kind: 'compare', snapshots });
        notify(`Comparing ${selected.map((n) => `“${n}”`).join(', ')}`);
      } catch (error) {
        fail('Could not compare', error);
      }
    },
    closeView: () => setView(null),
    async rename(from, to) {
      try {
        await api.renameSnapshot(from, to);
        notify(`Renamed “${from}” to “${to}”`);
        setSelected((names) => names.map((n) => (n === from ? to : n)));
        setView((current) =>
          current?.kind === 'snapshot' && current.snapshot.name === from
            ? { kind: 'snapshot', snapshot: { ...current.snapshot, name: to } }
            : current,
        );
        await refresh();
        return true;
      } catch (error) {
        fail(`Could not rename “${from}”`, error);
        return false;
      }
    },
    async remove(name) {
      try {
        await api.deleteSnapshot(name);
        notify(`Deleted “${name}”`);
        setView((current) =>
          current?.kind === 'snapshot' && current.snapshot.name === name ? null : current,
        );
        await refresh();
      } catch (error) {
        fail(`Could not delete “${name}”`, error);
      }
    },
    async exportAs(name, format) {
      try {
        const file = await api.exportSnapshot(name, format);
        downloadText(file.fileName, file.mimeType, file.text);
        notify(`Exported “${name}” as ${file.fileName}`);
      } catch (error) {
        fail(`Could not export “${name}”`, error);
      }
    },
    async importFile(file) {
      if (file.size > SNAPSHOT_LIMITS.maxFileBytes) {
        const refusal = tooLargeForSnapshotError(
          file.name,
          file.size,
          SNAPSHOT_LIMITS.maxFileBytes,
        );
        notify(refusal.message, true);
        return;
      }
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        fail(`Could not read ${file.name}`, error);
        return;
      }
      await doImport(text, file.name, false);
    },
    async replacePendingImport() {
      if (pendingImport) await doImport(pendingImport.text, pendingImport.fileName, true);
    },
    async keepBothPendingImport() {
      if (!pendingImport) return;
      // It clashed by name, so it parsed as a snapshot object; only its name changes.
      const doc = JSON.parse(pendingImport.text) as { name: string };
      doc.name = freeSnapshotName(doc.name, new Set(entries.map((e) => e.name)));
      await doImport(JSON.stringify(doc), pendingImport.fileName, false);
    },
    cancelPendingImport: () => {
      setPendingImport(null);
      notify('Import cancelled; nothing was changed');
    },
  };
}
