/**
 * The function URL / API Gateway HTTP API (payload 2.0) event, checked and
 * reduced to what the forwarder uses. Everything here is plain validation:
 * no AWS call, and every refusal names the field and the rule.
 */
import { FORBIDDEN_KEYS, RequestError } from './request-error';

export const METHODS = ['GET', 'POST', 'PATCH'] as const;
export type Method = (typeof METHODS)[number];

export interface HttpRequest {
  method: Method;
  /** rawPath, e.g. /items/42 */
  path: string;
  /** requestContext.requestId (function URL: a UUID; HTTP API: a short id) */
  requestId: string;
  /** header names lower-cased */
  headers: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  body?: string;
  isBase64Encoded: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9=_-]{1,128}$/;
const MAX_PATH = 1024;
const MAX_HEADERS = 100;
const MAX_QUERY = 20;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(field: string, rule: string): RequestError {
  return new RequestError(400, 'InvalidRequest', `${field}: ${rule}`);
}

/** A map of string values (headers, query string) with at most `max` entries and no forbidden key. */
function stringMap(value: unknown, field: string, max: number, lowerCase: boolean): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw bad(field, 'expected an object of strings');
  const entries = Object.entries(value);
  if (entries.length > max) throw bad(field, `at most ${max} entries`);
  const out = new Map<string, string>();
  for (const [key, v] of entries) {
    if (FORBIDDEN_KEYS.has(key)) throw bad(field, `key "${key}" is not allowed`);
    if (typeof v !== 'string') throw bad(`${field}.${key}`, 'expected a string');
    out.set(lowerCase ? key.toLowerCase() : key, v);
  }
  return Object.fromEntries(out);
}

function forbiddenKeys(value: Json, field: string): void {
  for (const key of Object.keys(value)) if (FORBIDDEN_KEYS.has(key)) throw bad(field, `key "${key}" is not allowed`);
}

/** The request, or a RequestError (400, 405) naming what is wrong with the event. */
export function parseHttpEvent(event: unknown): HttpRequest {
  if (!isObject(event)) throw bad('event', 'expected a function URL / HTTP API v2 event object');
  forbiddenKeys(event, 'event');
  if (event.version !== '2.0') throw bad('version', 'expected "2.0" (function URL or HTTP API payload format 2.0)');
  const context = event.requestContext;
  if (!isObject(context)) throw bad('requestContext', 'expected an object');
  forbiddenKeys(context, 'requestContext');
  const http = context.http;
  if (!isObject(http)) throw bad('requestContext.http', 'expected an object');
  if (typeof context.requestId !== 'string' || !REQUEST_ID.test(context.requestId)) {
    throw bad('requestContext.requestId', 'expected 1-128 letters, digits, =, _ or -');
  }
  const { rawPath, body, isBase64Encoded } = event;
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/') || rawPath.length > MAX_PATH) {
    throw bad('rawPath', `expected a path starting with "/", at most ${MAX_PATH} characters`);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') throw bad('body', 'expected a string');
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== 'boolean') throw bad('isBase64Encoded', 'expected true or false');
  const method = typeof http.method === 'string' ? http.method.toUpperCase() : undefined;
  if (method === undefined) throw bad('requestContext.http.method', 'expected a string');
  if (!(METHODS as readonly string[]).includes(method)) {
    throw new RequestError(405, 'MethodNotAllowed', `method: ${method.slice(0, 16)} is not allowed (${METHODS.join(', ')})`);
  }
  return {
    method: method as Method,
    path: rawPath,
    requestId: context.requestId,
    headers: stringMap(event.headers, 'headers', MAX_HEADERS, true),
    query: stringMap(event.queryStringParameters, 'queryStringParameters', MAX_QUERY, false),
    body: typeof body === 'string' ? body : undefined,
    isBase64Encoded: isBase64Encoded === true,
  };
}
