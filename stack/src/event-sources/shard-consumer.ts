/**
 * One shard of a Kinesis event source mapping, with Lambda's retry rules:
 * - the handler returns `batchItemFailures` (ReportBatchItemFailures on): the
 *   batch is retried from the lowest failed sequence number (an empty or
 *   unknown itemIdentifier fails the whole batch);
 * - the handler throws: the whole batch is retried, or, with
 *   BisectBatchOnFunctionError, split in two halves retried separately;
 * - after MaximumRetryAttempts retries (-1: no limit), or once the oldest
 *   record is older than MaximumRecordAgeInSeconds (-1: no limit), the batch
 *   goes to the on-failure destination and the shard moves on; when that
 *   delivery fails, the shard retries the delivery before anything else.
 */
import type { FailureCondition, StreamRecord } from './kinesis-records';

export interface MappingSettings {
  batchSize: number;
  batchingWindowMs: number;
  reportBatchItemFailures: boolean;
  bisectOnError: boolean;
  maximumRetryAttempts: number;
  maximumRecordAgeSeconds: number;
}

export interface ShardIo {
  /** the next records of the shard, up to `limit`; [] at the end for now */
  read(limit: number): Promise<StreamRecord[]>;
  invoke(records: readonly StreamRecord[]): Promise<{ result?: unknown; error?: { errorType: string } }>;
  fail(records: readonly StreamRecord[], condition: FailureCondition, invokeCount: number, functionError?: string): Promise<void>;
  now(): number;
  sleep(ms: number): Promise<void>;
}

interface Pending {
  records: StreamRecord[];
  retries: number;
  /** set once the batch is given up: only its on-failure delivery is left (retried until it succeeds) */
  failure?: { condition: FailureCondition; invokeCount: number; functionError?: string };
}

/** Sequence numbers compare as integers (they are decimal strings of up to 56 digits). */
const seq = (r: StreamRecord): bigint => BigInt(r.SequenceNumber);

export class ShardConsumer {
  private readonly queue: Pending[] = [];

  constructor(
    private readonly settings: MappingSettings,
    private readonly io: ShardIo,
  ) {}

  /** One step: retry what is pending, else read and invoke a new batch. False when there was nothing to do. */
  async step(): Promise<boolean> {
    const next = this.queue.shift() ?? (await this.readBatch());
    if (!next) return false;
    await this.process(next);
    return true;
  }

  private async readBatch(): Promise<Pending | undefined> {
    const records = await this.io.read(this.settings.batchSize);
    const deadline = this.io.now() + this.settings.batchingWindowMs;
    while (records.length > 0 && records.length < this.settings.batchSize && this.io.now() < deadline) {
      await this.io.sleep(Math.min(100, deadline - this.io.now()));
      records.push(...(await this.io.read(this.settings.batchSize - records.length)));
    }
    return records.length > 0 ? { records, retries: 0 } : undefined;
  }

  private tooOld(records: readonly StreamRecord[]): boolean {
    const limit = this.settings.maximumRecordAgeSeconds;
    const oldest = records[0]?.ApproximateArrivalTimestamp?.getTime();
    return limit !== -1 && oldest !== undefined && this.io.now() - oldest > limit * 1000;
  }

  private exhausted(retries: number): boolean {
    return this.settings.maximumRetryAttempts !== -1 && retries > this.settings.maximumRetryAttempts;
  }

  /** Sends a given-up batch to the on-failure destination; when that fails, the shard stays on it (as Lambda does). */
  private async deliverFailure(batch: Pending & { failure: NonNullable<Pending['failure']> }): Promise<void> {
    try {
      await this.io.fail(batch.records, batch.failure.condition, batch.failure.invokeCount, batch.failure.functionError);
    } catch (error) {
      this.queue.unshift(batch);
      throw error;
    }
  }

  private giveUp(records: StreamRecord[], retries: number, condition: FailureCondition, invokeCount: number, functionError?: string): Promise<void> {
    return this.deliverFailure({ records, retries, failure: { condition, invokeCount, ...(functionError ? { functionError } : {}) } });
  }

  private async process(batch: Pending): Promise<void> {
    if (batch.failure) return this.deliverFailure(batch as Pending & { failure: NonNullable<Pending['failure']> });
    if (this.tooOld(batch.records)) return this.giveUp(batch.records, batch.retries, 'RecordAgeExceeded', batch.retries);
    const outcome = await this.io.invoke(batch.records);
    const invokeCount = batch.retries + 1;
    if (outcome.error) {
      const retries = batch.retries + 1;
      if (this.exhausted(retries)) return this.giveUp(batch.records, retries, 'RetryAttemptsExhausted', invokeCount, 'Unhandled');
      if (this.settings.bisectOnError && batch.records.length > 1) {
        const half = Math.ceil(batch.records.length / 2);
        this.queue.unshift({ records: batch.records.slice(0, half), retries }, { records: batch.records.slice(half), retries });
      } else {
        this.queue.unshift({ records: batch.records, retries });
      }
      return;
    }
    const failedFrom = this.settings.reportBatchItemFailures ? this.lowestFailure(batch.records, outcome.result) : undefined;
    if (failedFrom === undefined) return;
    const rest = batch.records.filter((r) => seq(r) >= failedFrom);
    const retries = batch.retries + 1;
    if (this.exhausted(retries)) return this.giveUp(rest, retries, 'RetryAttemptsExhausted', invokeCount);
    this.queue.unshift({ records: rest, retries });
  }

  /** The lowest failed sequence number, or undefined when the batch succeeded. */
  private lowestFailure(records: readonly StreamRecord[], result: unknown): bigint | undefined {
    const failures = (result as { batchItemFailures?: { itemIdentifier?: unknown }[] } | null)?.batchItemFailures;
    if (!Array.isArray(failures) || failures.length === 0) return undefined;
    const known = new Set(records.map((r) => r.SequenceNumber));
    let lowest: bigint | undefined;
    for (const f of failures) {
      const id = f?.itemIdentifier;
      if (typeof id !== 'string' || !known.has(id)) return seq(records[0]!); // invalid: the whole batch failed
      const n = BigInt(id);
      if (lowest === undefined || n < lowest) lowest = n;
    }
    return lowest;
  }
}
