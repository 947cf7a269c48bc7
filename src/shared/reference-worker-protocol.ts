/**
 * How the page asks a Web Worker for one run's reference checksum (or, for a live run, each
 * task's): the messages both sides
 * share, here so that the page need not import (and so run) the worker's script.
 */
import type { serializeError } from './errors';

/** Name a page gives a worker that only computes one reference checksum. */
export const REFERENCE_WORKER_NAME = 'corelab-reference';
export type ReferenceWorkerName = typeof REFERENCE_WORKER_NAME;

/** What a reference worker is asked, as its one message. */
export interface ReferenceRequest {
  workload: string;
  params: Record<string, number>;
  taskCount: number;
  /** Each task's checksum (a live run checks its tasks one by one), not the run's. */
  isPerTask?: boolean;
}

/** A reference worker's one answer. */
export type ReferenceReply =
  { checksum: number } | { checksums: number[] } | { error: ReturnType<typeof serializeError> };
