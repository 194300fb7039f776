/**
 * The shapes Lambda uses for a Kinesis event source: the records of the
 * invocation event and the on-failure destination message (Lambda developer
 * guide, "Using Lambda with Kinesis": event example and "Configuring
 * destinations for event source mapping invocations").
 */
import { randomUUID } from 'node:crypto';

export interface StreamRecord {
  SequenceNumber: string;
  PartitionKey: string;
  Data: Uint8Array;
  ApproximateArrivalTimestamp?: Date;
}

export interface ShardSource {
  streamArn: string;
  shardId: string;
  region: string;
  /** the execution role (invokeIdentityArn) */
  roleArn: string;
}

export function kinesisEvent(source: ShardSource, records: readonly StreamRecord[]): { Records: unknown[] } {
  return {
    Records: records.map((r) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: r.PartitionKey,
        sequenceNumber: r.SequenceNumber,
        data: Buffer.from(r.Data).toString('base64'),
        approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${source.shardId}:${r.SequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: source.roleArn,
      awsRegion: source.region,
      eventSourceARN: source.streamArn,
    })),
  };
}

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export function failureMessage(
  source: ShardSource,
  functionArn: string,
  records: readonly StreamRecord[],
  condition: FailureCondition,
  invokeCount: number,
  functionError: string | undefined,
): string {
  const first = records[0]!;
  const last = records[records.length - 1]!;
  return JSON.stringify({
    requestContext: { requestId: randomUUID(), functionArn, condition, approximateInvokeCount: invokeCount },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: functionError ?? '' },
    version: '1.0',
    timestamp: new Date().toISOString(),
    KinesisBatchInfo: {
      shardId: source.shardId,
      startSequenceNumber: first.SequenceNumber,
      endSequenceNumber: last.SequenceNumber,
      approximateArrivalOfFirstRecord: first.ApproximateArrivalTimestamp?.toISOString(),
      approximateArrivalOfLastRecord: last.ApproximateArrivalTimestamp?.toISOString(),
      batchSize: records.length,
      streamArn: source.streamArn,
    },
  });
}
