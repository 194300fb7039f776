/** ShardConsumer's retry rules with a fake shard: bisect on function error, record age, invalid item identifiers. */
import type { FailureCondition, StreamRecord } from '../src/event-sources/kinesis-records';
import { ShardConsumer, type MappingSettings } from '../src/event-sources/shard-consumer';

const record = (n: number, ageMs = 0): StreamRecord => ({ SequenceNumber: String(100 + n), PartitionKey: 'p', Data: Buffer.from(String(n)), ApproximateArrivalTimestamp: new Date(1_000_000 - ageMs) });
const BASE: MappingSettings = { batchSize: 10, batchingWindowMs: 0, reportBatchItemFailures: true, bisectOnError: false, maximumRetryAttempts: 3, maximumRecordAgeSeconds: -1 };

async function run(settings: Partial<MappingSettings>, records: StreamRecord[], answer: (batch: readonly StreamRecord[]) => { result?: unknown; error?: { errorType: string } }) {
  const unread = [...records];
  const invoked: string[][] = [];
  const failed: { seqs: string[]; condition: FailureCondition; invokeCount: number }[] = [];
  const consumer = new ShardConsumer(
    { ...BASE, ...settings },
    {
      read: async (limit) => unread.splice(0, limit),
      invoke: async (batch) => {
        invoked.push(batch.map((r) => r.SequenceNumber));
        return answer(batch);
      },
      fail: async (batch, condition, invokeCount) => void failed.push({ seqs: batch.map((r) => r.SequenceNumber), condition, invokeCount }),
      now: () => 1_000_000,
      sleep: async () => undefined,
    },
  );
  while (await consumer.step());
  return { invoked, failed };
}

it('bisects a failing batch on function error until the bad record is alone, then sends only it to the destination', async () => {
  const { invoked, failed } = await run({ bisectOnError: true, maximumRetryAttempts: 3 }, [1, 2, 3, 4].map((n) => record(n)), (batch) =>
    batch.some((r) => r.SequenceNumber === '103') ? { error: { errorType: 'Error' } } : { result: null },
  );
  expect(invoked.slice(0, 3)).toEqual([['101', '102', '103', '104'], ['101', '102'], ['103', '104']]);
  expect(failed).toEqual([{ seqs: ['103'], condition: 'RetryAttemptsExhausted', invokeCount: 4 }]);
  expect(invoked.flat().filter((s) => s === '104').length).toBeGreaterThanOrEqual(1);
});

it('retries the whole batch on function error without bisect', async () => {
  const { invoked, failed } = await run({ maximumRetryAttempts: 2 }, [1, 2].map((n) => record(n)), () => ({ error: { errorType: 'Error' } }));
  expect(invoked).toEqual([['101', '102'], ['101', '102'], ['101', '102']]);
  expect(failed).toEqual([{ seqs: ['101', '102'], condition: 'RetryAttemptsExhausted', invokeCount: 3 }]);
});

it('sends records older than MaximumRecordAgeInSeconds to the destination without invoking', async () => {
  const { invoked, failed } = await run({ maximumRecordAgeSeconds: 60 }, [record(1, 61_000)], () => ({ result: null }));
  expect(invoked).toEqual([]);
  expect(failed).toEqual([{ seqs: ['101'], condition: 'RecordAgeExceeded', invokeCount: 0 }]);
});

it.each([
  ['an unknown itemIdentifier', { batchItemFailures: [{ itemIdentifier: '999' }] }],
  ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
])('treats %s as a failure of the whole batch', async (_label, result) => {
  let calls = 0;
  const { invoked } = await run({ maximumRetryAttempts: 1 }, [1, 2].map((n) => record(n)), () => (++calls === 1 ? { result } : { result: null }));
  expect(invoked).toEqual([['101', '102'], ['101', '102']]);
});

it('keeps a given-up batch when its on-failure delivery fails, and delivers it on the next step without invoking again', async () => {
  const unread = [record(1), record(2)];
  const invoked: string[][] = [];
  const delivered: string[][] = [];
  let deliveries = 0;
  const consumer = new ShardConsumer(
    { ...BASE, maximumRetryAttempts: 0 },
    {
      read: async (limit) => unread.splice(0, limit),
      invoke: async (batch) => {
        invoked.push(batch.map((r) => r.SequenceNumber));
        return { error: { errorType: 'Error' } };
      },
      fail: async (batch) => {
        if (++deliveries === 1) throw new Error('socket hang up');
        delivered.push(batch.map((r) => r.SequenceNumber));
      },
      now: () => 1_000_000,
      sleep: async () => undefined,
    },
  );
  await expect(consumer.step()).rejects.toThrow('socket hang up');
  while (await consumer.step());
  expect(invoked).toEqual([['101', '102']]);
  expect(delivered).toEqual([['101', '102']]);
});
