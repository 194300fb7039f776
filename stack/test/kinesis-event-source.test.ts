/**
 * The Kinesis event source: 1,000 records through a mapping created in moto
 * (ReportBatchItemFailures, 2 retries, on-failure SQS destination), a handler
 * that fails chosen records. Every record is processed at least once, every
 * retry starts at the lowest failed sequence number, and the records that
 * keep failing reach the on-failure queue with Lambda's batch metadata.
 */
import { CreateEventSourceMappingCommand, CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateStreamCommand, KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import yazl from 'yazl';
import { startEventSourceMappings, startLocalStack, type Credentials, type LocalStack } from '../src';
import { createRole, iamAs, lambdaTrust, REGION } from './fixtures';

const SOURCE = '111111111111';
const RECORDS = 1000;
const MAX_RETRIES = 2;
const isPoison = (i: number) => i % 250 === 3; // fails every time
const isTransient = (i: number) => i % 50 === 7; // fails the first time only
jest.setTimeout(240_000);

let stack: LocalStack;
let operator: Credentials;

interface Invocation {
  shard: string;
  seqs: string[];
  indices: number[];
  failed: string[];
}
const invocations: Invocation[] = [];
const seen = new Map<number, number>();
const seqOf = new Map<number, string>();

function zipOf(source: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(source), 'index.js');
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** The handler: reports the poison records and first sightings of the transient ones as batch item failures. */
async function handler(event: unknown) {
  const records = (event as { Records: { eventID: string; kinesis: { sequenceNumber: string; data: string } }[] }).Records;
  const call: Invocation = { shard: records[0]!.eventID.split(':')[0]!, seqs: [], indices: [], failed: [] };
  for (const r of records) {
    const i = Number(Buffer.from(r.kinesis.data, 'base64').toString('utf8'));
    const times = (seen.get(i) ?? 0) + 1;
    seen.set(i, times);
    seqOf.set(i, r.kinesis.sequenceNumber);
    call.seqs.push(r.kinesis.sequenceNumber);
    call.indices.push(i);
    if (isPoison(i) || (isTransient(i) && times === 1)) call.failed.push(r.kinesis.sequenceNumber);
  }
  invocations.push(call);
  return { result: { batchItemFailures: call.failed.map((itemIdentifier) => ({ itemIdentifier })) } };
}

beforeAll(async () => {
  stack = await startLocalStack();
  operator = await stack.operatorCredentials(SOURCE);
});

afterAll(async () => {
  await stack?.stop();
});

it('delivers 1,000 records: at least once each, retries from the lowest failed record, exhausted ones to the on-failure queue', async () => {
  const cfg = { endpoint: stack.endpoint, region: REGION, credentials: operator };
  const kinesis = new KinesisClient({ ...cfg, requestHandler: new NodeHttpHandler() });
  const sqs = new SQSClient(cfg);
  await kinesis.send(new CreateStreamCommand({ StreamName: 'orders', ShardCount: 2 }));
  const streamArn = `arn:aws:kinesis:${REGION}:${SOURCE}:stream/orders`;
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders-failed' }))).QueueUrl!;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Read', Effect: 'Allow', Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListShards'], Resource: streamArn },
      { Sid: 'OnFailure', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:${REGION}:${SOURCE}:orders-failed` },
    ],
  };
  const role = await createRole(iamAs(stack, operator), 'orders-consumer', lambdaTrust, policy);
  const lambda = new LambdaClient(cfg);
  await lambda.send(
    new CreateFunctionCommand({ FunctionName: 'orders-fn', Runtime: 'nodejs20.x', Role: role, Handler: 'index.handler', Code: { ZipFile: await zipOf('exports.handler = async () => ({});') } }),
  );
  await lambda.send(
    new CreateEventSourceMappingCommand({
      EventSourceArn: streamArn,
      FunctionName: 'orders-fn',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: MAX_RETRIES,
      DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${SOURCE}:orders-failed` } },
    }),
  );
  for (let start = 0; start < RECORDS; start += 500) {
    const Records = Array.from({ length: 500 }, (_, k) => ({ Data: Buffer.from(String(start + k)), PartitionKey: `pk-${start + k}` }));
    const out = await kinesis.send(new PutRecordsCommand({ StreamName: 'orders', Records }));
    expect(out.FailedRecordCount ?? 0).toBe(0);
  }

  stack.requests.reset();
  const poller = await startEventSourceMappings(stack, { functions: { 'orders-fn': { invoke: handler } }, pollIntervalMs: 50 });
  try {
    expect(poller.mappings).toHaveLength(1);
    await poller.idle();
  } finally {
    await poller.stop();
  }

  // every record processed at least once
  expect([...seen.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, i) => i));

  // a batch with failures is retried from its lowest failed sequence number, until the retries run out
  const exhausted: string[] = [];
  const byShard = new Map<string, Invocation[]>();
  for (const call of invocations) byShard.set(call.shard, [...(byShard.get(call.shard) ?? []), call]);
  for (const calls of byShard.values()) {
    calls.forEach((call, n) => {
      const next = calls[n + 1];
      if (call.failed.length === 0 || !next) return;
      const lowest = call.failed.reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
      if (next.seqs[0] === lowest) return;
      exhausted.push(lowest);
      expect(BigInt(next.seqs[0]!)).toBeGreaterThan(BigInt(call.seqs.at(-1)!)); // moved on past the batch
    });
  }
  const poison = Array.from({ length: RECORDS }, (_, i) => i).filter(isPoison);
  expect(poison.map((i) => seen.get(i))).toEqual(poison.map(() => 1 + MAX_RETRIES));
  expect(Array.from({ length: RECORDS }, (_, i) => i).filter(isTransient).every((i) => (seen.get(i) ?? 0) >= 2 || poison.some((p) => p < i))).toBe(true);

  // exhausted batches reach the on-failure queue, starting at the poison record
  const messages: { requestContext: { condition: string; approximateInvokeCount: number }; KinesisBatchInfo: { startSequenceNumber: string; batchSize: number; streamArn: string } }[] = [];
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    if (!out.Messages?.length) break;
    for (const m of out.Messages) {
      messages.push(JSON.parse(m.Body!));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
  expect(messages).toHaveLength(poison.length);
  expect(messages.map((m) => m.KinesisBatchInfo.startSequenceNumber).sort()).toEqual(poison.map((i) => seqOf.get(i)!).sort());
  expect(messages.every((m) => m.requestContext.condition === 'RetryAttemptsExhausted' && m.requestContext.approximateInvokeCount === 1 + MAX_RETRIES)).toBe(true);
  expect(messages.every((m) => m.KinesisBatchInfo.streamArn === streamArn && m.KinesisBatchInfo.batchSize >= 1)).toBe(true);
  expect(exhausted.sort()).toEqual(poison.map((i) => seqOf.get(i)!).sort());

  // the reads went through the gateway with the execution role's credentials, and were allowed by its policy
  const reads = stack.requests.list().filter((r) => r.service === 'kinesis' && r.action === 'GetRecords');
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.every((r) => r.decision === 'Allowed' && r.accessKeyId !== operator.accessKeyId)).toBe(true);
});
