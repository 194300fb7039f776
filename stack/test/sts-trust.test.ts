/**
 * What the design depends on from STS and IAM: role-ARN principals stored as
 * unique ids (trust fidelity), SourceIdentity, the request log's reason for a
 * refused AssumeRole, and the credential calls the stack does not emulate.
 */
import { DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { startLocalStack, type Credentials, type LocalStack } from '../src';
import { allow, createRole, iamAs, lambdaTrust, REGION } from './fixtures';

const SOURCE = '111111111111';
const TARGET = '222222222222';
jest.setTimeout(60_000);

let stack: LocalStack;
let sourceIam: IAMClient;
let targetIam: IAMClient;
const callerArn = `arn:aws:iam::${SOURCE}:role/fn-exec`;
const laterArn = `arn:aws:iam::${SOURCE}:role/fn-later`;
const assumeTargets = allow(['sts:AssumeRole', 'sts:SetSourceIdentity'], `arn:aws:iam::${TARGET}:role/*`);

const sts = (credentials: Credentials) => new STSClient({ endpoint: stack.endpoint, region: REGION, credentials, maxAttempts: 1 });
const toCredentials = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Credentials => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

async function assumeAs(roleArn: string, target: string, extra: { ExternalId?: string; SourceIdentity?: string } = {}) {
  const caller = await stack.lambdaServiceCredentials(roleArn);
  return sts(caller).send(new AssumeRoleCommand({ RoleArn: target, RoleSessionName: 'fn', ...extra }));
}

async function createCaller(name = 'fn-exec'): Promise<void> {
  await createRole(sourceIam, name, lambdaTrust, assumeTargets);
}

async function deleteCaller(): Promise<void> {
  await sourceIam.send(new DeleteRolePolicyCommand({ RoleName: 'fn-exec', PolicyName: 'inline' }));
  await sourceIam.send(new DeleteRoleCommand({ RoleName: 'fn-exec' }));
}

const seedTrust = (principal: string) => ({ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' });
const moduleTrust = (principal: string) => ({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${SOURCE}:root` },
  Action: 'sts:AssumeRole',
  Condition: { ArnEquals: { 'aws:PrincipalArn': principal } },
});
const trustDoc = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });

beforeAll(async () => {
  stack = await startLocalStack();
  sourceIam = iamAs(stack, await stack.operatorCredentials(SOURCE));
  targetIam = iamAs(stack, await stack.operatorCredentials(TARGET));
  await createCaller();
});

afterAll(async () => {
  await stack?.stop();
});

describe('trust fidelity: a role ARN principal is the role, not its name', () => {
  it('refuses a trust policy naming a role that does not exist (MalformedPolicyDocument); root + aws:PrincipalArn is accepted', async () => {
    // the SDK's class for IAM's MalformedPolicyDocument code
    const seed = createRole(targetIam, 'seed-early', trustDoc(seedTrust(laterArn)));
    await expect(seed).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', message: `Invalid principal in policy: "AWS":"${laterArn}"` });
    const module = await createRole(targetIam, 'module-early', trustDoc(moduleTrust(laterArn)));
    await createCaller('fn-later');
    await expect(assumeAs(laterArn, module)).resolves.toBeDefined();
  });

  it('stores the principal as the role id (AROA…), so a recreated role no longer matches the seed-style trust', async () => {
    const seed = await createRole(targetIam, 'seed', trustDoc(seedTrust(callerArn)));
    const module = await createRole(targetIam, 'module', trustDoc(moduleTrust(callerArn)));
    const stored = decodeURIComponent((await targetIam.send(new GetRoleCommand({ RoleName: 'seed' }))).Role!.AssumeRolePolicyDocument!);
    expect(stored).toMatch(/"AWS":"AROA[A-Z0-9]+"/);
    await expect(assumeAs(callerArn, seed)).resolves.toBeDefined();
    await expect(assumeAs(callerArn, module)).resolves.toBeDefined();

    await deleteCaller();
    await createCaller();
    expect(await errorName(assumeAs(callerArn, seed))).toBe('AccessDenied');
    await expect(assumeAs(callerArn, module)).resolves.toBeDefined();
  });
});

describe('refused AssumeRole: AWS generic AccessDenied on the wire, the reason in the request log', () => {
  const conditioned = (condition: object) => trustDoc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sts:AssumeRole', Condition: condition });
  const CASES: [string, object, string | null, { ExternalId?: string; SourceIdentity?: string }, RegExp][] = [
    ['no trust statement matched', conditioned({ ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${SOURCE}:role/someone-else` } }), null, {}, /^no trust statement matched/],
    ['ExternalId mismatch', conditioned({ StringEquals: { 'sts:ExternalId': 'right' } }), null, { ExternalId: 'wrong' }, /^ExternalId mismatch/],
    ['identity policy lacks sts:AssumeRole', trustDoc(moduleTrust(`arn:aws:iam::${SOURCE}:role/no-policy`)), 'no-policy', {}, /^identity policy lacks sts:AssumeRole/],
    ['SourceFunctionArn mismatch', conditioned({ ArnEquals: { 'lambda:SourceFunctionArn': `arn:aws:lambda:${REGION}:${SOURCE}:function:other` } }), null, {}, /^SourceFunctionArn mismatch/],
    ['SetSourceIdentity not allowed', conditioned({}), null, { SourceIdentity: 'alice' }, /^SetSourceIdentity not allowed/],
  ];

  it.each(CASES)('%s', async (label, trust, callerName, extra, reason) => {
    const roleName = `diag-${label.replace(/[^a-z]/gi, '').slice(0, 40)}`;
    const target = await createRole(targetIam, roleName, trust);
    const caller = callerName ? await createRole(sourceIam, callerName, lambdaTrust) : callerArn;
    stack.requests.reset();
    expect(await errorName(assumeAs(caller, target, extra))).toBe('AccessDenied');
    const refused = stack.requests.list().filter((r) => r.action === 'AssumeRole' && r.status === 403);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatch(reason);
  });
});

describe('SourceIdentity', () => {
  it('needs sts:SetSourceIdentity in the trust policy and then rides on every request of the session', async () => {
    const trust = { Version: '2012-10-17', Statement: [{ ...moduleTrust(callerArn), Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }] };
    const onlyAlice = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: `arn:aws:ssm:${REGION}:${TARGET}:parameter/secret`, Condition: { StringEquals: { 'aws:SourceIdentity': 'alice' } } }],
    };
    const target = await createRole(targetIam, 'audited', trust, onlyAlice);
    await new SSMClient({ endpoint: stack.endpoint, region: REGION, credentials: await stack.operatorCredentials(TARGET) }).send(
      new PutParameterCommand({ Name: '/secret', Value: 's', Type: 'String' }),
    );
    const read = async (extra: { SourceIdentity?: string }) => {
      const out = await assumeAs(callerArn, target, extra);
      const ssm = new SSMClient({ endpoint: stack.endpoint, region: REGION, credentials: toCredentials(out.Credentials), maxAttempts: 1 });
      return ssm.send(new GetParameterCommand({ Name: '/secret' }));
    };
    await expect(read({ SourceIdentity: 'alice' })).resolves.toMatchObject({ Parameter: { Value: 's' } });
    expect(await errorName(read({ SourceIdentity: 'bob' }))).toBe('AccessDeniedException');
    expect(await errorName(read({}))).toBe('AccessDeniedException');
  });
});

it('refuses the credential calls it does not emulate with NotImplemented', async () => {
  const caller = await stack.lambdaServiceCredentials(callerArn);
  expect(await errorName(sts(caller).send(new GetSessionTokenCommand({})))).toBe('NotImplemented');
});
