import { ONE_TARGET, awsError, coldStart, context, setEnv } from '../helpers';

type Handle = (request: { hostname: string; path: string; headers: Record<string, string> }) => Promise<unknown>;

describe('logging', () => {
  afterEach(() => jest.restoreAllMocks());

  test('one structured JSON line per invocation; no credentials, tokens, addresses or user attributes', async () => {
    setEnv(ONE_TARGET, { POWERTOOLS_LOG_LEVEL: 'INFO' });
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    }
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock
      .on(pinpoint.UpdateEndpointCommand)
      .resolves({ MessageBody: { RequestID: 'r1' } })
      .on(pinpoint.GetEndpointCommand)
      .rejects(awsError('ForbiddenException', 403));
    const { handler } = load();
    const endpoint = { ChannelType: 'SMS', Address: '+15555550100', User: { UserAttributes: { favourite: ['secret-colour'] } } };
    await handler({ operation: 'updateEndpoint', endpointId: 'user-42', endpoint }, context('req-ok'));
    await handler({ operation: 'getEndpoint', endpointId: 'user-42' }, context('req-denied')).catch(() => undefined);
    await handler({ operation: 'updateEndpoint', endpointId: 'user-42', endpoint: { ...endpoint, Bad: 1 } }, context('req-bad')).catch(() => undefined);
    jest.restoreAllMocks();

    const records = lines.join('').trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const byRequest = Object.fromEntries(records.map((r) => [r.function_request_id, r]));
    expect(byRequest['req-ok']).toMatchObject({ level: 'INFO', operation: 'updateEndpoint', target: 'eu-marketing', outcome: 'ok', latencyMs: expect.any(Number) });
    expect(byRequest['req-denied']).toMatchObject({ level: 'ERROR', operation: 'getEndpoint', outcome: 'AccessDeniedError', upstreamError: 'ForbiddenException' });
    expect(byRequest['req-bad']).toMatchObject({ level: 'WARN', outcome: 'InvalidRequestError' });
    const all = lines.join('');
    for (const secret of ['+15555550100', 'secret-colour', 'favourite', 'ASIAASSUMED', 'assumed-secret', 'assumed-session-token', 'master-secret-value', 'master-session-token', 'AKIAMASTER']) {
      expect(all).not.toContain(secret);
    }
  });
});

describe('endpoint overrides (AWS_ENDPOINT_URL_*) reach Pinpoint and the STS client inside the provider', () => {
  afterEach(() => jest.restoreAllMocks());

  test('requests go to the env endpoints; Pinpoint is signed with the assumed credentials', async () => {
    setEnv(ONE_TARGET, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4510', AWS_ENDPOINT_URL_PINPOINT: 'http://127.0.0.1:4520' });
    jest.resetModules();
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { NodeHttpHandler } = require('@smithy/node-http-handler') as typeof import('@smithy/node-http-handler');
    const { HttpResponse } = require('@smithy/core/protocols') as typeof import('@smithy/core/protocols');
    const { Readable } = require('node:stream') as typeof import('node:stream');
    const seen: Array<{ url: string; auth: string }> = [];
    const respond = (status: number, body: string, type: string) => ({
      response: new HttpResponse({ statusCode: status, headers: { 'content-type': type }, body: Readable.from([Buffer.from(body)]) }),
    });
    jest.spyOn(NodeHttpHandler.prototype, 'handle').mockImplementation((async (request: { hostname: string; port?: number; path: string; headers: Record<string, string> }) => {
      seen.push({ url: `${request.hostname}:${request.port}${request.path}`, auth: request.headers.authorization ?? '' });
      if (request.port === 4510) {
        return respond(
          200,
          '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>' +
            '<AccessKeyId>ASIAFROMSTS</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>' +
            '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>' +
            '<ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></AssumeRoleResponse>',
          'text/xml',
        );
      }
      return respond(200, JSON.stringify({ Id: 'user-42', ChannelType: 'SMS' }), 'application/json');
    }) as unknown as Handle as never);
    const { handler } = require('../../functions/pinpoint/index') as typeof import('../../functions/pinpoint/index');
    /* eslint-enable @typescript-eslint/no-require-imports */
    await expect(handler({ operation: 'getEndpoint', endpointId: 'user-42' }, context())).resolves.toMatchObject({
      status: 'ok',
      endpoint: { Id: 'user-42' },
    });
    expect(seen[0]).toMatchObject({ url: '127.0.0.1:4510/', auth: expect.stringContaining('Credential=AKIAMASTEREXAMPLE/') });
    expect(seen[0]?.auth).toContain('/eu-central-1/sts/');
    expect(seen[1]).toMatchObject({ url: expect.stringMatching(/^127\.0\.0\.1:4520\/v1\/apps\/[0-9a-f]{32}\/endpoints\/user-42$/) });
    expect(seen[1]?.auth).toContain('Credential=ASIAFROMSTS/');
    expect(seen[1]?.auth).toContain('/eu-west-1/mobiletargeting/');
    expect(seen).toHaveLength(2);
  });
});
