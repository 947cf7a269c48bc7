/** The snapshot part of LabApi: the store's operations, plus what a save adds to a run. */
import type { LabApi } from '../../shared/lab-api';
import type { HostInfo } from '../../shared/results';
import { buildSnapshot } from '../../shared/snapshot';
import { APP_VERSION } from './app-version';
import type { SnapshotStore } from './snapshot-store';

export type SnapshotApi = Pick<
  LabApi,
  | 'listSnapshots'
  | 'saveSnapshot'
  | 'loadSnapshot'
  | 'renameSnapshot'
  | 'deleteSnapshot'
  | 'importSnapshot'
  | 'exportSnapshot'
>;

/** LabApi's snapshot methods on `store`; a save records this host, the time and the version. */
export function snapshotApi(
  store: SnapshotStore,
  hostInfo: () => Promise<HostInfo>,
  now: () => Date = () => new Date(),
): SnapshotApi {
  return {
    listSnapshots: () => store.list(),
    saveSnapshot: async ({ name, note, overwrite, content }) => {
      const snapshot = buildSnapshot(
        {
          name,
          note: note ?? '',
          createdAt: now().toISOString(),
          appVersion: APP_VERSION,
          host: await hostInfo(),
        },
        content,
      );
      return store.save(snapshot, { overwrite });
    },
    loadSnapshot: (name) => store.load(name),
    renameSnapshot: (from, to) => store.rename(from, to),
    deleteSnapshot: (name) => store.delete(name),
    importSnapshot: (text, fileName, options) => store.import(text, fileName, options),
    exportSnapshot: (name, format) => store.export(name, format),
  };
}
