/** Zod issues as the one sentence a user reads: the field's path and the rule it broke. */
import { z } from 'zod';
import { fieldPath, unknownKeyRule } from './field-words';

/**
 * The field an issue is about. Zod files an unknown key's issue under the object holding it,
 * so the (first) key is added: the message then names "models[0].worker", not "models[0]".
 */
export function issuePath(issue: z.core.$ZodIssue): PropertyKey[] {
  return issue.code === 'unrecognized_keys' && issue.keys.length > 0
    ? [...issue.path, issue.keys[0]!]
    : issue.path;
}

/** "field: rule" for one issue, its path below `root`; the whole document is "(document)". */
export function describeIssue(issue: z.core.$ZodIssue, root: readonly PropertyKey[] = []): string {
  const path = [...root, ...issuePath(issue)];
  return `${path.length > 0 ? fieldPath(path) : '(document)'}: ${issue.message}`;
}

/**
 * The issue to tell a user about: an unknown key if there is one, since a misspelt key also
 * leaves the real one missing ("worker" for "workers") and its name is the better clue.
 */
export function leadingIssue(error: z.ZodError): z.core.$ZodIssue | undefined {
  return error.issues.find((issue) => issue.code === 'unrecognized_keys') ?? error.issues[0];
}

/** "field: rule" for the leading issue of a failed parse. */
export function describeFirstIssue(error: z.ZodError, root: readonly PropertyKey[] = []): string {
  const issue = leadingIssue(error);
  return issue ? describeIssue(issue, root) : `${fieldPath(root) || '(document)'}: is invalid`;
}

/** An unknown key's message from zod, listing the keys its object knows. */
function unknownKeyMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const known = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
  return unknownKeyRule(known, issue.keys.slice(1));
}

/**
 * An object that refuses keys it does not know, for what comes into the engine across a
 * boundary (a request, a config, a file to import): a misspelt key ("worker" for "workers")
 * must fail with its name, not be dropped so that the run differs from the one asked for.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(
  shape: T,
): z.ZodObject<T, z.core.$strict> {
  return z.strictObject(shape, { error: unknownKeyMessage });
}
