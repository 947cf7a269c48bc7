/**
 * Finds the file a request names in the built renderer, for both hosts of the UI (the
 * app:// protocol here and the browser-mode server in src/headless). Node only, no Electron.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** `file` resolved through symlinks if it is a regular file inside `root`, else null. */
async function realFileInside(root: string, file: string): Promise<string | null> {
  try {
    const real = await realpath(file);
    if (!real.startsWith(root + path.sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null; // Missing or unreadable: the caller answers 404.
  }
}

/**
 * The file that path `segments` (already checked by rendererPathSegments) name under
 * `root`, a real path; a client-side route (no extension) gets index.html; else null.
 */
export async function resolveRendererFile(
  root: string,
  segments: string[],
): Promise<string | null> {
  const file = await realFileInside(root, path.join(root, ...segments));
  if (file) return file;
  const last = segments[segments.length - 1] ?? '';
  return last.includes('.') ? null : realFileInside(root, path.join(root, 'index.html'));
}

/** The real path of the renderer folder, so containment checks compare like with like. */
export async function realRendererRoot(rendererDir: string): Promise<string> {
  return realpath(rendererDir).catch(() => path.resolve(rendererDir));
}
