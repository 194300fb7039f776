import { MASTER, ONE_TARGET, ROLE_EU, ROLE_US, TWO_TARGETS, awsError, coldStart, context, flush, setEnv } from '../helpers';
import { roleSessionName } from '../../src/credentials/assume-role';

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
type AnyClient = { config: { credentials: () => Promise<Creds>; region: () => Promise<string>; maxAttempts: () => Promise<number>; requestHandler: unknown } };

describe('provider wiring', () => {
  test('AssumeRole input per target, STS client in the function region with master credentials from env', async () => {
    setEnv(TWO_TARGETS, { CROSS_ACCOUNT_MAX_ATTEMPTS: '4', CROSS_ACCOUNT_CONNECT_TIMEOUT_MS: '250', CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: '1500' });
    const { stsMock, sts, load } = coldStart();
    load();
    await flush();
    const calls = stsMock.commandCalls(sts.AssumeRoleCommand);
    expect(calls).toHaveLength(2); // prefetch: one per target, at init
    const inputs = calls.map((c) => c.args[0].input);
    expect(inputs).toEqual(
      expect.arrayContaining([
        { RoleArn: ROLE_EU, RoleSessionName: 'pinpoint-endpoints-fn@eu-marketing', ExternalId: 'ext-id-123', SourceIdentity: 'pinpoint-endpoints-fn' },
        { RoleArn: ROLE_US, RoleSessionName: 'pinpoint-endpoints-fn@us-sales', DurationSeconds: 1800, SourceIdentity: 'pinpoint-endpoints-fn' },
      ]),
    );
    for (const call of calls) {
      const client = call.thisValue as unknown as AnyClient;
      expect(await client.config.region()).toBe('eu-central-1');
      expect(await client.config.maxAttempts()).toBe(4);
      const master = await client.config.credentials();
      expect(master).toMatchObject({
        accessKeyId: MASTER.AWS_ACCESS_KEY_ID,
        secretAccessKey: MASTER.AWS_SECRET_ACCESS_KEY,
        sessionToken: MASTER.AWS_SESSION_TOKEN,
      });
      const handler = client.config.requestHandler as { configProvider: Promise<{ connectionTimeout: number; requestTimeout: number }> };
      expect(await handler.configProvider).toMatchObject({
        connectionTimeout: 250,
        requestTimeout: 1500,
        throwOnRequestTimeout: true,
        socketTimeout: 1500,
      });
    }
  });

  test('Pinpoint clients get the assumed credentials, timeouts and max attempts', async () => {
    setEnv(ONE_TARGET, { CROSS_ACCOUNT_MAX_ATTEMPTS: '2', CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: '900' });
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).resolves({ EndpointResponse: {} });
    const { handler } = load();
    await handler({ operation: 'getEndpoint', endpointId: 'a' }, context());
    expect(pinpointMock.commandCalls(pinpoint.GetEndpointCommand)[0]?.auth).toContain('Credential=ASIAASSUMED1/');
    // Max attempts: a 500 on every attempt is tried exactly CROSS_ACCOUNT_MAX_ATTEMPTS times.
    pinpointMock.on(pinpoint.GetEndpointCommand).rejects(awsError('InternalServerErrorException', 500));
    await expect(handler({ operation: 'getEndpoint', endpointId: 'b' }, context())).rejects.toMatchObject({ name: 'UpstreamError' });
    expect(pinpointMock.commandCalls(pinpoint.GetEndpointCommand)).toHaveLength(3);
    // Timeouts: the handler every client of the target gets.
    const { boundedHttpHandler } = jest.requireActual<typeof import('../../src/http')>('../../src/http');
    const handlerConfig = await (boundedHttpHandler({ connectTimeoutMs: 1000, requestTimeoutMs: 900 }) as unknown as { configProvider: Promise<object> }).configProvider;
    expect(handlerConfig).toMatchObject({ connectionTimeout: 1000, requestTimeout: 900, throwOnRequestTimeout: true, socketTimeout: 900 });
  });

  test('a failing prefetch causes no unhandled rejection and the next request assumes again', async () => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, pinpointMock, pinpoint, load } = coldStart();
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    stsMock.on(sts.AssumeRoleCommand).rejectsOnce(awsError('ServiceUnavailable', 503)).resolves({
      Credentials: { AccessKeyId: 'ASIAOK', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600_000) },
    });
    pinpointMock.on(pinpoint.GetEndpointCommand).resolves({ EndpointResponse: { Id: 'a' } });
    const { handler } = load();
    await flush();
    await new Promise((r) => setTimeout(r, 20));
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).resolves.toMatchObject({ status: 'ok' });
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(2);
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('memoization and refresh', () => {
  afterEach(() => jest.restoreAllMocks());

  test('50 concurrent invocations on a cold function cause exactly one AssumeRole per target', async () => {
    setEnv(TWO_TARGETS);
    const { stsMock, sts, pinpointMock, pinpoint, load } = coldStart({ stsDelayMs: 30 });
    pinpointMock.on(pinpoint.GetEndpointCommand).resolves({ EndpointResponse: { Id: 'a' } });
    const { handler } = load();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        handler({ operation: 'getEndpoint', target: i % 2 ? 'eu-marketing' : 'us-sales', endpointId: `e${i}` }, context(`r${i}`)),
      ),
    );
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    const roles = stsMock.commandCalls(sts.AssumeRoleCommand).map((c) => c.args[0].input.RoleArn);
    expect(roles.sort()).toEqual([ROLE_EU, ROLE_US].sort());
    expect(pinpointMock.commandCalls(pinpoint.GetEndpointCommand)).toHaveLength(50);
  });

  test('credentials are reused until close to expiry, then re-assumed (fake clock)', async () => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).resolves({ EndpointResponse: { Id: 'a' } });
    const { handler } = load();
    const event = { operation: 'getEndpoint', endpointId: 'a' };
    await handler(event, context());
    await handler(event, context());
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(1);
    const start = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(start + 3600_000 - 60_000); // 1 minute before expiry: inside the SDK's 5-minute window
    await handler(event, context());
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(2);
    await handler(event, context());
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(2);
  });

  test('expired session token: drop cached credentials, re-assume once, retry once', async () => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, pinpointMock, pinpoint, load } = coldStart();
    pinpointMock
      .on(pinpoint.GetEndpointCommand)
      .rejectsOnce(awsError('ExpiredTokenException', 403, 'The security token included in the request is expired'))
      .resolves({ EndpointResponse: { Id: 'a' } });
    const { handler } = load();
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).resolves.toMatchObject({ status: 'ok' });
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(2);
    const calls = pinpointMock.commandCalls(pinpoint.GetEndpointCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.auth).toContain('Credential=ASIAASSUMED1/');
    expect(calls[1]?.auth).toContain('Credential=ASIAASSUMED2/');
  });

  test.each([
    ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
    ['InvalidClientTokenId', 'The security token included in the request is invalid'],
    ['SomethingElse', 'The security token included in the request is expired'],
  ])('%s also triggers exactly one re-assume and one retry, not more', async (name, message) => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).rejects(awsError(name, 403, message));
    const { handler } = load();
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).rejects.toMatchObject({
      name: 'UpstreamError',
      message: expect.stringContaining('even after re-assuming'),
    });
    expect(pinpointMock.commandCalls(pinpoint.GetEndpointCommand)).toHaveLength(2);
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(2);
  });

  test('other errors are not retried by the function', async () => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).rejects(awsError('BadRequestException', 400));
    const { handler } = load();
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).rejects.toMatchObject({ name: 'UpstreamError' });
    expect(pinpointMock.commandCalls(pinpoint.GetEndpointCommand)).toHaveLength(1);
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(1);
  });
});

describe('roleSessionName', () => {
  const valid = /^[\w+=,.@-]{2,64}$/;
  test('function@target when it fits', () => {
    expect(roleSessionName('fn', 'eu-marketing')).toBe('fn@eu-marketing');
  });
  test('long names are shortened to 64 chars, stay distinct and keep the target', () => {
    const fn = 'f'.repeat(64);
    const a = roleSessionName(fn, 'target-a'.padEnd(40, 'x'));
    const b = roleSessionName(fn + 'z', 'target-a'.padEnd(40, 'x'));
    expect(a).toMatch(valid);
    expect(a.endsWith('@' + 'target-a'.padEnd(40, 'x'))).toBe(true);
    expect(a).not.toBe(b);
    expect(roleSessionName('f'.repeat(64), 'T'.repeat(64))).toMatch(valid);
  });
  test('characters outside the STS charset are replaced', () => {
    expect(roleSessionName('my fn/$', 'x')).toMatch(valid);
    expect(roleSessionName('', '')).toMatch(valid);
  });
});
