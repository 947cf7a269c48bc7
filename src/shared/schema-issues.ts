/** Zod issues as the one sentence a user reads: the field's path and the rule it broke. */
import type { z } from 'zod';

/** Formats a zod issue path as a field name: ['results', 0, 'model'] → "results[0].model". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** "field: rule" for the first issue of a failed parse; the whole document is "(document)". */
export function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '(document): is invalid';
  const field = issue.path.length > 0 ? fieldPath(issue.path) : '(document)';
  return `${field}: ${issue.message}`;
}
