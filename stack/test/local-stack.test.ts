import { execFileSync } from 'node:child_process';
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import {
  BadRequestException,
  DeleteEndpointCommand,
  GetEndpointCommand,
  NotFoundException,
  PinpointClient,
  TooManyRequestsException,
  UpdateEndpointCommand,
} from '@aws-sdk/client-pinpoint';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startLocalStack, type Credentials, type LocalStack } from '../src';
import { allow, createRole, iamAs, lambdaTrust, REGION } from './fixtures';

const SOURCE = '111111111111';
const TARGET = '222222222222';
const EXTERNAL_ID = 'ext-7f3a';

// one moto per file; the first IAM evaluation loads iam-data (slow on a busy machine)
jest.setTimeout(30_000);

let stack: LocalStack;
let targetIam: IAMClient;
let callerRoleArn: string; // source: may assume target roles
let strangerRoleArn: string; // source: may assume target roles, but the trust policy names someone else
let noPolicyRoleArn: string; // source: no identity policy at all
let guardedRoleArn: string; // target: PrincipalArn + ExternalId conditions, path /cross/
let openRoleArn: string; // target: trusts the whole source account
let appId: string;
let otherAppId: string;

const sts = (credentials: Credentials) => new STSClient({ endpoint: stack.endpoint, region: REGION, credentials });
const pinpoint = (credentials: Credentials) =>
  new PinpointClient({ endpoint: stack.endpoint, region: REGION, credentials, maxAttempts: 1 });

async function error(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

/** null: no ExternalId at all */
async function assumeGuarded(externalId: string | null = EXTERNAL_ID): Promise<Credentials> {
  const caller = await stack.lambdaServiceCredentials(callerRoleArn);
  const out = await sts(caller).send(
    new AssumeRoleCommand({ RoleArn: guardedRoleArn, RoleSessionName: 'fn', ...(externalId ? { ExternalId: externalId } : {}) }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration! };
}

beforeAll(async () => {
  stack = await startLocalStack();
  const sourceIam = iamAs(stack, await stack.operatorCredentials(SOURCE));
  targetIam = iamAs(stack, await stack.operatorCredentials(TARGET));
  const assumeTargets = allow('sts:AssumeRole', `arn:aws:iam::${TARGET}:role/*`);
  callerRoleArn = await createRole(sourceIam, 'caller', lambdaTrust, assumeTargets);
  strangerRoleArn = await createRole(sourceIam, 'stranger', lambdaTrust, assumeTargets);
  noPolicyRoleArn = await createRole(sourceIam, 'no-policy', lambdaTrust);
  appId = await stack.createPinpointApp(TARGET, REGION, 'main');
  otherAppId = await stack.createPinpointApp(TARGET, REGION, 'other');
  guardedRoleArn = await createRole(
    targetIam,
    'pinpoint-access',
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${SOURCE}:root` },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': callerRoleArn }, StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
        },
      ],
    },
    allow(['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint'], `arn:aws:mobiletargeting:${REGION}:${TARGET}:apps/${appId}/endpoints/*`),
    '/cross/',
  );
  openRoleArn = await createRole(targetIam, 'open', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sts:AssumeRole' }],
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('sts:AssumeRole enforcement', () => {
  it('issues credentials when the identity policy and the trust policy (PrincipalArn, ExternalId) allow it', async () => {
    const creds = await assumeGuarded();
    const who = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(TARGET);
    expect(who.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/pinpoint-access/fn`);
    expect(creds.expiration!.getTime()).toBeGreaterThan(stack.clock.now().getTime());
  });

  it('refuses a wrong or missing ExternalId with an AWS-shaped AccessDenied', async () => {
    for (const externalId of ['wrong', null]) {
      const e = await error(assumeGuarded(externalId));
      expect(e.name).toBe('AccessDenied');
      expect(e.$metadata?.httpStatusCode).toBe(403);
      expect(e.message).toBe(
        `User: arn:aws:sts::${SOURCE}:assumed-role/caller/caller is not authorized to perform: sts:AssumeRole on resource: ${guardedRoleArn}`,
      );
    }
  });

  it('refuses a caller the trust policy does not name (aws:PrincipalArn)', async () => {
    const stranger = await stack.lambdaServiceCredentials(strangerRoleArn);
    const e = await error(sts(stranger).send(new AssumeRoleCommand({ RoleArn: guardedRoleArn, RoleSessionName: 'fn', ExternalId: EXTERNAL_ID })));
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain('assumed-role/stranger/');
  });

  it('needs an identity policy for a cross-account AssumeRole, even when the trust policy allows the account', async () => {
    const withPolicy = await stack.lambdaServiceCredentials(callerRoleArn);
    await expect(sts(withPolicy).send(new AssumeRoleCommand({ RoleArn: openRoleArn, RoleSessionName: 'ok' }))).resolves.toBeDefined();
    const without = await stack.lambdaServiceCredentials(noPolicyRoleArn);
    const e = await error(sts(without).send(new AssumeRoleCommand({ RoleArn: openRoleArn, RoleSessionName: 'no' })));
    expect(e.name).toBe('AccessDenied');
    expect(e.message).toContain(`on resource: ${openRoleArn}`);
  });

  it('refuses a role that does not exist and a role ARN with the wrong path', async () => {
    const caller = await stack.lambdaServiceCredentials(callerRoleArn);
    for (const RoleArn of [`arn:aws:iam::${TARGET}:role/missing`, `arn:aws:iam::${TARGET}:role/pinpoint-access`]) {
      const e = await error(sts(caller).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'fn', ExternalId: EXTERNAL_ID })));
      expect(e.name).toBe('AccessDenied');
    }
  });

  it('limits role chaining to one hour, like AWS', async () => {
    const caller = await stack.lambdaServiceCredentials(callerRoleArn);
    const e = await error(
      sts(caller).send(new AssumeRoleCommand({ RoleArn: openRoleArn, RoleSessionName: 'long', DurationSeconds: 7200 })),
    );
    expect(e.name).toBe('ValidationError');
  });

  describe('lambda:SourceFunctionArn is in the context of a function\'s credentials, and only theirs', () => {
    const fnArn = `arn:aws:lambda:${REGION}:${SOURCE}:function:bound`;
    let boundRoleArn: string;

    beforeAll(async () => {
      const sourceIam = iamAs(stack, await stack.operatorCredentials(SOURCE));
      boundRoleArn = await createRole(sourceIam, 'bound', lambdaTrust, {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: openRoleArn,
            Condition: { ArnEquals: { 'lambda:SourceFunctionArn': fnArn }, StringEquals: { 'aws:SourceAccount': SOURCE } },
          },
        ],
      });
    });

    it.each<[string, boolean, string | undefined]>([
      ['handed to this function', true, fnArn],
      ['handed to another function', false, `arn:aws:lambda:${REGION}:${SOURCE}:function:other`],
      ['used outside any function', false, undefined],
    ])('the role\'s credentials %s: AssumeRole allowed = %s', async (_label, allowed, functionArn) => {
      const creds = await stack.lambdaServiceCredentials(boundRoleArn, functionArn ? { functionArn } : {});
      const call = sts(creds).send(new AssumeRoleCommand({ RoleArn: openRoleArn, RoleSessionName: 'bound' }));
      if (allowed) await expect(call).resolves.toBeDefined();
      else expect((await error(call)).name).toBe('AccessDenied');
    });

    it('rejects a qualified or malformed function ARN', async () => {
      await expect(stack.lambdaServiceCredentials(boundRoleArn, { functionArn: `${fnArn}:1` })).rejects.toThrow(/not an unqualified function ARN/);
    });
  });

  it('gives Lambda credentials only for roles that trust lambda.amazonaws.com', async () => {
    await expect(stack.lambdaServiceCredentials(openRoleArn)).rejects.toThrow(/trust policy does not allow lambda.amazonaws.com/);
  });
});

describe('Pinpoint endpoints', () => {
  it('round-trips Update (merging like Pinpoint), Get and Delete', async () => {
    const client = pinpoint(await assumeGuarded());
    const update = await client.send(
      new UpdateEndpointCommand({
        ApplicationId: appId,
        EndpointId: 'user-1-phone',
        EndpointRequest: { ChannelType: 'SMS', Address: '+15555550100', Attributes: { tier: ['gold'] }, OptOut: 'NONE' },
      }),
    );
    expect(update.$metadata.httpStatusCode).toBe(202);
    expect(update.MessageBody?.Message).toBe('Accepted');
    expect(update.MessageBody?.RequestID).toMatch(/\S+/);

    await client.send(
      new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'user-1-phone', EndpointRequest: { Attributes: { lang: ['de'] }, User: { UserId: 'u1' } } }),
    );
    const got = (await client.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'user-1-phone' }))).EndpointResponse!;
    expect(got).toMatchObject({
      ApplicationId: appId,
      Id: 'user-1-phone',
      ChannelType: 'SMS',
      Address: '+15555550100',
      Attributes: { tier: ['gold'], lang: ['de'] },
      OptOut: 'NONE',
      EndpointStatus: 'ACTIVE',
      User: { UserId: 'u1' },
    });
    expect(got.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(got.CohortId).toMatch(/^\d{1,2}$/);

    // Deleting needs mobiletargeting:DeleteEndpoint: grant it through the gateway, which must forget cached policies.
    const roleName = 'pinpoint-access';
    await targetIam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: 'delete',
        PolicyDocument: JSON.stringify(allow('mobiletargeting:DeleteEndpoint', `arn:aws:mobiletargeting:${REGION}:${TARGET}:apps/${appId}/endpoints/*`)),
      }),
    );
    const deleted = await client.send(new DeleteEndpointCommand({ ApplicationId: appId, EndpointId: 'user-1-phone' }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted.EndpointResponse?.Id).toBe('user-1-phone');

    const gone = await error(client.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'user-1-phone' })));
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.$metadata?.httpStatusCode).toBe(404);
    expect((gone as NotFoundException).RequestID).toMatch(/\S+/);
  });

  it('refuses an action the role lacks with AccessDeniedException naming action and resource', async () => {
    const client = pinpoint(await assumeGuarded());
    // a fresh endpoint id: the delete grant of the previous test is scoped to appId, so use the other app's ARN form
    const e = await error(client.send(new DeleteEndpointCommand({ ApplicationId: otherAppId, EndpointId: 'x' })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.$metadata?.httpStatusCode).toBe(403);
    expect(e.message).toBe(
      `User: arn:aws:sts::${TARGET}:assumed-role/pinpoint-access/fn is not authorized to perform: mobiletargeting:DeleteEndpoint on resource: arn:aws:mobiletargeting:${REGION}:${TARGET}:apps/${otherAppId}/endpoints/x`,
    );
  });

  it('refuses another app of the same account', async () => {
    const client = pinpoint(await assumeGuarded());
    const e = await error(client.send(new GetEndpointCommand({ ApplicationId: otherAppId, EndpointId: 'user-1-phone' })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toContain('mobiletargeting:GetEndpoint');
  });

  it('answers NotFoundException for an unknown app and BadRequestException for a bad EndpointRequest', async () => {
    const admin = pinpoint(await stack.operatorCredentials(TARGET));
    const missing = await error(admin.send(new GetEndpointCommand({ ApplicationId: 'f'.repeat(32), EndpointId: 'e' })));
    expect(missing).toBeInstanceOf(NotFoundException);
    const bad = await error(
      admin.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'e', EndpointRequest: { ChannelType: 'CARRIER_PIGEON' as 'SMS' } })),
    );
    expect(bad).toBeInstanceOf(BadRequestException);
    expect(bad.message).toContain('ChannelType');
  });

  it('keeps apps per account: the source account cannot see the target app', async () => {
    const admin = pinpoint(await stack.operatorCredentials(SOURCE));
    const e = await error(admin.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'e' })));
    expect(e).toBeInstanceOf(NotFoundException);
  });
});

describe('identities beyond role inline policies', () => {
  it('applies a permissions boundary to a role session', async () => {
    const adminInline = allow('*', '*');
    const bounded = await createRole(
      targetIam,
      'bounded',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sts:AssumeRole' }] },
      adminInline,
    );
    const boundary = await targetIam.send(
      new CreatePolicyCommand({ PolicyName: 'get-only', PolicyDocument: JSON.stringify(allow('mobiletargeting:GetEndpoint', '*')) }),
    );
    await targetIam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'bounded', PermissionsBoundary: boundary.Policy!.Arn! }));
    const caller = await stack.lambdaServiceCredentials(callerRoleArn);
    const c = (await sts(caller).send(new AssumeRoleCommand({ RoleArn: bounded, RoleSessionName: 'bnd' }))).Credentials!;
    const client = pinpoint({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    await expect(client.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'none' }))).rejects.toBeInstanceOf(NotFoundException);
    const e = await error(client.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'x', EndpointRequest: {} })));
    expect(e.name).toBe('AccessDeniedException');
  });

  it('reads an IAM user\'s group policies', async () => {
    const sourceIam = iamAs(stack, await stack.operatorCredentials(SOURCE));
    await sourceIam.send(new CreateUserCommand({ UserName: 'dev' }));
    await sourceIam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await sourceIam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'dev' }));
    const key = (await sourceIam.send(new CreateAccessKeyCommand({ UserName: 'dev' }))).AccessKey!;
    const dev = sts({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const denied = await error(dev.send(new AssumeRoleCommand({ RoleArn: openRoleArn, RoleSessionName: 'dev' })));
    expect(denied.message).toBe(`User: arn:aws:iam::${SOURCE}:user/dev is not authorized to perform: sts:AssumeRole on resource: ${openRoleArn}`);
    await sourceIam.send(
      new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'assume', PolicyDocument: JSON.stringify(allow('sts:AssumeRole', openRoleArn)) }),
    );
    const out = await dev.send(new AssumeRoleCommand({ RoleArn: openRoleArn, RoleSessionName: 'dev' }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/open/dev`);
  });
});

describe('request log, latency and injected faults', () => {
  it('counts every request with service, action, key, status and decision', async () => {
    const caller = await stack.lambdaServiceCredentials(callerRoleArn);
    stack.requests.reset();
    const client = sts(caller);
    await client.send(new AssumeRoleCommand({ RoleArn: guardedRoleArn, RoleSessionName: 'fn', ExternalId: EXTERNAL_ID }));
    await error(client.send(new AssumeRoleCommand({ RoleArn: guardedRoleArn, RoleSessionName: 'fn', ExternalId: 'nope' })));
    expect(stack.requests.count({ service: 'sts', action: 'AssumeRole' })).toBe(2);
    expect(stack.requests.count({ service: 'sts', action: 'AssumeRole', accessKeyId: caller.accessKeyId, status: 403 })).toBe(1);
    expect(stack.requests.count({ service: 'pinpoint' })).toBe(0);
    expect(stack.requests.list().map((r) => r.decision)).toEqual(['Allowed', 'ImplicitlyDenied']);
  });

  it('delays answers by the configured latency', async () => {
    const client = pinpoint(await stack.operatorCredentials(TARGET));
    stack.setLatency({ pinpoint: 300 });
    const started = Date.now();
    await error(client.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'none' })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    stack.setLatency({ pinpoint: 0 });
  });
});

describe('injected faults', () => {
  it('throttles Pinpoint with a TooManyRequestsException the SDK parses, and the SDK retries it', async () => {
    const creds = await stack.operatorCredentials(TARGET);
    stack.injectFault('pinpoint', 'throttle');
    const e = await error(pinpoint(creds).send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'none' })));
    expect(e).toBeInstanceOf(TooManyRequestsException);
    expect(e.$metadata?.httpStatusCode).toBe(429);

    stack.requests.reset();
    stack.injectFault('pinpoint', 'server-error');
    const retrying = new PinpointClient({ endpoint: stack.endpoint, region: REGION, credentials: creds, maxAttempts: 2 });
    await expect(retrying.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'none' }))).rejects.toBeInstanceOf(NotFoundException);
    expect(stack.requests.list().map((r) => r.status)).toEqual([500, 404]);
  });

  it.each([
    ['access-denied', 'AccessDeniedException', 403],
    ['expired-token', 'ExpiredTokenException', 403],
  ] as const)('answers an injected %s in the service\'s own form (%s, HTTP %d), once', async (kind, name, status) => {
    const creds = await stack.operatorCredentials(TARGET);
    stack.injectFault('pinpoint', kind);
    const e = await error(pinpoint(creds).send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'none' })));
    expect(e.name).toBe(name);
    expect(e.$metadata?.httpStatusCode).toBe(status);
    await expect(pinpoint(creds).send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'none' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('request context of a role session', () => {
  it('evaluates trust conditions on aws:PrincipalType and aws:userid, as AWS sets them for a session', async () => {
    const sessionAware = await createRole(targetIam, 'session-aware', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${SOURCE}:root` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' }, StringLike: { 'aws:userid': '*:batch-*' } },
        },
      ],
    });
    const assume = async (sessionName: string) => {
      const caller = await stack.lambdaServiceCredentials(callerRoleArn, { sessionName });
      return sts(caller).send(new AssumeRoleCommand({ RoleArn: sessionAware, RoleSessionName: 'probe' }));
    };
    expect((await assume('batch-7')).Credentials?.AccessKeyId).toBeDefined();
    expect((await error(assume('interactive'))).name).toBe('AccessDenied');
  });
});

describe('credential expiry (gateway clock)', () => {
  it('answers ExpiredTokenException once the session has expired', async () => {
    const creds = await assumeGuarded();
    const caller = await stack.lambdaServiceCredentials(callerRoleArn, { durationSeconds: 7200 });
    stack.clock.advance(3600 * 1000 + 1);
    const e = await error(pinpoint(creds).send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'e' })));
    expect(e.name).toBe('ExpiredTokenException');
    expect(e.$metadata?.httpStatusCode).toBe(403);
    // the caller's 2-hour credentials still work and get fresh ones, expiring one hour from gateway time
    const before = stack.clock.now().getTime();
    const out = await sts(caller).send(
      new AssumeRoleCommand({ RoleArn: guardedRoleArn, RoleSessionName: 'fn', ExternalId: EXTERNAL_ID, DurationSeconds: 3600 }),
    );
    const expiresAt = out.Credentials!.Expiration!.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600 * 1000);
    expect(expiresAt).toBeLessThanOrEqual(stack.clock.now().getTime() + 3600 * 1000);
    stack.clock.advance(3600 * 1000);
    const stsExpired = await error(sts(caller).send(new GetCallerIdentityCommand({})));
    expect(stsExpired.name).toBe('ExpiredToken');
  });
});

describe('authentication beyond the access key id', () => {
  it('refuses a temporary key sent with another session token, or with none', async () => {
    const creds = await assumeGuarded();
    const other = await assumeGuarded();
    const call = (c: Credentials) => pinpoint(c).send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'e' }));
    const mixed = await error(call({ ...creds, sessionToken: other.sessionToken! }));
    expect(mixed.name).toBe('UnrecognizedClientException');
    const { sessionToken: _dropped, ...withoutToken } = creds;
    const missing = await error(sts(withoutToken).send(new GetCallerIdentityCommand({})));
    expect(missing.name).toBe('InvalidClientTokenId');
    // the same key with its own token is fine
    expect((await error(call(creds))).name).toBe('NotFoundException');
  });

  it('refuses an unsigned AssumeRole instead of letting moto issue credentials', async () => {
    const response = await fetch(`${stack.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(guardedRoleArn)}&RoleSessionName=x`,
    });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('MissingAuthenticationToken');
    expect(text).not.toContain('AccessKeyId');
  });
});

describe('stop()', () => {
  it('leaves no moto process behind and is idempotent', async () => {
    const port = new URL(stack.motoEndpoint).port;
    await stack.stop();
    await stack.stop();
    const found = (() => {
      try {
        return execFileSync('pgrep', ['-f', `moto_server -H 127.0.0.1 -p ${port}`]).toString();
      } catch {
        return '';
      }
    })();
    expect(found).toBe('');
  });
});
