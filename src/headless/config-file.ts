/** `--config FILE`: a command's configuration as a JSON file, checked by its contract schema. */
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import { errorMessage, invalidArgument, LabError } from '../shared/errors';
import { formatBytes } from '../shared/format';
import { describeFirstIssue } from '../shared/schema-issues';

/** Far above any real config: it only keeps a wrong file (a snapshot, a log) from being read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads and checks a config file. Throws 'invalid-argument' naming the file, then the field
 * and the rule in the words the UI's refusals use ("run.json: worker: unknown key; …").
 */
export async function readConfigFile<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<z.output<S>> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_CONFIG_BYTES) {
      throw invalidArgument(file, `is ${formatBytes(size)}, more than a config file may be`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof LabError) throw error;
    // A Node file error (ENOENT, EISDIR, EACCES) carries its code.
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw invalidArgument(file, `cannot be read: ${errorMessage(error)}`);
    }
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LabError('invalid-argument', `${file}: is not valid JSON (${errorMessage(error)})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new LabError('invalid-argument', `${file}: ${describeFirstIssue(parsed.error)}`);
  }
  return parsed.data;
}
