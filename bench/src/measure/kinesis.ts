/**
 * Kinesis to IoT throughput, measured by the example itself
 * (examples/kinesis-to-iot/test/throughput.ts exports `measureThroughput`).
 * Until that module exists the figures are null, with the reason.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../approaches';

export interface KinesisFigures {
  records_per_s: number;
  sequential_baseline_records_per_s: number;
  batch_size: number;
  publish_latency_ms: number;
}

export const KINESIS_MODULE = path.join(repoRoot, 'examples', 'kinesis-to-iot', 'test', 'throughput.ts');
/** The parameters: batch 100, 20 ms emulated publish latency. */
export const KINESIS_PARAMS = { batchSize: 100, publishLatencyMs: 20 };

type MeasureThroughput = (options: { batchSize: number; publishLatencyMs: number }) => Promise<KinesisFigures>;

export async function measureKinesis(module = KINESIS_MODULE): Promise<KinesisFigures | { missing: string }> {
  if (!existsSync(module)) return { missing: `${path.relative(repoRoot, module)} is not on this branch yet (the kinesis-to-iot example exports measureThroughput from it)` };
  // The adapter: the example measures, this only passes the parameters. require, not import():
  // the bench runs under tsx and jest, which both compile TypeScript for require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { measureThroughput } = require(module) as { measureThroughput: MeasureThroughput };
  return measureThroughput(KINESIS_PARAMS);
}
