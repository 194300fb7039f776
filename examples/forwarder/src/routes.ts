/**
 * Which job a valid request asks for. Routes:
 *   GET   /items/{id}                 → DynamoDB GetItem by key
 *   GET   /items?<indexKey>=v[&limit] → DynamoDB Query on the GSI
 *   POST  /items                      → SQS SendMessage
 *   PATCH /items/{id}                 → SQS SendMessage
 * No AWS call; a refusal names the rule (404 unknown path, 405 method, 400 otherwise).
 */
import type { HttpRequest } from './http-event';
import { parseJsonBody } from './json-body';
import { RequestError } from './request-error';

export type Action =
  | { kind: 'get'; id: string }
  | { kind: 'query'; value: string; limit?: number }
  | { kind: 'send'; id?: string; body: Record<string, unknown>; idempotencyKey?: string };

export interface RouteOptions {
  /** the GSI's partition key attribute: the query string parameter of GET /items */
  indexKey: string;
  /** largest `limit` accepted */
  maxLimit: number;
}

const ITEM_ID = /^[A-Za-z0-9_.:@+=,-]{1,128}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_VALUE = 256;
export const ROUTES = 'GET /items/{id}, GET /items?<index key>=…, POST /items, PATCH /items/{id}';

function bad(field: string, rule: string): RequestError {
  return new RequestError(400, 'InvalidRequest', `${field}: ${rule}`);
}

function itemId(raw: string): string {
  if (!ITEM_ID.test(raw) || raw.includes('..')) throw bad('path', 'item id must be 1-128 letters, digits or _.:@+=,- (no "..")');
  return raw;
}

function noQuery(request: HttpRequest): void {
  const [first] = Object.keys(request.query);
  if (first !== undefined) throw bad('queryStringParameters', `${request.method} ${request.path.startsWith('/items/') ? '/items/{id}' : '/items'} takes no query parameter (got "${first.slice(0, 32)}")`);
}

function queryAction(request: HttpRequest, opts: RouteOptions): Action {
  for (const key of Object.keys(request.query)) {
    if (key !== opts.indexKey && key !== 'limit') throw bad('queryStringParameters', `unknown parameter "${key.slice(0, 32)}" (allowed: ${opts.indexKey}, limit)`);
  }
  const value = request.query[opts.indexKey];
  if (value === undefined || value === '' || value.length > MAX_VALUE) throw bad(`queryStringParameters.${opts.indexKey}`, `required for GET /items, 1-${MAX_VALUE} characters`);
  const rawLimit = request.query.limit;
  if (rawLimit === undefined) return { kind: 'query', value };
  const limit = /^[0-9]{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= opts.maxLimit)) throw bad('queryStringParameters.limit', `a whole number from 1 to ${opts.maxLimit}`);
  return { kind: 'query', value, limit };
}

function sendAction(request: HttpRequest, id?: string): Action {
  noQuery(request);
  const key = request.headers['idempotency-key'];
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw bad('headers.idempotency-key', '1-128 letters, digits, _ or -');
  return { kind: 'send', id, body: parseJsonBody(request), ...(key !== undefined ? { idempotencyKey: key } : {}) };
}

/** The action, or a RequestError naming the problem. */
export function route(request: HttpRequest, opts: RouteOptions): Action {
  const { method, path } = request;
  const notAllowed = (allowed: string) => new RequestError(405, 'MethodNotAllowed', `method: ${method} is not allowed on ${path.slice(0, 64)} (${allowed})`);
  if (path === '/items') {
    if (method === 'GET') return queryAction(request, opts);
    if (method === 'POST') return sendAction(request);
    throw notAllowed('GET, POST');
  }
  const match = /^\/items\/([^/]+)$/.exec(path);
  if (match?.[1] !== undefined) {
    const id = itemId(match[1]);
    if (method === 'GET') {
      noQuery(request);
      if (request.body) throw bad('body', 'GET takes no body');
      return { kind: 'get', id };
    }
    if (method === 'PATCH') return sendAction(request, id);
    throw notAllowed('GET, PATCH');
  }
  throw new RequestError(404, 'NotFound', `path: no route for ${method} ${path.slice(0, 64)} (routes: ${ROUTES})`);
}
