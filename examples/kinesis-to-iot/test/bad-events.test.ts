/**
 * The Kinesis bad-input corpus against the REAL bundle in its own process:
 * every malformed event gets a typed InvalidEventError or every record reported
 * in batchItemFailures, with 0 AWS calls (every AWS endpoint of the function is
 * a local server counting requests), and the process keeps serving: a valid
 * record afterwards reaches the network.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFunctionProcess, type FunctionProcess, type InvokeOutcome } from '../../../stack/src/function-process';
import { badKinesisEvents, sequenceNumbersOf } from './bad-events';
import { BUNDLE } from './deploy';

let server: Server;
let requests = 0;
let fn: FunctionProcess;
const outcomes = new Map<string, InvokeOutcome>();

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fn = await startFunctionProcess({
    bundlePath: BUNDLE,
    env: {
      // no prefetch and a configured data endpoint: the function makes no call before it publishes
      CROSS_ACCOUNT_TARGETS: JSON.stringify({ iot: { roleArn: 'arn:aws:iam::222222222222:role/k2iot', region: 'us-east-1', prefetch: false, settings: { topicPrefix: 'telemetry', iotEndpoint: endpoint } } }),
      CROSS_ACCOUNT_MAX_ATTEMPTS: '1',
    },
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    stackEndpoint: endpoint,
    functionName: 'k2iot-bad-events',
  });
  for (const row of badKinesisEvents) outcomes.set(row.name, await fn.invoke(row.event));
});

afterAll(async () => {
  await fn?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

it('has at least 60 malformed events', () => {
  expect(badKinesisEvents.length).toBeGreaterThanOrEqual(60);
  expect(new Set(badKinesisEvents.map((r) => r.name)).size).toBe(badKinesisEvents.length);
});

it.each(badKinesisEvents.map((row) => [row.name, row] as const))('%s', (_name, row) => {
  const outcome = outcomes.get(row.name)!;
  if (row.expect === 'InvalidEventError') {
    expect(outcome.error?.errorType).toBe('InvalidEventError');
  } else {
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({ batchItemFailures: sequenceNumbersOf(row.event).map((itemIdentifier) => ({ itemIdentifier })) });
  }
});

it('made 0 AWS calls for the corpus, logged no payload, and keeps serving: a valid record afterwards reaches the network', async () => {
  expect(requests).toBe(0);
  expect(fn.logs().some((l) => l.includes('polluted') || l.includes('hello world'))).toBe(false);
  const good = { Records: [{ kinesis: { partitionKey: 'dev-1', sequenceNumber: '7', data: Buffer.from('{"id":1}').toString('base64') }, eventSource: 'aws:kinesis', eventID: 'shardId-000000000000:7' }] };
  const outcome = await fn.invoke(good);
  expect(outcome.result).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] }); // the fake STS answers 500
  expect(requests).toBeGreaterThan(0);
});
