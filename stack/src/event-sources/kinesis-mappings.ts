/**
 * Runs the Kinesis event source mappings that exist in moto (Terraform's
 * `aws_lambda_event_source_mapping`, read with ListEventSourceMappings in
 * every account): one ShardConsumer per shard, invoking the function you hand
 * in for the mapping's function. Reads (ListShards, GetShardIterator,
 * GetRecords) and the on-failure SQS message are made through the gateway
 * with the function's execution-role credentials, so they are enforced.
 */
import { GetShardIteratorCommand, GetRecordsCommand, KinesisClient, ListShardsCommand, type ShardIteratorType } from '@aws-sdk/client-kinesis';
import { GetFunctionCommand, LambdaClient, ListEventSourceMappingsCommand, type EventSourceMappingConfiguration } from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Credentials, LocalStack } from '../types';
import { failureMessage, kinesisEvent, type ShardSource } from './kinesis-records';
import { ShardConsumer } from './shard-consumer';

/** What runs the function: a FunctionProcess, or any handler wrapper. */
export interface Invoker {
  invoke(event: unknown): Promise<{ result?: unknown; error?: { errorType: string; errorMessage: string } }>;
}

export interface EventSourceOptions {
  /** the function per mapping, by function ARN or name */
  functions: Record<string, Invoker>;
  /** pause after a poll that found nothing (default 200 ms) */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface EventSourceMappings {
  /** the UUIDs of the mappings being run */
  readonly mappings: readonly string[];
  /** resolves once every shard has been polled empty after this call (and nothing is left to retry); rejects with the first polling error */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Stack = Pick<LocalStack, 'endpoint' | 'accounts' | 'operatorCredentials' | 'lambdaServiceCredentials'>;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function mappingsIn(stack: Stack, account: string, region: string): Promise<EventSourceMappingConfiguration[]> {
  const lambda = new LambdaClient({ endpoint: stack.endpoint, region, credentials: await stack.operatorCredentials(account) });
  const out = await lambda.send(new ListEventSourceMappingsCommand({}));
  return (out.EventSourceMappings ?? []).filter((m) => m.EventSourceArn?.includes(':kinesis:') && m.State !== 'Disabled');
}

export async function startEventSourceMappings(stack: Stack, options: EventSourceOptions, region = 'us-east-1'): Promise<EventSourceMappings> {
  const interval = options.pollIntervalMs ?? 200;
  let stopped = false;
  const errors: Error[] = [];
  const shards: { emptyAt: number; loop?: Promise<void> }[] = [];
  const uuids: string[] = [];
  const found = (await Promise.all(Object.values(stack.accounts).map((a) => mappingsIn(stack, a, region)))).flat();

  for (const mapping of found) {
    const functionArn = mapping.FunctionArn!;
    const invoker = options.functions[functionArn] ?? options.functions[functionArn.split(':')[6]!];
    if (!invoker) {
      options.log?.(`event source mapping ${mapping.UUID}: no function given for ${functionArn}, not polled`);
      continue;
    }
    uuids.push(mapping.UUID!);
    const account = functionArn.split(':')[4]!;
    const operatorLambda = new LambdaClient({ endpoint: stack.endpoint, region, credentials: await stack.operatorCredentials(account) });
    const roleArn = (await operatorLambda.send(new GetFunctionCommand({ FunctionName: functionArn }))).Configuration!.Role!;
    const credentials: Credentials = await stack.lambdaServiceCredentials(roleArn);
    // a few attempts: a keep-alive socket the gateway closed while the shard was busy fails once ("socket hang up")
    const kinesis = new KinesisClient({ endpoint: stack.endpoint, region, credentials, requestHandler: new NodeHttpHandler(), maxAttempts: 3 });
    const sqs = new SQSClient({ endpoint: stack.endpoint, region, credentials, maxAttempts: 3 });
    const streamArn = mapping.EventSourceArn!;
    const destination = mapping.DestinationConfig?.OnFailure?.Destination;
    const settings = {
      batchSize: mapping.BatchSize ?? 100,
      batchingWindowMs: (mapping.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      reportBatchItemFailures: (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      bisectOnError: mapping.BisectBatchOnFunctionError ?? false,
      maximumRetryAttempts: mapping.MaximumRetryAttempts ?? -1,
      maximumRecordAgeSeconds: mapping.MaximumRecordAgeInSeconds ?? -1,
    };
    const shardIds = ((await kinesis.send(new ListShardsCommand({ StreamARN: streamArn }))).Shards ?? []).map((s) => s.ShardId!);
    for (const shardId of shardIds) {
      const source: ShardSource = { streamArn, shardId, region, roleArn };
      let iterator = (
        await kinesis.send(
          // by name: moto writes the name it was given into the iterator (None for StreamARN),
          // and the gateway reads the stream of a GetRecords from there
          new GetShardIteratorCommand({
            StreamName: streamArn.split('/').pop(),
            ShardId: shardId,
            ShardIteratorType: (mapping.StartingPosition ?? 'LATEST') as ShardIteratorType,
            ...(mapping.StartingPositionTimestamp ? { Timestamp: mapping.StartingPositionTimestamp } : {}),
          }),
        )
      ).ShardIterator;
      const consumer = new ShardConsumer(settings, {
        async read(limit) {
          if (!iterator) return [];
          const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
          iterator = out.NextShardIterator;
          return (out.Records ?? []).map((r) => ({ SequenceNumber: r.SequenceNumber!, PartitionKey: r.PartitionKey!, Data: r.Data!, ...(r.ApproximateArrivalTimestamp ? { ApproximateArrivalTimestamp: r.ApproximateArrivalTimestamp } : {}) }));
        },
        invoke: (records) => invoker.invoke(kinesisEvent(source, records)),
        async fail(records, condition, invokeCount, functionError) {
          if (!destination) return;
          const [, , , , destAccount, queue] = destination.split(':');
          const message = failureMessage(source, functionArn, records, condition, invokeCount, functionError);
          await sqs.send(new SendMessageCommand({ QueueUrl: `${stack.endpoint}/${destAccount}/${queue}`, MessageBody: message }));
        },
        now: () => Date.now(),
        sleep,
      });
      const shard: { emptyAt: number; loop?: Promise<void> } = { emptyAt: 0 };
      shard.loop = (async () => {
        while (!stopped) {
          const started = Date.now();
          try {
            if (!(await consumer.step())) {
              shard.emptyAt = started;
              await sleep(interval);
            }
          } catch (error) {
            errors.push(error as Error);
            options.log?.(`event source mapping ${mapping.UUID} ${shardId}: ${(error as Error).message}`);
            await sleep(interval);
          }
        }
      })();
      shards.push(shard);
    }
  }

  return {
    mappings: uuids,
    async idle() {
      const since = Date.now();
      while (!stopped && errors.length === 0 && shards.some((s) => s.emptyAt < since)) await sleep(50);
      if (errors[0]) throw errors[0];
    },
    async stop() {
      stopped = true;
      await Promise.all(shards.map((s) => s.loop));
    },
  };
}
