/** The fault proxy itself, against a tiny upstream: classification, rules, counts, credential capture. */
import http from 'node:http';
import type net from 'node:net';
import { actionOf, pinpointError, signingScope, startFaultProxy, stsError, type FaultProxy } from './fault-proxy';

const stsAuth = 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x';
const ppAuth = 'AWS4-HMAC-SHA256 Credential=ASIAOTHER/20260101/eu-west-1/mobiletargeting/aws4_request, SignedHeaders=host, Signature=x';
const assumeRoleXml =
  '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAISSUED</AccessKeyId>' +
  '<SecretAccessKey>secret-issued</SecretAccessKey><SessionToken>token-issued</SessionToken>' +
  '<Expiration>2026-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>';

let upstream: http.Server;
let upstreamHits = 0;
let proxy: FaultProxy;

function call(path: string, method: string, auth: string, body = ''): Promise<{ status: number; body: string }> {
  const url = new URL(path, proxy.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(400, () => req.destroy(new Error('client timeout')));
    req.end(body);
  });
}

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    upstreamHits += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(req.url?.startsWith('/v1') ? '{"ok":true}' : assumeRoleXml);
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as net.AddressInfo).port}`);
});

afterAll(async () => {
  await proxy.stop();
  await new Promise<void>((r) => upstream.close(() => r()));
});

beforeEach(() => {
  proxy.clearRules();
  proxy.resetRecords();
  upstreamHits = 0;
});

test('classifies requests by SigV4 scope and action', () => {
  expect(signingScope(stsAuth)).toEqual({ service: 'sts', accessKeyId: 'ASIAEXAMPLE' });
  expect(signingScope(undefined)).toEqual({ service: 'unknown' });
  expect(actionOf('sts', 'POST', '/', {}, 'Action=AssumeRole&Version=2011-06-15')).toBe('AssumeRole');
  expect(actionOf('mobiletargeting', 'GET', '/v1/apps/abc/endpoints/e1', {}, '')).toBe('GetEndpoint');
  expect(actionOf('mobiletargeting', 'PUT', '/v1/apps/abc/endpoints/e1', {}, '{}')).toBe('UpdateEndpoint');
});

test('forwards unmatched requests and captures the credentials STS issued', async () => {
  const answer = await call('/', 'POST', stsAuth, 'Action=AssumeRole');
  expect(answer.status).toBe(200);
  expect(upstreamHits).toBe(1);
  expect(proxy.issuedCredentials()).toContainEqual({ accessKeyId: 'ASIAISSUED', secretAccessKey: 'secret-issued', sessionToken: 'token-issued' });
  expect(proxy.count({ service: 'sts', action: 'AssumeRole', outcome: 'forward' })).toBe(1);
});

test('applies a rule N times for its service/action only, then forwards', async () => {
  proxy.addRule({ service: 'sts', action: 'AssumeRole', times: 2, fault: stsError(400, 'Throttling', 'Rate exceeded') });
  const pp = await call('/v1/apps/abc/endpoints/e1', 'GET', ppAuth);
  expect(pp.status).toBe(200);
  const first = await call('/', 'POST', stsAuth, 'Action=AssumeRole');
  const second = await call('/', 'POST', stsAuth, 'Action=AssumeRole');
  const third = await call('/', 'POST', stsAuth, 'Action=AssumeRole');
  expect([first.status, second.status, third.status]).toEqual([400, 400, 200]);
  expect(first.body).toContain('<Code>Throttling</Code>');
  expect(upstreamHits).toBe(2); // the Pinpoint call and the third AssumeRole
  expect(proxy.pendingRules()).toBe(0);
  expect(proxy.count({ service: 'sts', action: 'AssumeRole' })).toBe(3);
});

test('pinpoint error, hang, reset, truncate and delay faults', async () => {
  proxy.addRule({ service: 'mobiletargeting', fault: pinpointError(429, 'TooManyRequestsException', 'slow down') });
  const limited = await call('/v1/apps/abc/endpoints/e1', 'GET', ppAuth);
  expect(limited.status).toBe(429);

  proxy.addRule({ service: 'mobiletargeting', fault: { kind: 'hang' } });
  await expect(call('/v1/apps/abc/endpoints/e1', 'GET', ppAuth)).rejects.toThrow('client timeout');

  proxy.addRule({ service: 'mobiletargeting', fault: { kind: 'reset' } });
  await expect(call('/v1/apps/abc/endpoints/e1', 'GET', ppAuth)).rejects.toThrow();

  proxy.addRule({ service: 'mobiletargeting', fault: { kind: 'truncate', status: 200, body: '{"ok":true,"more":"x"}', bytes: 5 } });
  await expect(call('/v1/apps/abc/endpoints/e1', 'GET', ppAuth)).rejects.toThrow();

  proxy.addRule({ service: 'mobiletargeting', fault: { kind: 'delay', ms: 1000 } });
  await expect(call('/v1/apps/abc/endpoints/e1', 'GET', ppAuth)).rejects.toThrow('client timeout');

  expect(proxy.records().map((r) => r.outcome)).toEqual(['respond', 'hang', 'reset', 'truncate', 'delay']);
});

test("trickle: the upstream answer's headers at once, then its body a byte per tick", async () => {
  proxy.addRule({ service: 'sts', fault: { kind: 'trickle', everyMs: 100 } });
  const started = Date.now();
  const { headersAfterMs, bytes } = await new Promise<{ headersAfterMs: number; bytes: number }>((resolve, reject) => {
    const req = http.request(new URL('/', proxy.endpoint), { method: 'POST', headers: { authorization: stsAuth } }, (res) => {
      const headersAfterMs = Date.now() - started;
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      setTimeout(() => {
        res.destroy();
        resolve({ headersAfterMs, bytes });
      }, 550);
    });
    req.on('error', reject);
    req.end('Action=AssumeRole');
  });
  expect(upstreamHits).toBe(1);
  expect(headersAfterMs).toBeLessThan(300);
  // About one byte per 100 ms over 550 ms: far from the whole answer.
  expect(bytes).toBeGreaterThanOrEqual(2);
  expect(bytes).toBeLessThanOrEqual(7);
  expect(proxy.count({ service: 'sts', outcome: 'trickle' })).toBe(1);
});
