/**
 * The Kinesis to IoT example on examples/kinesis-to-iot (a stream and the
 * function in the source account, IoT topics in the target account),
 * invoked with what its event source mapping delivers: a batch of
 * BATCH_RECORDS records, each published to IoT (no batch item failure when
 * all are). The same deployment serves the throughput figures
 * (`kinesis_to_iot`, examples/kinesis-to-iot/test/throughput.ts).
 */
import { BUNDLE, REGION, applySource, applyTarget } from '../../../examples/kinesis-to-iot/test/deploy';
import { kinesisBatch } from '../../../examples/kinesis-to-iot/test/throughput';
import { startFresh } from './start';
import type { OwnDeployment } from './types';

export const BATCH_RECORDS = 10;

const failuresOf = (result: unknown): number | undefined => (result as { batchItemFailures?: unknown[] } | undefined)?.batchItemFailures?.length;

export const kinesisToIot: OwnDeployment = {
  workload: `a Kinesis batch of ${BATCH_RECORDS} records, each published to an IoT topic (publish concurrency: the example's default)`,
  services: ['iot-data', 'iot'],
  async deploy(stack, { prefix, log }) {
    const [, source] = await Promise.all([applyTarget(stack, { prefix, log }), applySource(stack, { prefix, log })]);
    const info = { streamArn: source.output('stream_arn'), roleArn: source.output('execution_role_arn') };
    const fn = { bundlePath: BUNDLE, source, region: REGION, timeoutMs: 60_000 };
    return {
      source,
      start: () => startFresh(stack, fn),
      event: (i) => kinesisBatch(BATCH_RECORDS, 1 + i * BATCH_RECORDS, info),
      failure: (out) => (out.error ? out.error.errorType : failuresOf(out.result) === 0 ? undefined : `batchItemFailures:${String(failuresOf(out.result))}`),
    };
  },
};
