/**
 * Kinesis→IoT throughput (issue 16's `kinesis_to_iot` figures): records/s of
 * the real bundle invoked with Kinesis batches of `batchSize` records while
 * every IoT publish answers after `publishLatencyMs` (the stack's injected
 * latency), against the same function with PUBLISH_CONCURRENCY=1 (one publish
 * at a time: the sequential baseline). Both functions run from the example's
 * applied roots on their own local stack; the roots are destroyed afterwards.
 */
import { startLocalStack } from '../../../stack/src/local-stack';
import type { AppliedRoot } from '../../../stack/src/apply-root';
import type { FunctionProcess } from '../../../stack/src/function-process';
import type { LocalStack } from '../../../stack/src/types';
import { applySource, applyTarget, REGION, startFunction } from './deploy';

export interface ThroughputResult {
  records_per_s: number;
  sequential_baseline_records_per_s: number;
  batch_size: number;
  publish_latency_ms: number;
}

/** A Kinesis event of `size` records with sequence numbers from `from`, as the event source mapping of `source` delivers it. */
export function kinesisBatch(size: number, from: number, source: { streamArn: string; roleArn: string }): { Records: unknown[] } {
  return {
    Records: Array.from({ length: size }, (_, k) => {
      const sequenceNumber = String(from + k);
      return {
        kinesis: { kinesisSchemaVersion: '1.0', partitionKey: `dev-${(from + k) % 64}`, sequenceNumber, data: Buffer.from(JSON.stringify({ i: from + k })).toString('base64'), approximateArrivalTimestamp: Date.now() / 1000 },
        eventSource: 'aws:kinesis', eventVersion: '1.0', eventID: `shardId-000000000000:${sequenceNumber}`, eventName: 'aws:kinesis:record',
        invokeIdentityArn: source.roleArn, awsRegion: REGION, eventSourceARN: source.streamArn,
      };
    }),
  };
}

/** records/s over `batches` invocations of `size` records (after one warm-up batch). */
async function rate(fn: FunctionProcess, size: number, batches: number, source: { streamArn: string; roleArn: string }): Promise<number> {
  let next = 1;
  const run = async () => {
    const outcome = await fn.invoke(kinesisBatch(size, next, source), { timeoutMs: 600_000 });
    next += size;
    const failed = (outcome.result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length ?? size;
    if (outcome.error || failed > 0) throw new Error(`throughput batch failed: ${outcome.error?.errorType ?? `${failed} records`}`);
  };
  await run();
  const started = performance.now();
  for (let b = 0; b < batches; b++) await run();
  return (size * batches * 1000) / (performance.now() - started);
}

/** The figures on roots already applied into `stack` (the source root's outputs; the target root's role and topics). */
export async function measureThroughputOn(
  stack: LocalStack,
  source: AppliedRoot,
  opts: { batchSize: number; publishLatencyMs: number; batches?: number },
): Promise<ThroughputResult> {
  const fns: FunctionProcess[] = [];
  const before = stack.latency();
  try {
    const info = { streamArn: source.output('stream_arn'), roleArn: source.output('execution_role_arn') };
    const concurrent = await startFunction(stack, source);
    fns.push(concurrent);
    const sequential = await startFunction(stack, source, { PUBLISH_CONCURRENCY: '1' });
    fns.push(sequential);
    stack.setLatency({ 'iot-data': opts.publishLatencyMs });
    const records_per_s = await rate(concurrent, opts.batchSize, opts.batches ?? 5, info);
    const sequential_baseline_records_per_s = await rate(sequential, opts.batchSize, 1, info);
    return { records_per_s, sequential_baseline_records_per_s, batch_size: opts.batchSize, publish_latency_ms: opts.publishLatencyMs };
  } finally {
    stack.setLatency({ 'iot-data': before['iot-data'] ?? 0 });
    await Promise.all(fns.map((f) => f.stop()));
  }
}

/** The figures on a local stack of their own: both roots applied, measured, destroyed. */
export async function measureThroughput(opts: { batchSize: number; publishLatencyMs: number; batches?: number; log?: (line: string) => void }): Promise<ThroughputResult> {
  const stack = await startLocalStack();
  const prefix = 'k2perf';
  const log = opts.log ?? (() => undefined);
  try {
    const [target, source] = await Promise.all([applyTarget(stack, { prefix, log }), applySource(stack, { prefix, log })]);
    try {
      return await measureThroughputOn(stack, source, opts);
    } finally {
      await Promise.all([target.destroy(), source.destroy()]);
    }
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  measureThroughput({ batchSize: Number(process.argv[2] ?? 100), publishLatencyMs: Number(process.argv[3] ?? 20) }).then(
    (r) => console.log(JSON.stringify(r)),
    (e: Error) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
