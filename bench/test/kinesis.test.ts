/**
 * The Kinesis to IoT adapter: null figures with the reason while the example's
 * throughput module is absent; once it exists, its measureThroughput gets the
 * issue's parameters (batch 100, 20 ms publish latency) and its figures are the JSON's.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KINESIS_PARAMS, measureKinesis } from '../src/measure/kinesis';

describe('measureKinesis', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bench-kinesis-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('absent module: a reason naming it, no figures', async () => {
    await expect(measureKinesis(path.join(dir, 'absent', 'throughput.ts'))).resolves.toEqual({ missing: expect.stringMatching(/throughput\.ts is not on this branch/) });
  });

  test("present module: called with the issue's parameters, its figures returned", async () => {
    const module = path.join(dir, 'throughput.ts');
    writeFileSync(
      module,
      [
        'export async function measureThroughput(o: { batchSize: number; publishLatencyMs: number }) {',
        '  return { records_per_s: 5000, sequential_baseline_records_per_s: 45, batch_size: o.batchSize, publish_latency_ms: o.publishLatencyMs };',
        '}',
      ].join('\n'),
    );
    expect(KINESIS_PARAMS).toEqual({ batchSize: 100, publishLatencyMs: 20 });
    await expect(measureKinesis(module)).resolves.toEqual({ records_per_s: 5000, sequential_baseline_records_per_s: 45, batch_size: 100, publish_latency_ms: 20 });
  });
});
