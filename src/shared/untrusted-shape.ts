/**
 * A first look at an untrusted message, before any schema: anything nested deeper than a
 * LabApi request can be, or carrying a prototype-pollution key anywhere, is refused whole.
 * A schema alone would silently drop such keys from an otherwise valid object and go on
 * (issue 7, "Hostile input").
 */

/** Keys that pollute a prototype wherever code merges or assigns by them. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
/** Deepest nesting a request may have; the deepest real one (a snapshot) is under 10. */
export const MAX_MESSAGE_DEPTH = 32;

/** An object or array still to look at, and how it was reached (for the message). */
interface Pending {
  value: object;
  depth: number;
  parent: Pending | null;
  key: string | number;
}

/** Where a value sits, e.g. "message.args[0].params"; built only for the message. */
function pathOf(entry: Pending): string {
  const parts: string[] = [];
  for (let at: Pending | null = entry; at; at = at.parent) {
    if (typeof at.key === 'number') parts.push(`[${at.key}]`);
    else
      parts.push(
        at.parent ? `.${at.key.length > 64 ? `${at.key.slice(0, 64)}…` : at.key}` : at.key,
      );
  }
  return parts.reverse().join('');
}

/**
 * Why `message` is refused before validation, naming where, or null when its shape is
 * fine. Walks with its own stack, so a deeply nested message cannot overflow the caller's;
 * each object and array is visited once, as JSON.parse already did.
 */
export function untrustedShapeProblem(message: unknown, root = 'message'): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const stack: Pending[] = [{ value: message, depth: 0, parent: null, key: root }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.depth >= MAX_MESSAGE_DEPTH) {
      return `${root} is nested more than ${MAX_MESSAGE_DEPTH} levels deep (at ${pathOf(entry)})`;
    }
    const push = (child: unknown, key: string | number): void => {
      if (typeof child !== 'object' || child === null) return;
      stack.push({ value: child, depth: entry.depth + 1, parent: entry, key });
    };
    if (Array.isArray(entry.value)) {
      entry.value.forEach((child: unknown, index) => push(child, index));
      continue;
    }
    for (const key of Object.keys(entry.value)) {
      if (FORBIDDEN_KEYS.includes(key)) {
        return `${pathOf(entry)} has the key "${key}", which is never allowed`;
      }
      push((entry.value as Record<string, unknown>)[key], key);
    }
  }
  return null;
}
