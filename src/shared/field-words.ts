/**
 * How a refusal names a field and an unknown key, in words the CLI and the UI share. No zod
 * here: the workload registry uses these, and every worker host loads that registry (zod
 * would add ~150 ms to each worker's start).
 */

/** Formats a path as a field name: ['results', 0, 'model'] → "results[0].model". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/**
 * The rule an unknown key broke, in the one wording every refusal uses: "unknown key; expected
 * one of model, workers". `others` are further unknown keys of the same object.
 */
export function unknownKeyRule(
  known: readonly string[],
  others: readonly PropertyKey[] = [],
  whose?: string,
): string {
  // A hostile request may hold thousands of keys: a few are named, the rest counted.
  const named = others.slice(0, 3).map((key) => `"${String(key)}"`);
  if (others.length > named.length) named.push(`${others.length - named.length} more`);
  const also = named.length > 0 ? ` (so are ${named.join(', ')})` : '';
  const expected =
    known.length > 0
      ? `expected one of ${known.join(', ')}${whose ? ` (the ${whose})` : ''}`
      : `there are no ${whose ?? 'keys here'}`;
  return `unknown key${also}; ${expected}`;
}
