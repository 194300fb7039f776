/**
 * make demo / the example test: examples/forwarder applied source root FIRST
 * (the function answers 503 while the target account has nothing, and no
 * message is sent), then the target root; the same function process then
 * works without a redeploy: POST → SQS, GET → DynamoDB in the target account,
 * a bad request is refused with nothing sent, and a neighbour action with the
 * function's own assumed role (DynamoDB DeleteItem) is refused.
 */
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';

import { assumeRole, awsErrorOf } from '../../../stack/src/local-flow';
import type { FunctionProcess } from '../../../stack/src/function-process';
import type { Scenario, ScenarioContext } from '../../../scripts/demo/scenario';
import { call, deployForwarder, operatorClients, urlEvent, type Deployment } from './deploy';

const PREFIX = 'fwd-demo';

async function step(ctx: ScenarioContext, title: string, run: () => Promise<string[] | void>): Promise<boolean> {
  const started = Date.now();
  try {
    const details = (await run()) ?? [];
    ctx.report({ passed: true, title, details, ms: Date.now() - started });
    return true;
  } catch (error) {
    ctx.report({ passed: false, title, details: [error instanceof Error ? error.message : String(error)], ms: Date.now() - started });
    return false;
  }
}

function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

async function flow(ctx: ScenarioContext, d: Deployment, fn: FunctionProcess): Promise<void> {
  const { stack } = ctx;
  const operator = operatorClients(stack, await stack.operatorCredentials(stack.accounts.target));
  const queueUrl = `${stack.endpoint}/${stack.accounts.target}/${d.names.queue}`;
  const functionKeys = new Set<string>();

  await step(ctx, 'after the target root: the same function process forwards POST /items to SQS in the target account (no redeploy)', async () => {
    const seen = stack.requests.list().length;
    const r = await call(fn, urlEvent('POST', '/items', { body: JSON.stringify({ order: 'demo-1', status: 'open' }) }));
    expect(r.statusCode === 202, `POST answered ${r.statusCode} ${JSON.stringify(r.json.error ?? {})}`);
    // The function's session: the keys that sent a message meanwhile (other scenarios may share the stack).
    for (const rec of stack.requests.list().slice(seen)) if (rec.action === 'SendMessage' && rec.status === 200 && rec.accessKeyId) functionKeys.add(rec.accessKeyId);
    const got = await operator.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }));
    const message = got.Messages?.find((m) => m.MessageAttributes?.requestId?.StringValue === r.json.requestId);
    expect(message !== undefined, 'the message is not in the target queue');
    expect(message?.MessageAttributes?.method?.StringValue === 'POST', 'attribute method is not POST');
    return [`202, message ${String(r.json.messageId).slice(0, 8)}… in ${d.names.queue} with method/path/requestId attributes`];
  });

  await step(ctx, 'GET /items/{id} reads the item from DynamoDB in the target account', async () => {
    await operator.dynamodb.send(new PutItemCommand({ TableName: d.names.table, Item: { id: { S: 'demo-1' }, status: { S: 'open' } } }));
    const r = await call(fn, urlEvent('GET', '/items/demo-1'));
    expect(r.statusCode === 200 && (r.json.item as { status?: string })?.status === 'open', `GET answered ${r.statusCode}`);
    return ['200 with the item'];
  });

  await step(ctx, 'a bad request (body not JSON) is refused with 400 and sends nothing', async () => {
    expect(functionKeys.size > 0, "the function's session key was not seen");
    const seen = stack.requests.list().length;
    const r = await call(fn, urlEvent('POST', '/items', { body: '{"order":', requestId: 'demo-bad-request' }));
    expect(r.statusCode === 400, `answered ${r.statusCode}`);
    const made = stack.requests.list().slice(seen).filter((rec) => rec.accessKeyId !== undefined && functionKeys.has(rec.accessKeyId));
    expect(made.length === 0, `the function made ${made.length} AWS request(s): ${made.map((m) => m.action).join(', ')}`);
    const got = await operator.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
    expect(!(got.Messages ?? []).some((m) => m.MessageAttributes?.requestId?.StringValue === 'demo-bad-request'), 'the bad request reached the queue');
    return [`400 ${r.json.error?.message ?? ''}; 0 AWS requests by the function`];
  });

  await step(ctx, 'refused: DynamoDB DeleteItem with the function\'s own assumed role (read-only grant)', async () => {
    const assumed = await assumeRole(stack.endpoint, await d.executionCredentials(), d.target!.output('role_arn'));
    try {
      await operatorClients(stack, assumed).dynamodb.send(new DeleteItemCommand({ TableName: d.names.table, Key: { id: { S: 'demo-1' } } }));
    } catch (error) {
      const { name, status } = awsErrorOf(error);
      expect(name === 'AccessDeniedException', `refused with ${name}`);
      return [`${status ?? ''} ${name}`];
    }
    throw new Error('DeleteItem succeeded');
  });
}

export const scenario: Scenario = {
  name: 'forwarder',
  dirs: ['forwarder'],
  proves: 'function URL → SSM config + SecureString, SQS send and DynamoDB reads in another account; source root first, target later, no redeploy',
  async run(ctx) {
    let fn: FunctionProcess | undefined;
    const d = await deployForwarder(ctx.stack, {
      prefix: PREFIX,
      order: 'source-first',
      signal: ctx.signal,
      log: ctx.log,
      beforeTarget: async (partial) => {
        ctx.onCleanup(() => partial.destroy());
        fn = await partial.startFunction();
        await step(ctx, 'source root alone: the function answers 503 (its target account has nothing yet) and sends nothing', async () => {
          const r = await call(fn!, urlEvent('POST', '/items', { body: '{"order":"early"}' }));
          expect(r.statusCode === 503 && r.json.error?.code === 'ConfigUnavailable', `answered ${r.statusCode}`);
          expect(typeof r.json.requestId === 'string', 'no request id in the answer');
          return [`503 ${r.json.error?.code ?? ''} with request id`];
        });
      },
    });
    if (!fn) throw new Error('the function was not started');
    await flow(ctx, d, fn);
  },
};
