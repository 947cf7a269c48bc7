/**
 * How browser mode sends the built renderer's files: compressed (brotli, else gzip) when the
 * browser accepts it, and cached for good when the name carries a content hash, since a new
 * build gives changed content a new name (index.html, which names them, is never cached).
 */
import { stat, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Text worth compressing; fonts and images are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|svg|map|txt)$/i;
/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/** Vite's asset names: assets/NAME-HASH.EXT, the hash 8 or more base64url characters. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/;
/** A year, the longest max-age caches honour. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The best encoding the browser accepts (a q=0 refuses one), brotli first. */
export function pickEncoding(acceptEncoding: string | undefined): ContentEncoding {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/.test(p));
    if (name && !refused) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

/** Cache-Control for a file of the built renderer. */
export function cacheControlFor(file: string): string {
  if (file.endsWith('.html')) return 'no-store';
  return HASHED_ASSET.test(file) ? IMMUTABLE : 'no-cache';
}

/** Compressed bodies by encoding and file, with the file version they were made from. */
const compressed = new Map<string, { version: string; body: Promise<Buffer> }>();

/**
 * The file's body in the given encoding, or as it is when compressing would not pay.
 * Each file is compressed once per version (size and mtime), off the event loop.
 */
export async function encodedFile(
  file: string,
  wanted: ContentEncoding,
): Promise<{ body: Buffer; encoding: ContentEncoding }> {
  const info = await stat(file);
  if (wanted === 'identity' || !COMPRESSIBLE.test(file) || info.size < MIN_COMPRESS_BYTES) {
    return { body: await readFile(file), encoding: 'identity' };
  }
  const key = `${wanted}:${file}`;
  const version = `${info.size}:${info.mtimeMs}`;
  let entry = compressed.get(key);
  if (entry?.version !== version) {
    // Brotli at quality 5: near gzip's speed and smaller; quality 11 would hold up a first load.
    const body = readFile(file).then((raw) =>
      wanted === 'br'
        ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : gzipAsync(raw, { level: 6 }),
    );
    entry = { version, body };
    compressed.set(key, entry);
    body.catch(() => compressed.delete(key));
  }
  return { body: await entry.body, encoding: wanted };
}
