/** A request the forwarder refuses before any AWS call: the HTTP status and a message naming the field and the rule. */
export class RequestError extends Error {
  override readonly name = 'RequestError';

  constructor(
    readonly status: 400 | 404 | 405 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Keys refused anywhere in an event or a body: they change prototypes when code copies objects around. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
