/**
 * Reads a file that may be hostile: only a regular file, and never more than a bound,
 * whatever size it reports. `/dev/zero` reports 0 and never ends, a FIFO blocks on open
 * until a writer comes, a /proc file reports 0 and has text (issue 14).
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import { LabError, tooLargeForSnapshotError } from '../../shared/errors';

const CHUNK_BYTES = 1024 * 1024;

/** The UTF-8 text of a regular file of at most `maxBytes` (see readRegularFileBytes). */
export async function readRegularFile(
  file: string,
  maxBytes: number,
  label: string,
): Promise<string> {
  return (await readRegularFileBytes(file, maxBytes, label)).toString('utf8');
}

/**
 * The bytes of `file` if it is a regular file of at most `maxBytes`; 'invalid-argument'
 * naming `label` otherwise. Errors of the file system (ENOENT, EACCES) are thrown as they are.
 */
export async function readRegularFileBytes(
  file: string,
  maxBytes: number,
  label: string,
): Promise<Buffer> {
  // Non-blocking: opening a FIFO must not wait for a writer that never comes.
  const handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new LabError('invalid-argument', `${label}: is not a regular file`);
    if (stat.size > maxBytes) throw tooLargeForSnapshotError(label, stat.size, maxBytes);
    // The reported size is a hint only: read until the end, but never past the bound.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLargeForSnapshotError(label, null, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
