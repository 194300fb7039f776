/**
 * Runs what extras.ts wires in (the Kinesis->IoT soak, further bad-input
 * corpora) and writes their sections; with nothing wired it writes nothing,
 * and the report keeps soak null. The soak's size: RELIABILITY_SOAK_RECORDS
 * (make reliability-doc: 10,000; make test-reliability: 1,000).
 */
import { corpus, runCorpus, type CorpusRow, type SoakCounts } from './extras-adapter';
import { corpora, soak } from './extras';
import { writeSection } from './results';

jest.setTimeout(900_000);

const soakRecords = Number(process.env.RELIABILITY_SOAK_RECORDS ?? 1000);

test('what extras.ts wires has the shapes the report reads', () => {
  expect(soak === undefined || typeof soak === 'function').toBe(true);
  for (const c of corpora) expect(c.events.length).toBeGreaterThanOrEqual(60);
});

test('the corpus runner tells a typed rejection or a 4xx from an AWS call, a 2xx, a plain Error and a handler that stops answering', async () => {
  class InvalidRequestError extends Error {
    override name = 'InvalidRequestError';
  }
  const handler = async (event: unknown): Promise<unknown> => {
    const kind = (event as { kind?: string } | null)?.kind;
    if (kind === 'aws') await fetch(`${process.env.AWS_ENDPOINT_URL}/x`).catch(() => undefined);
    if (kind === 'hang') return new Promise(() => undefined);
    if (kind === 'ok') return { statusCode: 200 };
    if (kind === 'http400') return { statusCode: 400 };
    if (kind === 'plain') throw new Error('boom');
    throw new InvalidRequestError('bad');
  };
  const events = [{ name: 'hangs next', event: {} }, { name: 'hang', event: { kind: 'hang' } }, { name: 'typed', event: {} }, { name: 'aws', event: { kind: 'aws' } }, { name: 'ok', event: { kind: 'ok' } }, { name: '400', event: { kind: 'http400' } }, { name: 'plain', event: { kind: 'plain' } }];
  const rows = await runCorpus(corpus('fake', 'test', events, () => Promise.resolve(handler)));
  expect(rows.slice(2).map((r) => [r.case, r.ok, r.awsCalls])).toEqual([
    ['typed', true, 0],
    ['aws', false, 1],
    ['ok', false, 0],
    ['400', true, 0],
    ['plain', false, 0],
  ]);
  expect(rows[0]).toMatchObject({ case: 'hangs next', ok: false });
});

const soakTest = soak ? test : test.skip;
soakTest(`Kinesis->IoT soak (${soakRecords} records): 0 lost, duplicates counted`, async () => {
  const counts: SoakCounts = await soak!({ records: soakRecords });
  const verdict = (ok: boolean): string => (ok ? 'as expected' : '**NOT as expected**');
  writeSection('50-soak', {
    title: 'Kinesis→IoT soak',
    intro:
      'examples/kinesis-to-iot/test/soak.ts: records through the Kinesis event source with 20 % of IoT publishes throttled, a 2-minute STS outage on the stack clock and one function process killed mid-batch; ' +
      'every sequence number checked against the IoT publish log. make reliability-doc runs 10,000 records, make test 1,000; the counts are in reliability.json (`soak`).',
    columns: ['check', 'expected', 'verdict'],
    rows: [
      ['records lost', '0 (every sequence number published at least once)', verdict(counts.lost === 0)],
      ['distinct records published', 'all records in', verdict(counts.published_distinct === counts.records_in)],
      ['duplicates', 'counted and reported (at-least-once delivery)', verdict(Number.isInteger(counts.duplicates) && counts.duplicates >= 0)],
    ],
    measuredNotes: [
      `This run: ${counts.records_in} records in, ${counts.published_distinct} published (distinct), ${counts.duplicates} duplicates, ${counts.lost} lost.`,
    ],
    facts: { soak: { ...counts } },
  });
  expect(counts.lost).toBe(0);
  expect(counts.published_distinct).toBe(counts.records_in);
});

for (const source of corpora) describe(`bad input: ${source.name}`, () => {
  let rows: CorpusRow[] = [];
  beforeAll(async () => {
    rows = await runCorpus(source);
    writeSection(`15-bad-input-${source.name}`, {
      title: `Bad input: ${source.name} (${source.shape})`,
      intro: `${rows.length} events from the example's exported corpus, each through the handler in this process with every AWS endpoint pointed at a request counter: a typed error or a 4xx, 0 AWS requests, and the handler then answers the next event.`,
      columns: ['case', 'observed', 'AWS requests', 'verdict'],
      rows: rows.map((r) => [r.case, r.observed, String(r.awsCalls), r.ok ? 'as expected' : '**NOT as expected**']),
      facts: { bad_input: { events: rows.length, aws_calls: rows.reduce((n, r) => n + r.awsCalls, 0) } },
    });
  });
  test('every event rejected without an AWS call; the handler keeps answering', () => {
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  });
});
