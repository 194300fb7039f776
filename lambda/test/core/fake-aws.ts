/**
 * A local HTTP fake of STS (AssumeRole, GetCallerIdentity), SSM, SQS, DynamoDB
 * and S3, enough for the runtime's credential tests to run real SDK clients
 * end to end (endpoint override, signing, retries, middleware). It issues
 * sessions on AssumeRole and answers every other request by the session token
 * it was signed with: unknown, revoked or expired (by `Date.now()`, so a fake
 * clock drives it) -> the service's own expired-token error.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Service = 'sts' | 'ssm' | 'sqs' | 'dynamodb' | 's3';

export interface ServiceRequest {
  service: Service;
  operation: string;
  /** Session token the request was signed with. */
  token: string;
  ok: boolean;
}

interface Session {
  expiresAt: number;
  revoked: boolean;
}

export interface FakeAws {
  url: string;
  /** AssumeRole calls answered or held so far, with their RoleArn. */
  assumeRoles: string[];
  /** SourceIdentity of each AssumeRole (null when not sent). */
  sourceIdentities: Array<string | null>;
  /** Every request to a service other than sts:AssumeRole. */
  requests: ServiceRequest[];
  /** From now on AssumeRole answers wait until `release()`. */
  hold(): void;
  /** Answers the held AssumeRoles (and stops holding). */
  release(): void;
  /** AssumeRoles waiting to be answered. */
  held(): number;
  /** The session a token belongs to can no longer be used (as after a revocation). */
  revoke(token: string): void;
  /** While on, every session is answered as expired. */
  rejectAll(on: boolean): void;
  /** Latest expiry issued (ms since epoch). */
  latestExpiry(): number;
  reset(): void;
  close(): Promise<void>;
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'x-amzn-requestid': 'fake-req', ...headers });
  response.end(body);
}

function expired(response: ServerResponse, service: Service): void {
  const message = 'The security token included in the request is expired';
  if (service === 's3') {
    send(response, 400, 'application/xml', '<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>');
  } else if (service === 'sts') {
    send(
      response,
      403,
      'text/xml',
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    );
  } else {
    const type = service === 'ssm' ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
    send(response, 400, type, JSON.stringify({ __type: 'com.amazon.coral.service#ExpiredTokenException', message }));
  }
}

function answer(response: ServerResponse, service: Service, operation: string, body: string): void {
  switch (service) {
    case 'ssm':
      return send(response, 200, 'application/x-amz-json-1.1', JSON.stringify({ Parameter: { Name: 'p', Type: 'String', Value: 'v' } }));
    case 'dynamodb':
      return send(response, 200, 'application/x-amz-json-1.0', '{}');
    case 'sqs': {
      const messageBody = (JSON.parse(body) as { MessageBody?: string }).MessageBody ?? '';
      const md5 = createHash('md5').update(messageBody).digest('hex');
      return send(response, 200, 'application/x-amz-json-1.0', JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: md5 }));
    }
    case 's3':
      return send(
        response,
        200,
        'application/xml',
        '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>bucket</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>',
      );
    case 'sts':
      return send(
        response,
        200,
        'text/xml',
        `<${operation}Response xmlns="${XMLNS}"><${operation}Result><Arn>arn:aws:sts::222222222222:assumed-role/r/s</Arn>` +
          `<UserId>AROA:s</UserId><Account>222222222222</Account></${operation}Result>` +
          `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${operation}Response>`,
      );
  }
}

export async function startFakeAws(): Promise<FakeAws> {
  let sessions = new Map<string, Session>();
  let issued = 0;
  let latest = 0;
  let holding = false;
  let rejecting = false;
  let waiting: Array<() => void> = [];
  const fake = {
    url: '',
    assumeRoles: [] as string[],
    sourceIdentities: [] as Array<string | null>,
    requests: [] as ServiceRequest[],
  };

  const assumeRole = async (response: ServerResponse, params: URLSearchParams): Promise<void> => {
    fake.assumeRoles.push(params.get('RoleArn') ?? '');
    fake.sourceIdentities.push(params.get('SourceIdentity'));
    if (holding) await new Promise<void>((resolve) => waiting.push(resolve));
    issued += 1;
    const token = `token-${issued}`;
    const expiresAt = Date.now() + Number(params.get('DurationSeconds') ?? 3600) * 1000;
    latest = Math.max(latest, expiresAt);
    sessions.set(token, { expiresAt, revoked: false });
    send(
      response,
      200,
      'text/xml',
      `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKE${issued}</AccessKeyId>` +
        `<SecretAccessKey>secret-${issued}</SecretAccessKey><SessionToken>${token}</SessionToken>` +
        `<Expiration>${new Date(expiresAt).toISOString()}</Expiration></Credentials>` +
        `<AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>` +
        `</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  };

  const server = createServer((request, response) => {
    void (async () => {
      const body = await read(request);
      const scope = /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? '');
      const service = (scope?.[1] ?? 'unknown') as Service;
      const target = String(request.headers['x-amz-target'] ?? '');
      const params = new URLSearchParams(service === 'sts' ? body : '');
      const operation = service === 'sts' ? (params.get('Action') ?? '') : target.split('.')[1] || `${request.method} ${request.url}`;
      if (service === 'sts' && operation === 'AssumeRole') return assumeRole(response, params);
      const token = String(request.headers['x-amz-security-token'] ?? '');
      const session = sessions.get(token);
      const ok = !rejecting && session !== undefined && !session.revoked && Date.now() < session.expiresAt;
      fake.requests.push({ service, operation, token, ok });
      if (!ok) return expired(response, service);
      return answer(response, service, operation, body);
    })().catch((error: unknown) => send(response, 500, 'text/plain', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(fake, {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      const go = waiting;
      waiting = [];
      for (const resolve of go) resolve();
    },
    held: () => waiting.length,
    revoke: (token: string) => {
      const session = sessions.get(token);
      if (session) session.revoked = true;
    },
    rejectAll: (on: boolean) => {
      rejecting = on;
    },
    latestExpiry: () => latest,
    reset: () => {
      sessions = new Map();
      fake.assumeRoles = [];
      fake.sourceIdentities = [];
      rejecting = false;
      fake.requests = [];
      holding = false;
      waiting = [];
      latest = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
