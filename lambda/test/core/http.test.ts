/**
 * The HTTP handler must END an attempt that exceeds its budget: a server that
 * accepts the connection and never answers, or that sends the headers at once
 * and then trickles the body (never idle long enough for the socket timeout),
 * must fail the attempt with a TimeoutError within connect + request timeout,
 * and an SDK client must surface it as TimeoutError after its retries.
 */
import http from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { GetEndpointCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { attemptDeadlineMs, boundedHttpHandler } from '../../src/http';

// Generous for a loaded machine: the headers come at once; only the body is slow.
const timeouts = { connectTimeoutMs: 300, requestTimeoutMs: 900 };
const deadline = attemptDeadlineMs(timeouts);
/** The trickle's gap: well under the socket (idle) timeout, so only a total deadline can end it. */
const trickleGapMs = 100;

let silent: Server;
let silentPort = 0;
const sockets = new Set<Socket>();

/** Answers every request with its headers at once, then one body byte every `trickleGapMs`, forever. */
let trickle: http.Server;
let tricklePort = 0;
let trickleRequests = 0;
/** Answers with a small body sent in `chunks` pieces over `spreadMs` (within the deadline). */
let slowOk: http.Server;
let slowOkPort = 0;

function listen(server: Server | http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket); // accept, read, never answer
    socket.on('close', () => sockets.delete(socket));
  });
  silentPort = await listen(silent);

  trickle = http.createServer((req, res) => {
    trickleRequests += 1;
    req.resume();
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '100000', 'x-amzn-requestid': 'trickle' });
    res.flushHeaders();
    const timer = setInterval(() => res.write('<'), trickleGapMs);
    res.on('close', () => clearInterval(timer));
  });
  trickle.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  tricklePort = await listen(trickle);

  slowOk = http.createServer((req, res) => {
    req.resume();
    const body = 'x'.repeat(40);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) });
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      res.write(body.slice(sent, sent + 10));
      sent += 10;
      if (sent >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, trickleGapMs);
    res.on('close', () => clearInterval(timer));
  });
  slowOkPort = await listen(slowOk);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([silent, trickle, slowOk].map((s) => new Promise((resolve) => s.close(resolve))));
});

type Handler = ReturnType<typeof boundedHttpHandler>;
type Request = Parameters<Handler['handle']>[0];

/** The shape of @smithy's HttpRequest, which the handler reads field by field. */
function get(port: number): Request {
  return { protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path: '/', query: {}, headers: { host: `127.0.0.1:${port}` } } as unknown as Request;
}

function readAll(body: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    body.on('data', (c: Buffer) => (text += c.toString()));
    body.on('end', () => resolve(text));
    body.on('error', reject);
  });
}

const settle = <T>(p: Promise<T>): Promise<T | Error> => p.then((v) => v, (e: Error) => e);

test('the deadline is connect + request timeout (what the README\'s worst-case formula counts per attempt)', () => {
  expect(deadline).toBe(1200);
});

test('a server that never answers fails the request with TimeoutError inside the budget', async () => {
  const handler = boundedHttpHandler(timeouts);
  const started = Date.now();
  const error = await settle(handler.handle(get(silentPort)));
  const elapsed = Date.now() - started;
  handler.destroy();
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('TimeoutError');
  expect(elapsed).toBeGreaterThanOrEqual(timeouts.requestTimeoutMs - 50);
  expect(elapsed).toBeLessThan(timeouts.requestTimeoutMs + 2000);
});

test('headers at once, body trickling: reading the body fails with TimeoutError at the attempt deadline', async () => {
  const handler = boundedHttpHandler(timeouts);
  const started = Date.now();
  const { response } = await handler.handle(get(tricklePort));
  expect(response.statusCode).toBe(200);
  const error = await settle(readAll(response.body as Readable));
  const elapsed = Date.now() - started;
  handler.destroy();
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('TimeoutError');
  expect((error as Error & { code?: string }).code).toBe('ETIMEDOUT');
  expect((error as Error).message).toMatch(/total deadline of 1200 ms .* response body/);
  // Past the socket timeout (the trickle kept it from firing), ended by the total deadline.
  expect(elapsed).toBeGreaterThanOrEqual(deadline - 20);
  expect(elapsed).toBeLessThan(deadline + 1000);
});

test('a body that arrives in pieces within the deadline is read whole, and the handler serves the next request', async () => {
  const handler = boundedHttpHandler(timeouts);
  for (let i = 0; i < 2; i += 1) {
    const { response } = await handler.handle(get(slowOkPort));
    expect(await readAll(response.body as Readable)).toBe('x'.repeat(40));
  }
  // Past the first request's deadline: nothing left armed destroys a later response.
  await new Promise((resolve) => setTimeout(resolve, deadline));
  const { response } = await handler.handle(get(slowOkPort));
  expect(await readAll(response.body as Readable)).toBe('x'.repeat(40));
  handler.destroy();
});

test("the caller's own abort signal still aborts the request", async () => {
  const handler = boundedHttpHandler(timeouts);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  const error = await settle(handler.handle(get(silentPort), { abortSignal: controller.signal as never }));
  handler.destroy();
  expect((error as Error).name).toBe('AbortError');
  expect(Date.now() - started).toBeLessThan(timeouts.requestTimeoutMs);
});

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
const clients: Array<{ service: string; send: (endpoint: string, maxAttempts: number) => Promise<unknown> }> = [
  {
    service: 'STS AssumeRole',
    send: (endpoint: string, maxAttempts: number) =>
      new STSClient({ region: 'us-east-1', endpoint, credentials, maxAttempts, requestHandler: boundedHttpHandler(timeouts) }).send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 's' }),
      ),
  },
  {
    service: 'Pinpoint GetEndpoint',
    send: (endpoint: string, maxAttempts: number) =>
      new PinpointClient({ region: 'us-east-1', endpoint, credentials, maxAttempts, requestHandler: boundedHttpHandler(timeouts) }).send(
        new GetEndpointCommand({ ApplicationId: 'a'.repeat(32), EndpointId: 'e1' }),
      ),
  },
];

test.each(clients)('$service against a trickling body: TimeoutError after every attempt, each ended at its deadline', async ({ send }) => {
  trickleRequests = 0;
  const maxAttempts = 3;
  const started = Date.now();
  const error = (await settle(send(`http://127.0.0.1:${tricklePort}`, maxAttempts))) as Error & { $metadata?: { attempts?: number } };
  const elapsed = Date.now() - started;
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('TimeoutError');
  expect(error.message).toMatch(/total deadline of 1200 ms .* response body/);
  expect(error.$metadata?.attempts).toBe(maxAttempts);
  expect(trickleRequests).toBe(maxAttempts);
  // Each attempt ends at its deadline; the standard mode's backoff between attempts adds < 0.6 s here.
  expect(elapsed).toBeGreaterThanOrEqual(maxAttempts * deadline - 50);
  expect(elapsed).toBeLessThan(maxAttempts * deadline + 1500);
});
