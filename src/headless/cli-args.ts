/** Flag parsing for the CLI: strict, with usage errors that exit with code 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the CLI was called: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv against the options; unknown flags and stray arguments are usage errors. */
export function parseFlags<T extends Options>(
  argv: string[],
  options: T,
  allowPositionals = false,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads a flag as a number in [min, max] (an integer if asked), naming the flag and range. */
function rangedFlag(
  values: Record<string, unknown>,
  name: string,
  range: { min: number; max: number },
  isInteger: boolean,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const isWellFormed =
    typeof raw === 'string' &&
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (!isInteger || /^-?\d+$/.test(raw.trim()));
  if (!isWellFormed || value < range.min || value > range.max) {
    const kind = isInteger ? 'an integer' : 'a number';
    throw new UsageError(`--${name} must be ${kind} between ${range.min} and ${range.max}`);
  }
  return value;
}

/** Reads a flag as an integer in [min, max]. */
export function intFlag(
  values: Record<string, unknown>,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  return rangedFlag(values, name, range, true);
}

/** Reads a flag as a number in [min, max]. */
export function numberFlag(
  values: Record<string, unknown>,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  return rangedFlag(values, name, range, false);
}

/** Reads a required string flag. */
export function requiredFlag(values: Record<string, unknown>, name: string): string {
  const raw = values[name];
  if (typeof raw !== 'string' || raw === '') throw new UsageError(`--${name} is required`);
  return raw;
}

/** Parses `--param name=value` pairs into workload params. */
export function paramFlags(raw: unknown): Record<string, number> {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const params: Record<string, number> = {};
  for (const item of list) {
    const match = /^([A-Za-z][\w]*)=(-?[\d.]+(?:e\d+)?)$/.exec(String(item));
    if (!match) throw new UsageError(`--param must look like name=number, got "${String(item)}"`);
    params[match[1]!] = Number(match[2]);
  }
  return params;
}
