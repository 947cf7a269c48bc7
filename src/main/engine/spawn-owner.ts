/**
 * The one owner of every thread and process an engine's runs start (reference checksums,
 * pool workers, Python interpreters), so that closing the engine ends all of them, whoever
 * started them and whether or not their run still waits for them (issue 14, item 1).
 */
import type { SpawnedHandle } from './node-spawn';

/** How long close() waits for killed threads and processes to be gone. */
const CLOSE_WAIT_MS = 1000;

export interface SpawnOwner {
  /**
   * Records something live that `kill` ends; call the returned function once it has exited.
   * After close() it is killed at once: nothing outlives the engine.
   */
  hold(kill: () => void): () => void;
  /** `handle`, held from now until its exit. */
  adopt<Out, In>(handle: SpawnedHandle<Out, In>): SpawnedHandle<Out, In>;
  /** How many are live now. */
  readonly liveCount: number;
  /** Kills everything held and waits (up to a second) for all of it to exit. */
  close(): Promise<void>;
}

/** Creates an engine's owner. */
export function createSpawnOwner(): SpawnOwner {
  const live = new Map<symbol, () => void>();
  let isClosed = false;
  let onEmpty: (() => void) | null = null;

  const hold = (kill: () => void): (() => void) => {
    const id = Symbol('held');
    live.set(id, kill);
    if (isClosed) kill();
    return () => {
      live.delete(id);
      if (live.size === 0) onEmpty?.();
    };
  };

  return {
    hold,
    adopt(handle) {
      const release = hold(() => handle.kill());
      let listener: Parameters<typeof handle.onExit>[0] | null = null;
      let exited: Parameters<Parameters<typeof handle.onExit>[0]>[0] | null = null;
      // The handle keeps one exit listener; ours releases it and passes the exit on.
      handle.onExit((exit) => {
        release();
        exited = exit;
        listener?.(exit);
      });
      return {
        post: (message, transfer) => handle.post(message, transfer),
        onMessage: (next) => handle.onMessage(next),
        onExit: (next) => {
          listener = next;
          if (exited) next(exited);
        },
        kill: () => handle.kill(),
      };
    },
    get liveCount() {
      return live.size;
    },
    async close() {
      isClosed = true;
      if (live.size === 0) return;
      const empty = new Promise<void>((resolve) => (onEmpty = resolve));
      for (const kill of [...live.values()]) kill();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
      await Promise.race([empty, late]);
      clearTimeout(timer);
    },
  };
}
