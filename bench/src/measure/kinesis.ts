/**
 * Kinesis to IoT throughput, measured by the example itself
 * (examples/kinesis-to-iot/test/throughput.ts `measureThroughputOn`) on the
 * bench's deployment of the example, with the parameters.
 */
import type { AppliedRoot } from '../../../stack/src/apply-root';
import type { LocalStack } from '../../../stack/src/types';
import { measureThroughputOn } from '../../../examples/kinesis-to-iot/test/throughput';

export interface KinesisFigures {
  records_per_s: number;
  sequential_baseline_records_per_s: number;
  batch_size: number;
  publish_latency_ms: number;
}

/** The parameters: batch 100, 20 ms emulated publish latency. */
export const KINESIS_PARAMS = { batchSize: 100, publishLatencyMs: 20 };

export function measureKinesis(stack: LocalStack, source: AppliedRoot): Promise<KinesisFigures> {
  return measureThroughputOn(stack, source, KINESIS_PARAMS);
}
