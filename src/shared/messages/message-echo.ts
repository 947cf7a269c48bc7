/**
 * The message explorer's worker side, for Node threads and processes: it answers each payload
 * with its checksum and the payload itself (a round trip carries the bytes both ways), or,
 * for a SharedArrayBuffer, waits on an Atomics handshake and reads the shared bytes in place.
 */

/** A payload: bytes, or text where the channel serialises as JSON. */
export type EchoPayload = Uint8Array | string;

/** Parent → worker. */
export type EchoRequest =
  | { type: 'echo'; seq: number; payload: EchoPayload; isTransfer: boolean }
  /** Serve round trips on `data` until the parent writes STOP_SEQ; `control` is SHARED_CONTROL_INTS int32s. */
  | { type: 'share'; data: SharedArrayBuffer; control: SharedArrayBuffer };

/** Worker → parent. */
export type EchoReply =
  | { type: 'ready' }
  | { type: 'echo'; seq: number; checksum: number; payload: EchoPayload }
  | { type: 'share-done' };

/** Slots of the shared handshake: the parent's request number, the reply number, the checksum. */
export const SHARED_SLOT = { request: 0, reply: 1, checksum: 2 } as const;
export const SHARED_CONTROL_INTS = 3;
/** Written as the request number, it ends the worker's handshake loop. */
export const STOP_SEQ = -1;

/** One byte per 4 KiB page (and the last byte) proves the payload arrived without reading it all. */
const CHECKSUM_STRIDE = 4096;

/**
 * The sum of the payload's bytes (a string's char codes) at every CHECKSUM_STRIDE-th index and
 * the last. src/python/corelab/messages.py computes the same.
 */
export function payloadChecksum(payload: EchoPayload): number {
  const length = payload.length;
  if (length === 0) return 0;
  const at =
    typeof payload === 'string' ? (i: number) => payload.charCodeAt(i) : (i: number) => payload[i]!;
  let sum = 0;
  for (let i = 0; i < length; i += CHECKSUM_STRIDE) sum += at(i);
  return sum + at(length - 1);
}

/** A payload of `bytes` bytes with a fixed pattern (text of as many ASCII letters for JSON). */
export function makePayload(bytes: number, isText: boolean): EchoPayload {
  if (isText) return 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(bytes / 26)).slice(0, bytes);
  const payload = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) payload[i] = (i * 7) & 255;
  return payload;
}

/** True for the messages a parent sends. */
export function isEchoRequest(message: unknown): message is EchoRequest {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'echo' || type === 'share';
}

/** True for the messages a worker sends back. */
export function isEchoReply(message: unknown): message is EchoReply {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'echo' || type === 'share-done';
}

/** How a host sends to its parent; `transfer` moves buffers instead of copying them. */
export type EchoPost = (reply: EchoReply, transfer?: ArrayBuffer[]) => void;

/**
 * Answers one request. A 'share' request blocks this thread in Atomics.wait between round
 * trips, which is the point: the wake-up is the whole cost of a shared round trip.
 */
export function answerEcho(request: EchoRequest, post: EchoPost): void {
  if (request.type === 'echo') {
    const { seq, payload, isTransfer } = request;
    const checksum = payloadChecksum(payload);
    const transfer =
      isTransfer && typeof payload !== 'string' ? [payload.buffer as ArrayBuffer] : [];
    post({ type: 'echo', seq, checksum, payload }, transfer);
    return;
  }
  const data = new Uint8Array(request.data);
  const control = new Int32Array(request.control);
  // A fresh control block starts at 0; the parent may already have written request 1 by the
  // time this message is read, so reading the slot here could skip that request and hang.
  let last = 0;
  for (;;) {
    Atomics.wait(control, SHARED_SLOT.request, last);
    const seq = Atomics.load(control, SHARED_SLOT.request);
    if (seq === STOP_SEQ) break;
    last = seq;
    Atomics.store(control, SHARED_SLOT.checksum, payloadChecksum(data));
    Atomics.store(control, SHARED_SLOT.reply, seq);
    Atomics.notify(control, SHARED_SLOT.reply);
  }
  post({ type: 'share-done' });
}
