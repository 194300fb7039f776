/**
 * The request body of a POST or PATCH: base64 (when isBase64Encoded), strict
 * UTF-8, at most MAX_BODY_BYTES, JSON, an object, at most MAX_DEPTH levels
 * deep, and no key that touches prototypes. No AWS call.
 */
import type { HttpRequest } from './http-event';
import { FORBIDDEN_KEYS, RequestError } from './request-error';

/** SQS accepts 256 KiB per message; the forwarder keeps well below it. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_DEPTH = 16;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const JSON_TYPE = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;

function bad(rule: string, status: 400 | 413 | 415 = 400, code = 'InvalidBody'): RequestError {
  return new RequestError(status, code, `body: ${rule}`);
}

function text(request: HttpRequest): string {
  const raw = request.body ?? '';
  if (raw === '') throw bad(`required for ${request.method} (a JSON object)`);
  if (!request.isBase64Encoded) {
    if (raw.length > MAX_BODY_BYTES) throw bad(`larger than ${MAX_BODY_BYTES} bytes`, 413, 'PayloadTooLarge');
    if (LONE_SURROGATE.test(raw)) throw bad('not valid UTF-8 (lone surrogate)');
    if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw bad(`larger than ${MAX_BODY_BYTES} bytes`, 413, 'PayloadTooLarge');
    return raw;
  }
  if (raw.length > Math.ceil(MAX_BODY_BYTES / 3) * 4) throw bad(`larger than ${MAX_BODY_BYTES} bytes`, 413, 'PayloadTooLarge');
  if (!BASE64.test(raw)) throw bad('isBase64Encoded is true but the body is not valid base64');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Buffer.from(raw, 'base64'));
  } catch {
    throw bad('not valid UTF-8');
  }
}

/** Depth and forbidden keys, iteratively (no recursion on attacker-controlled depth). */
function check(root: Record<string, unknown>): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: 'body', depth: 1 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) throw bad(`nested deeper than ${MAX_DEPTH} levels (at ${path.slice(0, 80)}…)`);
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, child] of entries) {
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) throw bad(`key "${key}" is not allowed (at ${path.slice(0, 80)})`);
      stack.push({ value: child, path: `${path}.${key.slice(0, 32)}`, depth: depth + 1 });
    }
  }
}

/** The body as a JSON object, or a RequestError (400, 413, 415) naming the rule it breaks. */
export function parseJsonBody(request: HttpRequest): Record<string, unknown> {
  const type = request.headers['content-type'];
  if (type !== undefined && !JSON_TYPE.test(type)) {
    throw bad('content-type must be application/json', 415, 'UnsupportedMediaType');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text(request));
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw bad('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad('expected a JSON object');
  check(parsed as Record<string, unknown>);
  return parsed as Record<string, unknown>;
}
