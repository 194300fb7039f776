import { APP_EU, APP_US, ONE_TARGET, TWO_TARGETS, awsError, coldStart, context, flush, setEnv } from '../helpers';

const SMS = { ChannelType: 'SMS', Address: '+15555550100', OptOut: 'NONE' };

describe('operations', () => {
  test('getEndpoint returns the endpoint (single target, target omitted)', async () => {
    setEnv(ONE_TARGET);
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).resolves({ EndpointResponse: { Id: 'user-42-phone', ChannelType: 'SMS' } });
    const { handler } = load();
    const result = await handler({ operation: 'getEndpoint', endpointId: 'user-42-phone' }, context());
    expect(result).toEqual({ status: 'ok', operation: 'getEndpoint', target: 'eu-marketing', endpoint: { Id: 'user-42-phone', ChannelType: 'SMS' } });
    expect(pinpointMock.commandCalls(pinpoint.GetEndpointCommand)[0]?.args[0].input).toEqual({ ApplicationId: APP_EU, EndpointId: 'user-42-phone' });
  });

  test('updateEndpoint sends the EndpointRequest and returns the request id', async () => {
    setEnv(ONE_TARGET);
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.UpdateEndpointCommand).resolves({ MessageBody: { Message: 'Accepted', RequestID: 'pp-req-7' } });
    const { handler } = load();
    const result = await handler({ operation: 'updateEndpoint', target: 'eu-marketing', endpointId: 'user-42-phone', endpoint: SMS }, context());
    expect(result).toEqual({ status: 'ok', operation: 'updateEndpoint', target: 'eu-marketing', requestId: 'pp-req-7' });
    expect(pinpointMock.commandCalls(pinpoint.UpdateEndpointCommand)[0]?.args[0].input).toEqual({
      ApplicationId: APP_EU,
      EndpointId: 'user-42-phone',
      EndpointRequest: SMS,
    });
  });

  test('NotFoundException becomes a not_found result', async () => {
    setEnv(ONE_TARGET);
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).rejects(awsError('NotFoundException', 404, 'Resource not found'));
    const { handler } = load();
    await expect(handler({ operation: 'getEndpoint', endpointId: 'nobody' }, context())).resolves.toEqual({
      status: 'not_found',
      operation: 'getEndpoint',
      target: 'eu-marketing',
      endpointId: 'nobody',
    });
  });
});

describe('app id per target', () => {
  test.each([
    ['missing', {}, /eu-marketing\.settings\.pinpointAppId: is required by the Pinpoint function/],
    ['malformed', { settings: { pinpointAppId: 'ABC' } }, /eu-marketing\.settings\.pinpointAppId: expected 32 lowercase hex/],
  ])('%s app id -> ConfigurationError at init naming the target', (_label, extra, message) => {
    setEnv({ 'eu-marketing': { roleArn: ONE_TARGET['eu-marketing'].roleArn, region: 'eu-west-1', ...extra } });
    const { load } = coldStart();
    expect(load).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringMatching(message) }));
  });
});

describe('routing among targets', () => {
  test('each target uses its own app id, region and client', async () => {
    setEnv(TWO_TARGETS);
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).resolves({ EndpointResponse: { Id: 'x' } });
    const { handler } = load();
    await handler({ operation: 'getEndpoint', target: 'us-sales', endpointId: 'a' }, context());
    await handler({ operation: 'getEndpoint', target: 'eu-marketing', endpointId: 'b' }, context());
    const calls = pinpointMock.commandCalls(pinpoint.GetEndpointCommand);
    expect(calls.map((c) => c.args[0].input.ApplicationId)).toEqual([APP_US, APP_EU]);
    expect(calls.map((c) => c.region)).toEqual(['us-east-1', 'eu-west-1']);
    expect(calls[0]?.auth).not.toContain('Credential=' + /Credential=(\w+)/.exec(calls[1]?.auth ?? '')?.[1]);
  });

  test('target is required when several are configured', async () => {
    setEnv(TWO_TARGETS);
    const { pinpointMock, load } = coldStart();
    const { handler } = load();
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).rejects.toMatchObject({
      name: 'InvalidRequestError',
      message: expect.stringMatching(/^target: is required .*eu-marketing, us-sales/),
    });
    await expect(handler({ operation: 'getEndpoint', target: 'nope', endpointId: 'a' }, context())).rejects.toMatchObject({
      name: 'InvalidRequestError',
      message: expect.stringContaining('target: unknown target "nope"'),
    });
    expect(pinpointMock.calls()).toHaveLength(0);
  });
});

describe('error mapping', () => {
  async function failWith(error: Error, operation: 'getEndpoint' | 'updateEndpoint' = 'getEndpoint') {
    setEnv(ONE_TARGET);
    const { pinpointMock, pinpoint, load } = coldStart();
    pinpointMock.on(pinpoint.GetEndpointCommand).rejects(error).on(pinpoint.UpdateEndpointCommand).rejects(error);
    const { handler } = load();
    const event = operation === 'getEndpoint' ? { operation, endpointId: 'a' } : { operation, endpointId: 'a', endpoint: SMS };
    return handler(event, context()).then(
      () => {
        throw new Error('expected a rejection');
      },
      (e: Error) => e,
    );
  }

  test('Pinpoint ForbiddenException -> AccessDeniedError naming role, app and action', async () => {
    const e = await failWith(awsError('ForbiddenException', 403), 'updateEndpoint');
    expect(e.name).toBe('AccessDeniedError');
    expect(e.message).toContain('arn:aws:iam::222222222222:role/pinpoint-endpoints');
    expect(e.message).toContain(APP_EU);
    expect(e.message).toContain('mobiletargeting:UpdateEndpoint');
  });

  test('AccessDeniedException (IAM) -> AccessDeniedError', async () => {
    expect((await failWith(awsError('AccessDeniedException', 403))).name).toBe('AccessDeniedError');
  });

  test('throttling after the SDK retries -> UpstreamError with details', async () => {
    const e = await failWith(awsError('TooManyRequestsException', 429));
    expect(e.name).toBe('UpstreamError');
    expect(e.message).toMatch(/TooManyRequestsException, HTTP 429, 3 attempt\(s\), AWS request id aws-req-1/);
  });

  test('5xx -> UpstreamError', async () => {
    expect((await failWith(awsError('InternalServerErrorException', 500))).name).toBe('UpstreamError');
  });

  test('SDK timeouts -> the function\'s TimeoutError, saying where', async () => {
    const e = await failWith(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }));
    expect(e.name).toBe('TimeoutError');
    expect(e.message).toMatch(/^Pinpoint getEndpoint on app [0-9a-f]{32} \(target "\S+", [a-z0-9-]+\) timed out/);
  });

  test('AccessDenied on AssumeRole -> AssumeRoleDeniedError naming the role and both places to look', async () => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, pinpointMock, load } = coldStart();
    stsMock.on(sts.AssumeRoleCommand).rejects(awsError('AccessDenied', 403, 'User is not authorized to perform sts:AssumeRole'));
    const { handler } = load();
    await flush();
    const e = (await handler({ operation: 'getEndpoint', endpointId: 'a' }, context()).catch((x: Error) => x)) as Error;
    expect(e.name).toBe('AssumeRoleDeniedError');
    expect(e.message).toContain('arn:aws:iam::222222222222:role/pinpoint-endpoints');
    expect(e.message).toContain("target role's trust policy");
    expect(e.message).toContain('must allow sts:AssumeRole');
    expect(e.message).toContain('sts:SetSourceIdentity'); // SourceIdentity was sent: it may be the cause
    expect(pinpointMock.calls()).toHaveLength(0);
  });

  test('AccessDenied on AssumeRole without SourceIdentity does not blame it', async () => {
    setEnv({ 'eu-marketing': { ...ONE_TARGET['eu-marketing'], sourceIdentity: false } });
    const { stsMock, sts, load } = coldStart();
    stsMock.on(sts.AssumeRoleCommand).rejects(awsError('AccessDenied', 403));
    const { handler } = load();
    const e = (await handler({ operation: 'getEndpoint', endpointId: 'a' }, context()).catch((x: Error) => x)) as Error;
    expect(e.name).toBe('AssumeRoleDeniedError');
    expect(e.message).not.toContain('SourceIdentity');
    expect(stsMock.commandCalls(sts.AssumeRoleCommand)[0]?.args[0].input.SourceIdentity).toBeUndefined();
  });

  test('STS timeout -> TimeoutError, other STS failures -> UpstreamError', async () => {
    setEnv(ONE_TARGET);
    const { stsMock, sts, load } = coldStart();
    stsMock
      .on(sts.AssumeRoleCommand)
      .rejects(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    const { handler } = load();
    await flush();
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).rejects.toMatchObject({ name: 'TimeoutError' });
    stsMock.on(sts.AssumeRoleCommand).rejects(awsError('RegionDisabledException', 403));
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).rejects.toMatchObject({ name: 'ConfigurationError' });
    stsMock.on(sts.AssumeRoleCommand).rejects(awsError('ServiceUnavailable', 503));
    await expect(handler({ operation: 'getEndpoint', endpointId: 'a' }, context())).rejects.toMatchObject({
      name: 'UpstreamError',
      message: expect.stringContaining('ServiceUnavailable, HTTP 503'),
    });
  });
});
