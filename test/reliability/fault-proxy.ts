/**
 * A small HTTP fault proxy that sits between the function and the local stack.
 *
 * Every request is classified by the SigV4 credential scope's service
 * (`Credential=AKID/date/region/<service>/aws4_request`) and an action
 * (STS: the query `Action`; Pinpoint: the REST route). Programmable rules
 * (match service/action, apply N times) answer in place of the stack, hang,
 * reset the connection, delay, cut the response short, or send the headers at
 * once and then trickle the body; unmatched requests
 * are forwarded unchanged. The proxy records every attempt it saw (which the
 * stack may never see) and collects the credentials STS handed out through it,
 * so the tests can search the function's output for them.
 */
import http from 'node:http';
import type net from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { operationOf, wireError, type WireErrorKind } from './wire-errors';

export type { WireErrorKind } from './wire-errors';

export type Fault =
  /** Answer with this response instead of forwarding. */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body: string }
  /** Accept the request and never answer (the client must time out). */
  | { kind: 'hang' }
  /** Reset the TCP connection (RST) as soon as the request arrives. */
  | { kind: 'reset' }
  /** Forward, but hold the upstream answer back for `ms` before sending it. */
  | { kind: 'delay'; ms: number }
  /** Send the status line, headers and the first `bytes` of this body, then destroy the socket. */
  | { kind: 'truncate'; status: number; headers?: Record<string, string>; body: string; bytes: number }
  /**
   * Forward, send the upstream's status line and headers at once, then its body one byte every
   * `everyMs` (never idle long enough for a socket timeout longer than that; the whole body
   * would take length x everyMs).
   */
  | { kind: 'trickle'; everyMs: number; minBytes?: number }
  /**
   * Answer with the service's own error of this kind, in the wire form the local stack's plug-in
   * for the request's signing service gives it (services/errors.ts: the same code, status and
   * protocol the gateway uses for its refusals and injected faults).
   */
  | { kind: 'error'; error: WireErrorKind; headers?: Record<string, string> };

export interface FaultRule {
  service?: string;
  action?: string;
  /** Only requests of this role session (see ProxyRecord.session). */
  session?: string;
  /** How many matching requests this rule applies to (default 1; Infinity for all). */
  times?: number;
  fault: Fault;
}

export interface ProxyRecord {
  at: number;
  service: string;
  action: string;
  accessKeyId?: string;
  /**
   * The role session the request belongs to: AssumeRole's RoleSessionName, and for a request
   * signed with credentials STS issued through the proxy, the session they were issued to.
   * Lets concurrent cases (one target each) count their own requests.
   */
  session?: string;
  /** The fault applied, or 'forward'. */
  outcome: Fault['kind'] | 'forward';
  status?: number;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface FaultProxy {
  readonly endpoint: string;
  addRule(rule: FaultRule): void;
  /** Drops every rule, or only those of one session. */
  clearRules(filter?: { session: string }): void;
  /** Rules added and not yet used up. */
  pendingRules(): number;
  records(): ProxyRecord[];
  /** Requests seen (since `mark()` returned `since`, when given) matching the filter. */
  count(filter?: RecordFilter, since?: number): number;
  /** A position in the record log, for `count(filter, since)` and `recordsSince`. */
  mark(): number;
  recordsSince(since: number): ProxyRecord[];
  resetRecords(): void;
  /** Every credential set returned by STS through the proxy. */
  issuedCredentials(): IssuedCredentials[];
  stop(): Promise<void>;
}

export type RecordFilter = Partial<Pick<ProxyRecord, 'service' | 'action' | 'outcome' | 'session'>>;

const scopePattern = /Credential=([^/,\s]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/** Service and signing key id from the SigV4 Authorization header. */
export function signingScope(authorization: string | undefined): { service: string; accessKeyId?: string } {
  const match = authorization ? scopePattern.exec(authorization) : null;
  if (!match) return { service: 'unknown' };
  return { service: match[2] ?? 'unknown', accessKeyId: match[1] };
}

/** The API action of a request: STS query `Action`, JSON `X-Amz-Target`, or the Pinpoint REST route. */
export function actionOf(service: string, method: string, url: string, headers: http.IncomingHttpHeaders, body: string): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  const pathname = new URL(url, 'http://proxy').pathname;
  if (service === 'mobiletargeting') {
    if (/^\/v1\/apps\/[^/]+\/endpoints\/[^/]+$/.test(pathname)) {
      if (method === 'GET') return 'GetEndpoint';
      if (method === 'PUT') return 'UpdateEndpoint';
      if (method === 'DELETE') return 'DeleteEndpoint';
    }
    return `${method} ${pathname}`;
  }
  const fromBody = new URLSearchParams(body).get('Action');
  if (fromBody) return fromBody;
  return new URL(url, 'http://proxy').searchParams.get('Action') ?? `${method} ${pathname}`;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function credentialsIn(body: string): IssuedCredentials | undefined {
  try {
    const doc = xml.parse(body) as Record<string, Record<string, Record<string, Record<string, string>>>>;
    for (const response of Object.values(doc)) {
      for (const result of Object.values(response ?? {})) {
        const creds = (result as Record<string, Record<string, string>> | undefined)?.Credentials;
        if (creds?.AccessKeyId && creds.SecretAccessKey) {
          return { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken ?? '' };
        }
      }
    }
  } catch {
    // not XML: nothing issued
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const upstreamUrl = new URL(upstream);
  const rules: Array<FaultRule & { remaining: number }> = [];
  const log: ProxyRecord[] = [];
  const issued: IssuedCredentials[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();

  /** Session of each access key STS issued through the proxy. */
  const sessionOfKey = new Map<string, string>();
  /** Records dropped by resetRecords (so `mark()` positions stay valid). */
  let dropped = 0;

  function take(service: string, action: string, session: string | undefined): Fault | undefined {
    const index = rules.findIndex(
      (r) =>
        r.remaining > 0 &&
        (r.service === undefined || r.service === service) &&
        (r.action === undefined || r.action === action) &&
        (r.session === undefined || r.session === session),
    );
    if (index < 0) return undefined;
    const rule = rules[index]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
    return rule.fault;
  }

  function forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstreamUrl.host };
      const out = http.request(
        { host: upstreamUrl.hostname, port: upstreamUrl.port, method: req.method, path: req.url, headers },
        (res) => {
          readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  function trickle(
    res: http.ServerResponse,
    upstreamAnswer: { status: number; headers: http.IncomingHttpHeaders; body: Buffer },
    everyMs: number,
    minBytes = 0,
  ): void {
    // A short body is padded with trailing blanks (valid after JSON and XML) so it outlasts the deadline.
    const pad = Math.max(0, minBytes - upstreamAnswer.body.length);
    const answer = pad > 0 ? { ...upstreamAnswer, body: Buffer.concat([upstreamAnswer.body, Buffer.alloc(pad, 0x20)]) } : upstreamAnswer;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= answer.body.length) {
        clearInterval(timer);
        timers.delete(timer);
        res.end();
        return;
      }
      res.write(answer.body.subarray(sent, sent + 1));
      sent += 1;
    }, everyMs);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const { service, accessKeyId } = signingScope(req.headers.authorization);
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const action = operationOf(service, method, url, req.headers, body) ?? actionOf(service, method, url, req.headers, body.toString('utf8'));
      const session =
        service === 'sts' && action === 'AssumeRole'
          ? (new URLSearchParams(body.toString('utf8')).get('RoleSessionName') ?? undefined)
          : accessKeyId !== undefined
            ? sessionOfKey.get(accessKeyId)
            : undefined;
      const fault = take(service, action, session);
      const record: ProxyRecord = { at: Date.now(), service, action, accessKeyId, session, outcome: fault?.kind ?? 'forward' };
      log.push(record);

      if (fault?.kind === 'hang') return; // the socket stays open until the client gives up or the proxy stops
      if (fault?.kind === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (fault?.kind === 'respond') {
        record.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers, 'content-length': Buffer.byteLength(fault.body) });
        res.end(fault.body);
        return;
      }
      if (fault?.kind === 'error') {
        const answer = wireError(service, fault.error, method, url, req.headers, body, action);
        record.status = answer.status;
        res.writeHead(answer.status, { ...answer.headers, ...fault.headers, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
        return;
      }
      if (fault?.kind === 'truncate') {
        record.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers, 'content-length': Buffer.byteLength(fault.body) });
        res.write(Buffer.from(fault.body).subarray(0, fault.bytes), () => req.socket.destroy());
        return;
      }

      const answer = await forward(req, body);
      record.status = answer.status;
      if (service === 'sts') {
        const creds = credentialsIn(answer.body.toString('utf8'));
        if (creds) {
          issued.push(creds);
          if (session !== undefined) sessionOfKey.set(creds.accessKeyId, session);
        }
      }
      if (fault?.kind === 'trickle') {
        trickle(res, answer, fault.everyMs, fault.minBytes);
        return;
      }
      if (fault?.kind === 'delay') {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, fault.ms);
          timers.add(t);
        });
        if (req.socket.destroyed) return;
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    })().catch(() => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('fault proxy: upstream unreachable');
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;

  let stopped = false;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    addRule(rule) {
      rules.push({ ...rule, remaining: rule.times ?? 1 });
    },
    clearRules(filter) {
      if (!filter) {
        rules.length = 0;
        return;
      }
      for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.session === filter.session) rules.splice(i, 1);
    },
    pendingRules() {
      return rules.length;
    },
    records() {
      return [...log];
    },
    count(filter = {}, since = dropped) {
      return log.slice(Math.max(0, since - dropped)).filter(
        (r) =>
          (filter.service === undefined || r.service === filter.service) &&
          (filter.action === undefined || r.action === filter.action) &&
          (filter.outcome === undefined || r.outcome === filter.outcome) &&
          (filter.session === undefined || r.session === filter.session),
      ).length;
    },
    mark() {
      return dropped + log.length;
    },
    recordsSince(since) {
      return log.slice(Math.max(0, since - dropped));
    },
    resetRecords() {
      dropped += log.length;
      log.length = 0;
    },
    issuedCredentials() {
      return [...issued];
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** STS (awsQuery) error body, as STS answers it. */
export function stsError(status: number, code: string, message: string): Fault {
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
    `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>00000000-fault-proxy-0000-000000000000</RequestId></ErrorResponse>`;
  return { kind: 'respond', status, headers: { 'content-type': 'text/xml' }, body };
}

/** Pinpoint (restJson) error, with the error type header the SDK reads. */
export function pinpointError(status: number, errorType: string, message: string): Fault {
  return {
    kind: 'respond',
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': errorType, 'x-amzn-requestid': 'fault-proxy' },
    body: JSON.stringify({ message, Message: message, RequestID: 'fault-proxy' }),
  };
}
