/**
 * The example running as Lambda would run it on the local stack: the real
 * bundle behind the event source mapping the source root created (the stack's
 * Kinesis poller reads it from moto), every invocation recorded (shard,
 * sequence numbers, reported failures, function errors), and helpers to put
 * records and read the on-failure queue and the IoT publish log.
 */
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AppliedRoot } from '../../../stack/src/apply-root';
import { startEventSourceMappings, type EventSourceMappings } from '../../../stack/src/event-sources/kinesis-mappings';
import type { FunctionProcess } from '../../../stack/src/function-process';
import type { LocalStack, PublishedMessage } from '../../../stack/src/types';
import { REGION, startFunction } from './deploy';

export interface Invocation {
  shard: string;
  seqs: string[];
  /** batchItemFailures the function reported */
  failed: string[];
  /** errorType when the invocation failed as a whole */
  error?: string;
}

export interface PutRecord {
  shard: string;
  seq: string;
}

/** The invocations that carried the record `put` (same shard, same sequence number). */
export function invocationsOf(invocations: readonly Invocation[], put: PutRecord): Invocation[] {
  return invocations.filter((c) => c.shard === put.shard && c.seqs.includes(put.seq));
}

export interface FailureMessage {
  requestContext: { condition: string; approximateInvokeCount: number; functionArn: string };
  KinesisBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; batchSize: number; streamArn: string };
}

export interface Harness {
  readonly stack: LocalStack;
  readonly source: AppliedRoot;
  /** topics are <topicPrefix>/<key> */
  readonly topicPrefix: string;
  readonly fn: FunctionProcess;
  readonly poller: EventSourceMappings;
  readonly invocations: Invocation[];
  /** called with the event before each invocation starts (fault injection) */
  beforeInvoke?: ((invocationIndex: number, event: { Records: unknown[] }) => void) | undefined;
  /** puts records in order, 500 per call; returns where each went (sequence numbers are unique per shard only) */
  put(records: { data: Buffer; partitionKey: string }[]): Promise<PutRecord[]>;
  /** reads and deletes every message of the on-failure queue */
  drainFailures(): Promise<FailureMessage[]>;
  /** IoT publishes below the deployment's topic prefix */
  published(): PublishedMessage[];
  stop(): Promise<void>;
}

export async function startHarness(stack: LocalStack, source: AppliedRoot, opts: { topicPrefix: string; env?: Record<string, string> }): Promise<Harness> {
  const fn = await startFunction(stack, source, opts.env);
  const invocations: Invocation[] = [];
  // fresh operator credentials per use: the soak moves the stack clock past an operator session's expiry,
  // and the SDK would keep a session it believes valid by the real clock
  const clients = async () => {
    const credentials = await stack.operatorCredentials(stack.accounts.source);
    return {
      kinesis: new KinesisClient({ endpoint: stack.endpoint, region: REGION, credentials, requestHandler: new NodeHttpHandler() }),
      sqs: new SQSClient({ endpoint: stack.endpoint, region: REGION, credentials }),
    };
  };
  const harness: Harness = {
    stack,
    source,
    topicPrefix: opts.topicPrefix,
    fn,
    invocations,
    poller: undefined as unknown as EventSourceMappings,
    async put(records) {
      const { kinesis, sqs } = await clients();
      sqs.destroy();
      try {
        const put: PutRecord[] = [];
        for (let start = 0; start < records.length; start += 500) {
          const chunk = records.slice(start, start + 500);
          const out = await kinesis.send(new PutRecordsCommand({ StreamName: source.output('stream_name'), Records: chunk.map((r) => ({ Data: r.data, PartitionKey: r.partitionKey })) }));
          if (out.FailedRecordCount) throw new Error(`PutRecords: ${out.FailedRecordCount} records failed`);
          put.push(...out.Records!.map((r) => ({ shard: r.ShardId!, seq: r.SequenceNumber! })));
        }
        return put;
      } finally {
        kinesis.destroy();
      }
    },
    async drainFailures() {
      const { sqs, kinesis } = await clients();
      kinesis.destroy();
      const messages: FailureMessage[] = [];
      try {
        for (;;) {
          const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.output('failure_queue_url'), MaxNumberOfMessages: 10 }));
          if (!out.Messages?.length) return messages;
          for (const m of out.Messages) {
            messages.push(JSON.parse(m.Body!) as FailureMessage);
            await sqs.send(new DeleteMessageCommand({ QueueUrl: source.output('failure_queue_url'), ReceiptHandle: m.ReceiptHandle! }));
          }
        }
      } finally {
        sqs.destroy();
      }
    },
    published: () => stack.services.iot.published().filter((m) => m.topic.startsWith(`${opts.topicPrefix}/`)),
    async stop() {
      await harness.poller?.stop();
      await fn.stop();
    },
  };
  const invoke = async (event: unknown) => {
    const records = (event as { Records: { eventID: string; kinesis: { sequenceNumber: string } }[] }).Records;
    const call: Invocation = { shard: records[0]!.eventID.split(':')[0]!, seqs: records.map((r) => r.kinesis.sequenceNumber), failed: [] };
    invocations.push(call);
    harness.beforeInvoke?.(invocations.length - 1, event as { Records: unknown[] });
    const outcome = await fn.invoke(event);
    if (outcome.error) call.error = outcome.error.errorType;
    else call.failed = ((outcome.result as { batchItemFailures?: { itemIdentifier: string }[] })?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    return outcome;
  };
  (harness as { poller: EventSourceMappings }).poller = await startEventSourceMappings(stack, { functions: { [source.output('function_name')]: { invoke } }, pollIntervalMs: 50 }, REGION);
  return harness;
}

/** Records whose retry began somewhere else than the lowest failed sequence number of the invocation before (per shard). */
export function retryStartViolations(invocations: readonly Invocation[]): { lowest: string; next: string }[] {
  const byShard = new Map<string, Invocation[]>();
  for (const call of invocations) byShard.set(call.shard, [...(byShard.get(call.shard) ?? []), call]);
  const violations: { lowest: string; next: string }[] = [];
  for (const calls of byShard.values()) {
    calls.forEach((call, n) => {
      const next = calls[n + 1];
      if (call.failed.length === 0 || !next) return;
      const lowest = call.failed.reduce((a, b) => (BigInt(a) < BigInt(b) ? a : b));
      // retried from the lowest failure, or (retries exhausted) moved on past the batch
      if (next.seqs[0] !== lowest && !(BigInt(next.seqs[0]!) > BigInt(call.seqs.at(-1)!))) violations.push({ lowest, next: next.seqs[0]! });
    });
  }
  return violations;
}
