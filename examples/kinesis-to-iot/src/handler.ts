/**
 * Kinesis → IoT: every record of the batch is published to
 * `<topicPrefix>/<key>` in the target account (key = the partition key, or
 * the record's `topicField` when that setting is set), at most `concurrency`
 * publishes in flight. The answer lists in `batchItemFailures` exactly the
 * records that were not published (a malformed record, or a publish that still
 * failed after the SDK's retries), so with ReportBatchItemFailures Lambda
 * retries from the lowest of them and nothing is skipped.
 */
import { PublishCommand } from '@aws-sdk/client-iot-data-plane';
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { errorInfo } from 'cross-account-lambda';
import { forEachBounded } from './pool';
import { MAX_TOPIC_BYTES, TOPIC_KEY_PATTERN, readKinesisEvent, type ParsedRecord } from './records';

export interface HandlerLogger {
  info(message: string, fields: Record<string, unknown>): void;
  warn(message: string, fields: Record<string, unknown>): void;
}

export interface PublisherOptions {
  /** topics are `<topicPrefix>/<key>` */
  topicPrefix: string;
  /** a top-level string field of the record's JSON to use as the key instead of the partition key */
  topicField?: string | undefined;
  /** publishes in flight at most */
  concurrency: number;
  /** the target's IoT data-plane client (its endpoint resolved) */
  client: () => Promise<IoTDataPlaneClient>;
  logger: HandlerLogger;
}

export interface KinesisBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

function topicOf(record: ParsedRecord, opts: PublisherOptions): string | { problem: string } {
  const key = opts.topicField === undefined ? record.partitionKey : record.json[opts.topicField];
  const source = opts.topicField === undefined ? 'partition key' : `data field "${opts.topicField}"`;
  if (typeof key !== 'string' || !TOPIC_KEY_PATTERN.test(key)) return { problem: `${source}: expected 1-128 characters of [A-Za-z0-9_.:=@$-] (one topic level)` };
  const topic = `${opts.topicPrefix}/${key}`;
  if (Buffer.byteLength(topic) > MAX_TOPIC_BYTES) return { problem: `topic longer than ${MAX_TOPIC_BYTES} bytes` };
  return topic;
}

export function createHandler(opts: PublisherOptions): (event: unknown) => Promise<KinesisBatchResponse> {
  return async (event) => {
    const results = readKinesisEvent(event); // throws InvalidEventError before any AWS call
    const failed = new Set<string>();
    const jobs: { record: ParsedRecord; topic: string }[] = [];
    for (const r of results) {
      if (!r.ok) {
        failed.add(r.failure.sequenceNumber);
        opts.logger.warn('record refused', { sequenceNumber: r.failure.sequenceNumber, problem: r.failure.problem });
        continue;
      }
      const topic = topicOf(r.record, opts);
      if (typeof topic !== 'string') {
        failed.add(r.record.sequenceNumber);
        opts.logger.warn('record refused', { sequenceNumber: r.record.sequenceNumber, problem: topic.problem });
      } else jobs.push({ record: r.record, topic });
    }
    let published = 0;
    if (jobs.length > 0) {
      await forEachBounded(jobs, opts.concurrency, async ({ record, topic }) => {
        try {
          const client = await opts.client();
          await client.send(new PublishCommand({ topic, payload: record.payload, qos: 1 }));
          published++;
        } catch (error) {
          failed.add(record.sequenceNumber);
          const info = errorInfo(error);
          opts.logger.warn('publish failed', { sequenceNumber: record.sequenceNumber, errorName: info.name, attempts: info.attempts });
        }
      });
    }
    opts.logger.info('batch done', { records: results.length, published, failed: failed.size });
    // in the batch's order, so the lowest sequence number comes first
    return { batchItemFailures: results.map((r) => (r.ok ? r.record.sequenceNumber : r.failure.sequenceNumber)).filter((s) => failed.has(s)).map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
