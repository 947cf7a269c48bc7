/** The seam every concurrency model plugs into (STYLE.md §4). */
import type { ModelId } from '../../shared/models';
import type { PoolWorker } from '../../shared/pool/run-pool';

export interface Runner {
  readonly model: ModelId;
  /**
   * True when the workers live in the engine's own process (threads, the event loop):
   * their CPU time and memory are that process's, not reported by each worker.
   */
  readonly isInProcess: boolean;
  /** Creates worker `index` of a run; the pool drives it through the shared protocol. */
  spawn(index: number): PoolWorker;
}
