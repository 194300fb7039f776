/**
 * examples/forwarder end to end on the local stack, both orders at once:
 * - order B, the scenario (make demo's): source root first (function answers
 *   503, sends nothing), then the target root, then it works, no redeploy;
 * - order A, here: target root then source root, FIFO queue, driven by the
 *   real bundle through GET/POST/PATCH, the bad-input corpus, neighbour
 *   refusals, SQS and SSM faults; then both deployments destroyed and the
 *   accounts listed.
 * Tests run in order on one stack; the last one destroys.
 */
import { existsSync } from 'node:fs';
import { createHmac, randomUUID } from 'node:crypto';

import { DeleteItemCommand, DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { DescribeParametersCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';

import type { Check, ScenarioContext } from '../../../scripts/demo/scenario';
import { assumeRole, awsErrorOf } from '../../../stack/src/local-flow';
import { startLocalStack } from '../../../stack/src/index';
import type { FunctionProcess } from '../../../stack/src/function-process';
import type { Credentials, LocalStack } from '../../../stack/src/types';
import { BAD_EVENTS } from './bad-events';
import { BUNDLE, REGION, call, deployForwarder, operatorClients, urlEvent, type Deployment } from './deploy';
import { scenario } from './scenario';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PREFIXES = ['fwd-it', 'fwd-demo'];
const PAYLOAD = `payload-${randomUUID().slice(0, 8)}`;

let stack: LocalStack;
let a: Deployment;
let fn: FunctionProcess;
let operator: ReturnType<typeof operatorClients>;
let queueUrl: string;
const checks: Check[] = [];
const cleanups: (() => Promise<void>)[] = [];
let scenarioRun: Promise<unknown>;
let cleaned: Promise<PromiseSettledResult<void>[]> | undefined;
const cleanUp = () => (cleaned ??= Promise.allSettled(cleanups.map((c) => c())));

async function receiveAll(): Promise<Message[]> {
  const out = await operator.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1 }),
  );
  for (const m of out.Messages ?? []) await operator.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
  return out.Messages ?? [];
}

const attributes = (m: Message) => Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]));

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run make build first`);
  stack = await startLocalStack();
  const ctx: ScenarioContext = { stack, signal: new AbortController().signal, report: (c) => checks.push(c), onCleanup: (c) => cleanups.push(c), log: () => undefined };
  // Order B runs beside order A: Terraform mostly waits.
  scenarioRun = scenario.run(ctx).catch((error: unknown) => checks.push({ passed: false, title: 'scenario threw', details: [String(error)] }));
  a = await deployForwarder(stack, { prefix: 'fwd-it', order: 'target-first', fifo: true });
  cleanups.push(() => a.destroy());
  fn = await a.startFunction();
  operator = operatorClients(stack, await stack.operatorCredentials(stack.accounts.target));
  queueUrl = `${stack.endpoint}/${stack.accounts.target}/${a.names.queue}`;
}, 400_000);

afterAll(async () => {
  await scenarioRun?.catch(() => undefined);
  await cleanUp();
  await stack?.stop();
}, 300_000);

describe('examples/forwarder on the local stack', () => {
  test('order A (target root, then source root): GET, POST and PATCH round-trip through SSM, SQS (FIFO) and DynamoDB in the target account', async () => {
    for (const [id, status] of [['it-1', 'open'], ['it-2', 'open'], ['it-3', 'closed']]) {
      await operator.dynamodb.send(new PutItemCommand({ TableName: a.names.table, Item: { id: { S: id! }, status: { S: status! }, note: { S: PAYLOAD } } }));
    }
    const get = await call(fn, urlEvent('GET', '/items/it-1'));
    expect({ status: get.statusCode, item: get.json.item }).toEqual({ status: 200, item: { id: 'it-1', status: 'open', note: PAYLOAD } });
    const query = await call(fn, urlEvent('GET', '/items', { query: { status: 'open' } }));
    expect((query.json.items as { id: string }[]).map((i) => i.id).sort()).toEqual(['it-1', 'it-2']);
    expect((await call(fn, urlEvent('GET', '/items/absent'))).statusCode).toBe(404);

    const post = await call(fn, urlEvent('POST', '/items', { body: JSON.stringify({ order: PAYLOAD }) }));
    const patch = await call(fn, urlEvent('PATCH', '/items/it-1', { body: JSON.stringify({ status: 'closed', note: PAYLOAD }) }));
    expect([post.statusCode, patch.statusCode]).toEqual([202, 202]);

    const messages = await receiveAll();
    const byRequest = new Map(messages.map((m) => [attributes(m).requestId, m]));
    for (const [r, method, path, group] of [[post, 'POST', '/items', 'items'], [patch, 'PATCH', '/items/it-1', 'it-1']] as const) {
      const m = byRequest.get(r.json.requestId);
      expect(m).toBeDefined();
      expect(attributes(m!)).toMatchObject({ method, path, requestId: r.json.requestId, source: 'fwd-it-api', signature: createHmac('sha256', a.secret).update(m!.Body!).digest('hex') });
      expect(m!.Attributes).toMatchObject({ MessageGroupId: group, MessageDeduplicationId: r.json.requestId });
      expect(m!.MessageId).toBe(r.json.messageId);
    }
    expect(messages).toHaveLength(2);
    // Exactly the statements the README's grants table lists.
    const policy = JSON.parse(String(a.target!.outputs.permissions_policy)) as { Statement: { Sid: string }[] };
    expect(policy.Statement.map((st) => st.Sid).sort()).toEqual(['DynamoDbRead', 'DynamoDbReadIndexes', 'SqsSend', 'SsmRead', 'SsmReadByPath', 'SsmReadKms']);
    // The configuration and the SecureString came from SSM in the target account, decrypted with its key.
    expect(stack.requests.count({ service: 'ssm', action: 'GetParameters', status: 200 })).toBeGreaterThanOrEqual(1);
  });

  test('a retried POST with the same Idempotency-Key is enqueued once (FIFO deduplication); without one, twice', async () => {
    const key = `retry-${randomUUID()}`;
    for (let i = 0; i < 2; i += 1) expect((await call(fn, urlEvent('POST', '/items', { body: '{"order":"r"}', headers: { 'idempotency-key': key } }))).statusCode).toBe(202);
    for (let i = 0; i < 2; i += 1) expect((await call(fn, urlEvent('POST', '/items', { body: '{"order":"n"}' }))).statusCode).toBe(202);
    const bodies = (await receiveAll()).map((m) => m.Body).sort();
    expect(bodies).toEqual(['{"order":"n"}', '{"order":"n"}', '{"order":"r"}']);
  });

  describe("neighbours are refused with the function's own assumed role", () => {
    let assumed: Credentials;
    beforeAll(async () => {
      assumed = await assumeRole(stack.endpoint, await a.executionCredentials(), a.target!.output('role_arn'));
    });
    test.each([
      ['ssm:GetParameter on its own parameter (allowed)', (c: ReturnType<typeof operatorClients>) => c.ssm.send(new GetParameterCommand({ Name: a.names.config })), undefined],
      ['ssm:GetParameter outside the path (/fwd-it-other/config)', (c: ReturnType<typeof operatorClients>) => c.ssm.send(new GetParameterCommand({ Name: '/fwd-it-other/config' })), 'AccessDeniedException'],
      ['ssm:GetParameter on a sibling (/fwd-it/config-old)', (c: ReturnType<typeof operatorClients>) => c.ssm.send(new GetParameterCommand({ Name: '/fwd-it/config-old' })), 'AccessDeniedException'],
      ['ssm:PutParameter on its own parameter', (c: ReturnType<typeof operatorClients>) => c.ssm.send(new PutParameterCommand({ Name: a.names.config, Value: '{}', Overwrite: true })), 'AccessDeniedException'],
      ['dynamodb:DeleteItem on its table', (c: ReturnType<typeof operatorClients>) => c.dynamodb.send(new DeleteItemCommand({ TableName: a.names.table, Key: { id: { S: 'it-1' } } })), 'AccessDeniedException'],
      ['dynamodb:PutItem on its table', (c: ReturnType<typeof operatorClients>) => c.dynamodb.send(new PutItemCommand({ TableName: a.names.table, Item: { id: { S: 'x' } } })), 'AccessDeniedException'],
      ['sqs:ReceiveMessage on its queue', (c: ReturnType<typeof operatorClients>) => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl })), 'AccessDenied'],
      ['sqs:SendMessage on the other deployment\'s queue', (c: ReturnType<typeof operatorClients>) => c.sqs.send(new SendMessageCommand({ QueueUrl: `${stack.endpoint}/${stack.accounts.target}/fwd-demo-requests`, MessageBody: 'x' })), 'AccessDenied'],
    ] as const)('%s', async (_name, run, refusedAs) => {
      const outcome = await run(operatorClients(stack, assumed)).then(() => undefined, (error: unknown) => awsErrorOf(error).name);
      expect(outcome).toBe(refusedAs);
    });
  });

  test('order B, the scenario (source root first: 503 and nothing sent; then the target root; then it works, no redeploy): every check passes', async () => {
    await scenarioRun;
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(checks.map((c) => c.title)).toHaveLength(5);
  }, 300_000);

  test(`the bad-input corpus (${BAD_EVENTS.length} events) on the real bundle: each its 4xx, 0 AWS requests, the process keeps serving`, async () => {
    expect((await call(fn, urlEvent('GET', '/items/it-2'))).statusCode).toBe(200);
    const before = stack.requests.list().length;
    const got: [string, number][] = [];
    for (const bad of BAD_EVENTS) got.push([bad.name, (await call(fn, bad.event)).statusCode]);
    expect(got).toEqual(BAD_EVENTS.map((b) => [b.name, b.status]));
    expect(stack.requests.list().slice(before)).toEqual([]);
    expect((await call(fn, urlEvent('GET', '/items/it-2'))).statusCode).toBe(200);
  });

  test('SQS failing: 502 with the request id; SQS slower than the request timeout: 504 with the request id', async () => {
    stack.injectFault('sqs', 'server-error', 3); // every attempt of the SDK's standard retries
    const failed = await call(fn, urlEvent('POST', '/items', { body: '{"order":"f"}', requestId: 'req-sqs-fault' }));
    stack.clearFaults();
    expect({ status: failed.statusCode, header: failed.headers['x-request-id'], id: failed.json.requestId, code: failed.json.error?.code }).toEqual({
      status: 502,
      header: 'req-sqs-fault',
      id: 'req-sqs-fault',
      code: 'TargetError',
    });
    expect(await receiveAll()).toEqual([]);

    // One attempt of at most 1 s; its warm-up (STS, SSM) retried here, on a busy machine 1 s can be short.
    const impatient = await a.startFunction({ CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: '1000', CROSS_ACCOUNT_MAX_ATTEMPTS: '1' });
    let warm = 0;
    for (let i = 0; i < 5 && warm !== 200; i += 1) warm = (await call(impatient, urlEvent('GET', '/items/it-2'))).statusCode;
    expect(warm).toBe(200);
    stack.setLatency({ sqs: 2500 });
    try {
      const slow = await call(impatient, urlEvent('POST', '/items', { body: '{"order":"s"}', requestId: 'req-sqs-slow' }));
      expect({ status: slow.statusCode, id: slow.json.requestId, code: slow.json.error?.code }).toEqual({ status: 504, id: 'req-sqs-slow', code: 'TargetTimeout' });
    } finally {
      stack.setLatency({});
    }
  });

  test('SSM unavailable at cold start: 503 ConfigUnavailable with the request id, and the next invocation loads again and works', async () => {
    stack.injectFault('ssm', 'server-error', 3);
    const cold = await a.startFunction();
    const first = await call(cold, urlEvent('GET', '/items/it-2', { requestId: 'req-ssm-down' }));
    expect({ status: first.statusCode, code: first.json.error?.code, id: first.json.requestId }).toEqual({ status: 503, code: 'ConfigUnavailable', id: 'req-ssm-down' });
    stack.clearFaults();
    expect((await call(cold, urlEvent('GET', '/items/it-2'))).statusCode).toBe(200);
  });

  test("the credential and the payload values never reach the function's logs", () => {
    const lines = a.functions.flatMap((f) => f.logs());
    expect(lines.length).toBeGreaterThan(BAD_EVENTS.length);
    expect(lines.filter((l) => l.includes(a.secret) || l.includes(PAYLOAD))).toEqual([]);
  });

  test('terraform destroy (both deployments, both roots) leaves nothing in either account', async () => {
    const results = await cleanUp();
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const config = (c: Credentials) => ({ endpoint: stack.endpoint, region: REGION, credentials: c, maxAttempts: 1 });
    const target = await stack.operatorCredentials(stack.accounts.target);
    const source = await stack.operatorCredentials(stack.accounts.source);
    const ours = (name?: string) => PREFIXES.some((p) => (name ?? '').includes(p));

    const queues = (await operator.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
    const tables = (await new DynamoDBClient(config(target)).send(new ListTablesCommand({}))).TableNames ?? [];
    const parameters = (await operator.ssm.send(new DescribeParametersCommand({}))).Parameters ?? [];
    const kms = new KMSClient(config(target));
    const keys = await Promise.all(((await kms.send(new ListKeysCommand({}))).Keys ?? []).map((k) => kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))));
    const roleGone = async (c: Credentials, name: string) => new IAMClient(config(c)).send(new GetRoleCommand({ RoleName: name })).then(() => 'exists', (e: unknown) => awsErrorOf(e).name);
    const functionGone = (name: string) => new LambdaClient(config(source)).send(new GetFunctionCommand({ FunctionName: name })).then(() => 'exists', (e: unknown) => awsErrorOf(e).name);

    expect({
      queues: queues.filter(ours),
      tables: tables.filter(ours),
      parameters: parameters.map((p) => p.Name).filter(ours),
      keysNotPendingDeletion: keys.filter((k) => ours(k.KeyMetadata?.Description) && k.KeyMetadata?.KeyState !== 'PendingDeletion').length,
      targetRoles: await Promise.all(PREFIXES.map((p) => roleGone(target, `${p}-target`))),
      executionRoles: await Promise.all(PREFIXES.map((p) => roleGone(source, `${p}-fn`))),
      functions: await Promise.all(PREFIXES.map((p) => functionGone(`${p}-fn`))),
    }).toEqual({
      queues: [],
      tables: [],
      parameters: [],
      keysNotPendingDeletion: 0,
      targetRoles: ['NoSuchEntityException', 'NoSuchEntityException'],
      executionRoles: ['NoSuchEntityException', 'NoSuchEntityException'],
      functions: ['ResourceNotFoundException', 'ResourceNotFoundException'],
    });
    expect(keys.filter((k) => ours(k.KeyMetadata?.Description)).length).toBe(2);
  }, 300_000);
});
