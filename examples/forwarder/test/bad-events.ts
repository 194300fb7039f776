/**
 * Issue 17's bad-input corpus for the forwarder's function URL / HTTP API v2
 * events: each must get the 4xx given here, make 0 AWS calls, and leave the
 * process serving. Used by forwarder.unit.test.ts (counting calls) and
 * forwarder.test.ts (the real bundle on the stack, counted in its request
 * log); BAD_EVENT_COUNT is what the reliability document reports.
 */
import { urlEvent } from './deploy';

export interface BadEvent {
  name: string;
  event: unknown;
  status: 400 | 404 | 405 | 413 | 415;
}

type UrlEvent = ReturnType<typeof urlEvent>;

const base = (): UrlEvent => urlEvent('POST', '/items', { body: '{"order":"o-1"}', requestId: 'bad-event-request' });
const get = (path: string, query?: Record<string, string>): UrlEvent => urlEvent('GET', path, { query, requestId: 'bad-event-request' });
const post = (body: string, extra: { base64?: boolean; headers?: Record<string, string> } = {}): UrlEvent =>
  urlEvent('POST', '/items', { body, requestId: 'bad-event-request', ...extra });
const edit = (change: (e: Record<string, unknown>) => void): unknown => {
  const e = JSON.parse(JSON.stringify(base())) as Record<string, unknown>;
  change(e);
  return e;
};
const context = (e: Record<string, unknown>) => e.requestContext as Record<string, unknown>;
const http = (e: Record<string, unknown>) => context(e).http as Record<string, unknown>;
/** JSON text with a key the object literal syntax would turn into a prototype change */
const withKey = (key: string, json = '{"order":"o-1","KEY":{"admin":true}}') => json.replace('KEY', key);
/** base() with `text` added after `after` in its JSON (JSON.parse keeps __proto__ and constructor as own keys) */
const inject = (after: string, text: string): unknown => JSON.parse(JSON.stringify(base()).replace(after, `${after}${text}`));
const nested = (depth: number, open = '{"a":', close = '}') => `${open.repeat(depth)}1${close.repeat(depth)}`;
const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

export const BAD_EVENTS: readonly BadEvent[] = [
  // wrong event shapes
  { name: 'null event', event: null, status: 400 },
  { name: 'number event', event: 42, status: 400 },
  { name: 'string event', event: 'GET /items/1', status: 400 },
  { name: 'array event', event: [base()], status: 400 },
  { name: 'boolean event', event: true, status: 400 },
  { name: 'empty object', event: {}, status: 400 },
  { name: 'Kinesis event', event: { Records: [{ eventSource: 'aws:kinesis', kinesis: { data: 'e30=' } }] }, status: 400 },
  { name: 'SQS event', event: { Records: [{ eventSource: 'aws:sqs', body: '{}' }] }, status: 400 },
  { name: 'API Gateway REST (v1) event', event: { version: '1.0', httpMethod: 'GET', path: '/items/1', requestContext: { requestId: 'x' } }, status: 400 },
  { name: 'direct-invoke Pinpoint event', event: { operation: 'getEndpoint', endpointId: 'user-1' }, status: 400 },
  { name: 'version 2 as a number', event: edit((e) => (e.version = 2)), status: 400 },
  { name: 'version 1.0', event: edit((e) => (e.version = '1.0')), status: 400 },
  { name: 'no requestContext', event: edit((e) => delete e.requestContext), status: 400 },
  { name: 'requestContext a string', event: edit((e) => (e.requestContext = 'ctx')), status: 400 },
  { name: 'no requestContext.http', event: edit((e) => delete context(e).http), status: 400 },
  { name: 'http.method a number', event: edit((e) => (http(e).method = 1)), status: 400 },
  { name: 'no http.method', event: edit((e) => delete http(e).method), status: 400 },
  { name: 'no requestId', event: edit((e) => delete context(e).requestId), status: 400 },
  { name: 'requestId with spaces', event: edit((e) => (context(e).requestId = 'a b')), status: 400 },
  { name: 'requestId of 129 characters', event: edit((e) => (context(e).requestId = 'r'.repeat(129))), status: 400 },
  { name: 'no rawPath', event: edit((e) => delete e.rawPath), status: 400 },
  { name: 'rawPath without a leading slash', event: edit((e) => (e.rawPath = 'items')), status: 400 },
  { name: 'rawPath of 1025 characters', event: edit((e) => (e.rawPath = `/${'p'.repeat(1024)}`)), status: 400 },
  { name: 'body a number', event: edit((e) => (e.body = 12)), status: 400 },
  { name: 'body an object', event: edit((e) => (e.body = { order: 'o-1' })), status: 400 },
  { name: 'isBase64Encoded a string', event: edit((e) => (e.isBase64Encoded = 'true')), status: 400 },
  { name: 'headers an array', event: edit((e) => (e.headers = ['content-type'])), status: 400 },
  { name: 'header value a number', event: edit((e) => (e.headers = { 'content-length': 12 })), status: 400 },
  { name: 'query value an array', event: edit((e) => (e.queryStringParameters = { status: ['a', 'b'] })), status: 400 },
  { name: '101 headers', event: edit((e) => (e.headers = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`x-h${i}`, 'v'])))), status: 400 },
  // prototype-pollution keys, in the event and in the body
  { name: 'event key __proto__', event: inject('{', '"__proto__":{"polluted":true},'), status: 400 },
  { name: 'requestContext key constructor', event: inject('"requestContext":{', '"constructor":{"prototype":{"polluted":true}},'), status: 400 },
  { name: 'header __proto__', event: inject('"headers":{', '"__proto__":"x",'), status: 400 },
  { name: 'query parameter prototype', event: edit((e) => (e.queryStringParameters = { prototype: 'x' })), status: 400 },
  { name: 'body key __proto__', event: post(withKey('__proto__')), status: 400 },
  { name: 'body key constructor', event: post(withKey('constructor')), status: 400 },
  { name: 'body key prototype', event: post(withKey('prototype')), status: 400 },
  { name: 'body nested constructor.prototype', event: post('{"a":{"b":{"constructor":{"prototype":{"admin":true}}}}}'), status: 400 },
  { name: 'body __proto__ inside an array', event: post('{"list":[{"ok":1},{"__proto__":{"admin":true}}]}'), status: 400 },
  { name: 'base64 body with __proto__', event: post(Buffer.from('{"__proto__":{"admin":true}}').toString('base64'), { base64: true }), status: 400 },
  // methods
  { name: 'DELETE', event: urlEvent('DELETE', '/items/1'), status: 405 },
  { name: 'PUT', event: urlEvent('PUT', '/items/1', { body: '{}' }), status: 405 },
  { name: 'HEAD', event: urlEvent('HEAD', '/items/1'), status: 405 },
  { name: 'OPTIONS', event: urlEvent('OPTIONS', '/items'), status: 405 },
  { name: 'method with a shell suffix', event: urlEvent('GET;rm', '/items/1'), status: 405 },
  { name: 'POST on an item', event: urlEvent('POST', '/items/1', { body: '{}' }), status: 405 },
  { name: 'PATCH on the collection', event: urlEvent('PATCH', '/items', { body: '{}' }), status: 405 },
  // paths and query strings
  { name: 'root path', event: get('/'), status: 404 },
  { name: 'other path', event: get('/admin'), status: 404 },
  { name: 'trailing slash', event: get('/items/'), status: 404 },
  { name: 'nested item path', event: get('/items/a/b'), status: 404 },
  { name: 'item id ..', event: get('/items/..'), status: 400 },
  { name: 'item id with ..', event: get('/items/a..b'), status: 400 },
  { name: 'item id percent-encoded', event: get('/items/%2e%2e'), status: 400 },
  { name: 'item id of 129 characters', event: get(`/items/${'i'.repeat(129)}`), status: 400 },
  { name: 'item id with a space', event: get('/items/a b'), status: 400 },
  { name: 'GET /items without the index key', event: get('/items'), status: 400 },
  { name: 'GET /items with an empty index key', event: get('/items', { status: '' }), status: 400 },
  { name: 'GET /items with an index key of 257 characters', event: get('/items', { status: 's'.repeat(257) }), status: 400 },
  { name: 'limit 0', event: get('/items', { status: 'open', limit: '0' }), status: 400 },
  { name: 'limit 101', event: get('/items', { status: 'open', limit: '101' }), status: 400 },
  { name: 'limit not a number', event: get('/items', { status: 'open', limit: '1e2' }), status: 400 },
  { name: 'unknown query parameter', event: get('/items', { status: 'open', filter: 'x' }), status: 400 },
  { name: 'query parameter on an item', event: get('/items/1', { status: 'open' }), status: 400 },
  { name: 'GET with a body', event: urlEvent('GET', '/items/1', { body: '{}' }), status: 400 },
  // bodies
  { name: 'POST without a body', event: urlEvent('POST', '/items'), status: 400 },
  { name: 'POST with an empty body', event: post(''), status: 400 },
  { name: 'body not JSON', event: post('{"order":'), status: 400 },
  { name: 'body a JSON array', event: post('[1,2]'), status: 400 },
  { name: 'body a JSON string', event: post('"order"'), status: 400 },
  { name: 'body JSON null', event: post('null'), status: 400 },
  { name: 'body of 65537 bytes', event: post(`{"a":"${'x'.repeat(65537 - 8)}"}`), status: 413 },
  { name: 'body of 65537 bytes in multi-byte characters', event: post(`{"a":"${'é'.repeat(32766)}"}`), status: 413 },
  { name: 'base64 body over the limit', event: post(Buffer.alloc(70_000, 0x20).toString('base64'), { base64: true }), status: 413 },
  { name: 'invalid base64 character', event: post('eyJhIjox!Q==', { base64: true }), status: 400 },
  { name: 'base64 with bad padding', event: post('eyJhIjoxfQ=', { base64: true }), status: 400 },
  { name: 'base64 with whitespace', event: post('eyJh Ijox fQ==', { base64: true }), status: 400 },
  { name: 'non-UTF-8 bytes (0xff 0xfe)', event: post(b64([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { base64: true }), status: 400 },
  { name: 'overlong UTF-8 encoding of "/"', event: post(b64([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), { base64: true }), status: 400 },
  { name: 'UTF-8 encoded surrogate', event: post(b64([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), { base64: true }), status: 400 },
  { name: 'lone surrogate in a text body', event: post('{"a":"\ud800"}'), status: 400 },
  { name: 'JSON nested 17 objects deep', event: post(nested(17)), status: 400 },
  { name: 'JSON nested 10,000 arrays deep', event: post(nested(10_000, '[', ']').replace(/^/, '{"a":').concat('}')), status: 400 },
  { name: 'JSON nested 5,000 objects deep', event: post(nested(5_000)), status: 400 },
  { name: 'content-type text/plain', event: post('{"a":1}', { headers: { 'content-type': 'text/plain' } }), status: 415 },
  { name: 'content-type application/xml', event: post('{"a":1}', { headers: { 'content-type': 'application/xml' } }), status: 415 },
  { name: 'content-type json with latin1 charset', event: post('{"a":1}', { headers: { 'content-type': 'application/json; charset=latin1' } }), status: 415 },
  { name: 'invalid Idempotency-Key', event: post('{"a":1}', { headers: { 'idempotency-key': 'a b/c' } }), status: 400 },
  { name: 'PATCH with a body that is not JSON', event: urlEvent('PATCH', '/items/1', { body: 'order=1' }), status: 400 },
];

export const BAD_EVENT_COUNT = BAD_EVENTS.length;
