/**
 * The forwarder's request path with counting fakes for its four AWS calls:
 * the bad-input corpus (4xx, 0 calls, still serving), the request → SQS /
 * DynamoDB mapping, the SSM cache (TTL, retry after a failed cold start),
 * target failures as 502/504 with the request id, and what the logs hold.
 */
import { createHmac } from 'node:crypto';

import type { GetParametersCommandOutput } from '@aws-sdk/client-ssm';

import { createForwarder, type ForwarderCalls } from '../src/forwarder';
import type { ForwarderSettings } from '../src/settings';
import { BAD_EVENTS, BAD_EVENT_COUNT } from './bad-events';
import { runBadEvents } from './bad-events-run';
import { urlEvent } from './deploy';

const SECRET = 'unit-secret-7c1f0e9a2b';
const PAYLOAD = 'payload-marker-93ad';
const target = { name: 'forwarder', roleArn: 'arn:aws:iam::222222222222:role/forwarder-target', region: 'us-east-1' };

function settings(fifo = false): ForwarderSettings {
  return {
    configParameter: '/fwd/config',
    credentialParameter: '/fwd/credential',
    queueUrl: `https://sqs.us-east-1.amazonaws.com/222222222222/fwd-requests${fifo ? '.fifo' : ''}`,
    fifo,
    tableName: 'fwd-items',
    tableKey: 'id',
    indexName: 'by-status',
    indexKey: 'status',
    configTtlMs: 60_000,
  };
}

const parameters = (credentialType = 'SecureString'): GetParametersCommandOutput => ({
  $metadata: {},
  Parameters: [
    { Name: '/fwd/config', Type: 'String', Value: JSON.stringify({ source: 'unit-api', queryLimit: 10 }) },
    { Name: '/fwd/credential', Type: credentialType as 'SecureString', Value: SECRET },
  ],
  InvalidParameters: [],
});

const awsError = (name: string, status?: number) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

interface Harness {
  handler: ReturnType<typeof createForwarder>;
  calls: { [K in keyof ForwarderCalls]: jest.Mock };
  count(): number;
  logs: string[];
  clock: { now: number };
}

function harness(opts: { fifo?: boolean; getParameters?: jest.Mock } = {}): Harness {
  const calls = {
    getParameters: opts.getParameters ?? jest.fn(async () => parameters()),
    sendMessage: jest.fn(async () => ({ $metadata: {}, MessageId: 'm-1' })),
    getItem: jest.fn(async () => ({ $metadata: {}, Item: { id: { S: 'i-1' }, status: { S: 'open' }, n: { N: '3' } } })),
    query: jest.fn(async () => ({ $metadata: {}, Items: [{ id: { S: 'i-1' }, status: { S: 'open' } }] })),
  };
  const logs: string[] = [];
  const clock = { now: 1_000_000 };
  const handler = createForwarder({
    target,
    settings: settings(opts.fifo),
    calls: calls as unknown as ForwarderCalls,
    log: (level, message, fields) => logs.push(JSON.stringify({ level, message, ...fields })),
    now: () => clock.now,
  });
  const count = () => Object.values(calls).reduce((n, m) => n + m.mock.calls.length, 0);
  return { handler, calls, count, logs, clock };
}

const body = (r: { body: string }) => JSON.parse(r.body) as { requestId: string; error?: { code: string; message: string }; [k: string]: unknown };
const allLogs: string[] = [];

describe('bad input corpus: a 4xx naming the problem, no AWS call, still serving', () => {
  const h = harness();
  beforeAll(async () => {
    expect((await h.handler(urlEvent('GET', '/items/i-1'))).statusCode).toBe(200); // config loaded, warm
    for (const m of Object.values(h.calls)) m.mockClear();
  });
  afterAll(() => allLogs.push(...h.logs));

  test('the corpus has at least 60 events', () => expect(BAD_EVENTS.length).toBeGreaterThanOrEqual(60));

  test.each(BAD_EVENTS.map((b) => [b.name, b] as const))('%s', async (_name, bad) => {
    const r = await h.handler(bad.event, { awsRequestId: 'lambda-request' });
    const b = body(r);
    expect({ status: r.statusCode, code: typeof b.error?.code }).toEqual({ status: bad.status, code: 'string' });
    expect(b.error?.message).toMatch(/^[a-zA-Z0-9.[\]{}_-]+: /); // names the field
    expect(b.requestId).toMatch(/^(bad-event-request|lambda-request|[0-9a-f-]{36})$/);
    expect(h.count()).toBe(0);
  });

  test('runBadEvents (what the reliability document reports): every event as expected, 0 AWS calls', async () => {
    expect(await runBadEvents()).toEqual({ events: BAD_EVENT_COUNT, awsCalls: 0, unexpected: [] });
  });

  test('after the corpus the same handler still serves', async () => {
    expect((await h.handler(urlEvent('POST', '/items', { body: '{"a":1}' }))).statusCode).toBe(202);
    expect(h.calls.sendMessage).toHaveBeenCalledTimes(1);
  });
});

describe('requests map onto SQS and DynamoDB', () => {
  test.each([
    ['standard queue, POST', false, 'POST', '/items', {}, undefined, {}],
    ['FIFO queue, POST: group "items", dedup = request id', true, 'POST', '/items', {}, undefined, { MessageGroupId: 'items', MessageDeduplicationId: 'req-1' }],
    ['FIFO queue, PATCH: group = item id', true, 'PATCH', '/items/i-9', {}, 'i-9', { MessageGroupId: 'i-9', MessageDeduplicationId: 'req-1' }],
    ['FIFO queue, Idempotency-Key: dedup = key', true, 'POST', '/items', { 'idempotency-key': 'retry-key-1' }, undefined, { MessageGroupId: 'items', MessageDeduplicationId: 'retry-key-1' }],
  ] as const)('%s', async (_name, fifo, method, path, headers, itemId, fifoFields) => {
    const h = harness({ fifo });
    const payload = { order: PAYLOAD, lines: [1, 2] };
    const r = await h.handler(urlEvent(method, path, { body: JSON.stringify(payload), headers, requestId: 'req-1' }));
    expect(r.statusCode).toBe(202);
    expect(body(r)).toEqual({ messageId: 'm-1', requestId: 'req-1' });
    const input = h.calls.sendMessage.mock.calls[0]![0] as Record<string, unknown> & { MessageAttributes: Record<string, { StringValue: string }> };
    const text = JSON.stringify(payload);
    expect(input.MessageBody).toBe(text);
    expect(Object.fromEntries(Object.entries(input.MessageAttributes).map(([k, v]) => [k, v.StringValue]))).toEqual({
      method,
      path,
      requestId: 'req-1',
      source: 'unit-api',
      signature: createHmac('sha256', SECRET).update(text).digest('hex'),
      ...(itemId ? { itemId } : {}),
      ...('idempotency-key' in headers ? { idempotencyKey: headers['idempotency-key'] } : {}),
    });
    expect({ MessageGroupId: input.MessageGroupId, MessageDeduplicationId: input.MessageDeduplicationId }).toEqual({ MessageGroupId: undefined, MessageDeduplicationId: undefined, ...fifoFields });
    allLogs.push(...h.logs);
  });

  test('GET /items/{id} → GetItem by key, item as JSON; absent → 404', async () => {
    const h = harness();
    const r = await h.handler(urlEvent('GET', '/items/i-1'));
    expect(h.calls.getItem).toHaveBeenCalledWith({ TableName: 'fwd-items', Key: { id: { S: 'i-1' } } });
    expect(body(r).item).toEqual({ id: 'i-1', status: 'open', n: 3 });
    h.calls.getItem.mockResolvedValueOnce({ $metadata: {} });
    expect((await h.handler(urlEvent('GET', '/items/i-2'))).statusCode).toBe(404);
  });

  test.each([
    ['no limit: the config queryLimit', undefined, 10],
    ['limit 5', '5', 5],
    ['limit above queryLimit: capped', '50', 10],
  ])('GET /items?status=… → Query on the GSI, %s', async (_name, limit, expected) => {
    const h = harness();
    const r = await h.handler(urlEvent('GET', '/items', { query: { status: 'open', ...(limit ? { limit } : {}) } }));
    expect(r.statusCode).toBe(200);
    expect(h.calls.query).toHaveBeenCalledWith({
      TableName: 'fwd-items',
      IndexName: 'by-status',
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': 'status' },
      ExpressionAttributeValues: { ':v': { S: 'open' } },
      Limit: expected,
    });
    expect(body(r)).toMatchObject({ items: [{ id: 'i-1', status: 'open' }], count: 1 });
  });
});

describe('target failures: 502/504 with the request id, never a silent success', () => {
  test.each([
    ['SQS timeout', 'sendMessage', urlEvent('POST', '/items', { body: '{"a":1}', requestId: 'req-f' }), awsError('TimeoutError'), 504, 'TargetTimeout'],
    ['SQS 5xx after retries', 'sendMessage', urlEvent('POST', '/items', { body: '{"a":1}', requestId: 'req-f' }), awsError('InternalError', 500), 502, 'TargetError'],
    ['SQS access denied', 'sendMessage', urlEvent('POST', '/items', { body: '{"a":1}', requestId: 'req-f' }), awsError('AccessDenied', 403), 502, 'TargetError'],
    ['DynamoDB throttled', 'getItem', urlEvent('GET', '/items/i-1', { requestId: 'req-f' }), awsError('ProvisionedThroughputExceededException', 400), 502, 'TargetError'],
    ['DynamoDB Query timeout', 'query', urlEvent('GET', '/items', { query: { status: 'x' }, requestId: 'req-f' }), awsError('TimeoutError'), 504, 'TargetTimeout'],
  ] as const)('%s', async (_name, which, event, error, status, code) => {
    const h = harness();
    h.calls[which].mockRejectedValueOnce(error);
    const r = await h.handler(event);
    expect({ status: r.statusCode, header: r.headers['x-request-id'], requestId: body(r).requestId, code: body(r).error?.code }).toEqual({ status, header: 'req-f', requestId: 'req-f', code });
    expect(body(r).error?.message).not.toContain('happened'); // never the upstream message
    allLogs.push(...h.logs);
  });

  test('a SendMessage answer without MessageId is an error, not a 202', async () => {
    const h = harness();
    h.calls.sendMessage.mockResolvedValueOnce({ $metadata: {} });
    expect((await h.handler(urlEvent('POST', '/items', { body: '{"a":1}' }))).statusCode).toBe(502);
  });
});

describe('SSM configuration: loaded at init, cached with a TTL, a failed cold start is a 503 and the next request retries', () => {
  test('SSM unavailable at cold start: 503 with retry-after, then the next request loads and works', async () => {
    const getParameters = jest.fn().mockRejectedValueOnce(awsError('InternalServerError', 500)).mockResolvedValue(parameters());
    const h = harness({ getParameters });
    const first = await h.handler(urlEvent('POST', '/items', { body: '{"a":1}', requestId: 'req-1' }));
    expect({ status: first.statusCode, code: body(first).error?.code, retry: first.headers['retry-after'], id: body(first).requestId }).toEqual({ status: 503, code: 'ConfigUnavailable', retry: '1', id: 'req-1' });
    expect(h.calls.sendMessage).not.toHaveBeenCalled();
    expect((await h.handler(urlEvent('POST', '/items', { body: '{"a":1}' }))).statusCode).toBe(202);
    expect(getParameters).toHaveBeenCalledTimes(2);
    expect(getParameters).toHaveBeenCalledWith({ Names: ['/fwd/config', '/fwd/credential'], WithDecryption: true });
    allLogs.push(...h.logs);
  });

  test.each([
    ['KMS refused the decrypt', () => Promise.reject(awsError('AccessDeniedException', 400)), /GetParameters failed/],
    ['a parameter is missing', async () => ({ ...parameters(), Parameters: parameters().Parameters!.slice(0, 1), InvalidParameters: ['/fwd/credential'] }), /no parameter \/fwd\/credential/],
    ['the credential is a plain String', async () => parameters('String'), /must be a SecureString/],
    ['the config is not JSON', async () => ({ ...parameters(), Parameters: [{ Name: '/fwd/config', Type: 'String' as const, Value: '{' }, parameters().Parameters![1]!] }), /not JSON/],
  ])('503 when %s, naming the parameter or call (never a value)', async (_name, impl, message) => {
    const h = harness({ getParameters: jest.fn(impl) });
    const r = await h.handler(urlEvent('GET', '/items/i-1'));
    expect(r.statusCode).toBe(503);
    expect(body(r).error?.message).toMatch(message);
    expect(r.body).not.toContain(SECRET);
  });

  test('one load per TTL; after it a reload; a failed reload keeps serving the cached values', async () => {
    const h = harness();
    for (let i = 0; i < 3; i += 1) await h.handler(urlEvent('GET', '/items/i-1'));
    expect(h.calls.getParameters).toHaveBeenCalledTimes(1);
    h.clock.now += 61_000;
    await h.handler(urlEvent('GET', '/items/i-1'));
    expect(h.calls.getParameters).toHaveBeenCalledTimes(2);
    h.clock.now += 61_000;
    h.calls.getParameters.mockRejectedValueOnce(awsError('ThrottlingException', 400));
    expect((await h.handler(urlEvent('GET', '/items/i-1'))).statusCode).toBe(200);
    expect(h.logs.some((l) => l.includes('config refresh failed'))).toBe(true);
    await h.handler(urlEvent('GET', '/items/i-1'));
    expect(h.calls.getParameters).toHaveBeenCalledTimes(4);
  });
});

test('no log line holds the credential or a payload value', () => {
  expect(allLogs.length).toBeGreaterThan(50);
  expect(allLogs.filter((l) => l.includes(SECRET) || l.includes(PAYLOAD) || l.includes('admin'))).toEqual([]);
});
