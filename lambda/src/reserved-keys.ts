/**
 * Keys that JavaScript objects treat specially. `JSON.parse` keeps a
 * "__proto__" key as data, but schema libraries (zod among them) skip it and
 * plain assignment replaces the prototype instead, so the key would vanish
 * without an error. The runtime and the shipped functions therefore look for
 * these keys before validating any parsed JSON, and reject them by name.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const RESERVED_KEYS_RULE = '__proto__, constructor and prototype are not accepted as keys';

/** The path to the first reserved key anywhere in a parsed JSON value (the key last), or undefined. */
export function findReservedKey(value: unknown, path: readonly string[] = []): string[] | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findReservedKey(item, [...path, `[${index}]`]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) return [...path, key];
      const found = findReservedKey((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** "a.b[0].c" for messages. */
export function formatKeyPath(path: readonly string[], root: string): string {
  return path.length === 0 ? root : path.map((p, i) => (p.startsWith('[') || i === 0 ? p : `.${p}`)).join('');
}
