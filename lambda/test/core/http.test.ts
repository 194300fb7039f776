/**
 * The HTTP handler must END an attempt that exceeds its budget: a server that
 * accepts the connection and never answers must fail the call with a
 * TimeoutError well before anything like a Lambda timeout.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { boundedHttpHandler } from '../../src/http';

let server: Server;
const sockets = new Set<Socket>();
let port = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket); // accept, read, never answer
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test('a server that never answers fails the request with TimeoutError inside the budget', async () => {
  const handler = boundedHttpHandler({ connectTimeoutMs: 200, requestTimeoutMs: 300 });
  // The shape of @smithy's HttpRequest, which the handler reads field by field.
  const request = { protocol: 'http:', hostname: '127.0.0.1', port, method: 'GET', path: '/', query: {}, headers: { host: `127.0.0.1:${port}` } };
  type Request = Parameters<typeof handler.handle>[0];
  const started = Date.now();
  const error = (await handler.handle(request as unknown as Request).then(
    () => undefined,
    (e: Error) => e,
  )) as Error | undefined;
  const elapsed = Date.now() - started;
  handler.destroy();
  expect(error?.name).toBe('TimeoutError');
  expect(elapsed).toBeGreaterThanOrEqual(250);
  expect(elapsed).toBeLessThan(2000);
});
