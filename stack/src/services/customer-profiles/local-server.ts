/**
 * The emulator alone on a loopback port: no gateway, no signature check, no
 * IAM (every request is served for one account and region). For unit tests of
 * the emulator and of code that uses a real CustomerProfilesClient.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveCustomerProfiles } from './handler';
import { CustomerProfilesStore } from './store';

export interface LocalCustomerProfiles {
  endpoint: string;
  store: CustomerProfilesStore;
  /** operations served so far, in order */
  operations: string[];
  /** SigV4 credential scopes seen (`<region>/<service>`), in order: the service must be `profile` */
  scopes: string[];
  close(): Promise<void>;
}

export async function startLocalCustomerProfiles(options: { account?: string; region?: string } = {}): Promise<LocalCustomerProfiles> {
  const account = options.account ?? '222222222222';
  const region = options.region ?? 'eu-west-1';
  const store = new CustomerProfilesStore();
  const operations: string[] = [];
  const scopes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(req.headers.authorization ?? '');
      scopes.push(scope ? `${scope[1]}/${scope[2]}` : 'unsigned');
      const answer = serveCustomerProfiles({ store }, { method: req.method ?? 'GET', pathname: url.pathname, query: url.searchParams, body: Buffer.concat(chunks) }, account, region);
      operations.push(answer.action);
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    store,
    operations,
    scopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
