/** io.http: each task GETs a deterministic body from the run's loopback HTTP server. */
import { fnv1a, foldTaskChecksum, mix32 } from './checksum';
import { LabError } from '../errors';
import { intParam, paramValue } from './params';
import { deterministicBytes } from './prng';
import type { WorkloadDefinition } from './types';

/** The largest body the loopback server will produce, whatever a request asks for. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024 * 1024;

const BYTES = intParam(
  'bytes',
  'Response size',
  { min: 0, max: MAX_HTTP_BODY_BYTES, default: 64 * 1024 },
  'bytes',
);

/**
 * The body the loopback server sends for task `taskIndex`: shared so the reference can
 * compute the expected checksum without any I/O.
 */
export function httpBody(taskIndex: number, bytes: number): Uint8Array {
  return deterministicBytes(mix32(taskIndex ^ 0x4777d000), bytes);
}

/** The longest the loopback server will hold a response back, whatever a request asks for. */
export const MAX_HTTP_LATENCY_MS = 60_000;

const LATENCY_MS = intParam(
  'latencyMs',
  'Server latency per request',
  { min: 0, max: MAX_HTTP_LATENCY_MS, default: 20 },
  'ms',
);

/**
 * The path task `taskIndex` requests. The server holds each response back `latencyMs`,
 * standing in for a remote service: loopback alone answers too fast to show waiting.
 */
export function httpPath(taskIndex: number, bytes: number, latencyMs: number): string {
  return `/data/${taskIndex}?bytes=${bytes}&latencyMs=${latencyMs}`;
}

/** io.http: each task's checksum is the FNV-1a hash of the body it received. */
export const httpWorkload: WorkloadDefinition = {
  id: 'io.http',
  label: 'HTTP requests',
  kind: 'io',
  description:
    "GETs a response body from the run's loopback HTTP server, which answers after a set latency, and hashes it.",
  params: [BYTES, LATENCY_MS],
  defaultTasks: 200,
  sizing: { by: 'tasks' },
  needs: ['http'],
  async runTask(params, taskIndex, _taskCount, env) {
    if (!env.httpGet) {
      throw new LabError(
        'unavailable',
        "io.http needs the run's loopback HTTP server, which this host does not provide",
      );
    }
    const path = httpPath(taskIndex, paramValue(params, BYTES), paramValue(params, LATENCY_MS));
    return fnv1a(await env.httpGet(path));
  },
  reference(params, taskCount) {
    const bytes = paramValue(params, BYTES);
    let acc = 0;
    for (let i = 0; i < taskCount; i++) acc = foldTaskChecksum(acc, i, fnv1a(httpBody(i, bytes)));
    return acc;
  },
};
