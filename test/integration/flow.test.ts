/**
 * The cross-account flow end to end: the local stack (moto + IAM-enforcing
 * gateway), examples/local applied with Terraform into the source and target
 * accounts (with an ExternalId), and the REAL bundle (dist/index.js) run in a
 * child node process with the environment Terraform gave the function.
 *
 * One stack and one provision for the whole file; tests run in order and the
 * last one destroys.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, IAMClient, ListPoliciesCommand, ListRolesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { DeleteEndpointCommand, GetEndpointCommand } from '@aws-sdk/client-pinpoint';

import { startFunctionProcess, type FunctionProcess } from '../../stack/src/function-process';
import { startLocalStack } from '../../stack/src/index';
import { assumeRole, awsErrorOf, onlyTarget, pinpointClient, sampleEndpoint, withPinpointApp, type TargetConfig } from '../../stack/src/local-flow';
import { provisionLocal, type Provisioned } from '../../stack/src/provision';
import type { Credentials, LocalStack } from '../../stack/src/types';
import { CASE_ENDPOINT_ID, ENDPOINT_CASES, normalise, variantEnvironment, type TargetVariant } from './endpoint-cases';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PREFIX = 'it-flow';
const EXTERNAL_ID = 'it-flow-external-id-7f3a';
const ENDPOINT_ID = CASE_ENDPOINT_ID;

let stack: LocalStack | undefined;
let provisioned: Provisioned | undefined;
let executionCredentials: Credentials;
let targetName: string;
let target: TargetConfig;
const functions: FunctionProcess[] = [];

function ready(): { stack: LocalStack; provisioned: Provisioned } {
  if (!stack || !provisioned) throw new Error('beforeAll did not finish: no stack or no provisioned example');
  return { stack, provisioned };
}

async function runFunction(env: Record<string, string>, credentials: Credentials = executionCredentials): Promise<FunctionProcess> {
  const { stack: s, provisioned: p } = ready();
  // Start on the stack's clock: a function started after a clock jump must not run behind the gateway.
  const fn = await startFunctionProcess({
    env,
    credentials,
    stackEndpoint: s.endpoint,
    region: p.region,
    functionName: p.functionName,
    clockOffsetMs: s.clock.offsetMs(),
  });
  functions.push(fn);
  return fn;
}

/** The rejection of `promise` as { name, status }; fails the test when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    return awsErrorOf(err);
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

beforeAll(async () => {
  stack = await startLocalStack();
  provisioned = await provisionLocal(stack, { externalId: EXTERNAL_ID, namePrefix: PREFIX, sessionDurationSeconds: 900 });
  // What the Lambda service hands the function: a session of its execution role (longer than the clock jump below).
  executionCredentials = await stack.lambdaServiceCredentials(provisioned.executionRoleArn, { durationSeconds: 3600, functionArn: provisioned.functionArn });
  [targetName, target] = onlyTarget(provisioned.functionEnvironment);
}, 600_000);

afterAll(async () => {
  for (const fn of functions) await fn.stop().catch(() => undefined);
  try {
    await provisioned?.destroy();
  } finally {
    await stack?.stop();
  }
}, 600_000);

describe('cross-account flow on the local stack', () => {
  let fn: FunctionProcess;

  beforeAll(async () => {
    fn = await runFunction(ready().provisioned.functionEnvironment);
  });

  test('Terraform wired the function to the target role with the ExternalId and a 900 s session', () => {
    const { provisioned: p } = ready();
    expect(target).toEqual({
      roleArn: p.targetRoleArn,
      region: p.region,
      externalId: EXTERNAL_ID,
      sessionDurationSeconds: 900,
      settings: { pinpointAppId: p.pinpointAppId },
    });
    expect(p.targetRoleArn).toBe(`arn:aws:iam::222222222222:role/${p.targetRoleName}`);
    expect(p.executionRoleArn).toMatch(/^arn:aws:iam::111111111111:role\//);
  });

  test('a second plan finds nothing to change (the provider reads back what it wrote)', async () => {
    const { changes, output } = await ready().provisioned.plan();
    expect(changes ? output.split('\n').filter((l) => /^\s*[~+-] |must be replaced|will be/.test(l)) : []).toEqual([]);
  }, 180_000);

  describe('the endpoint event cases (endpoint-cases.ts, shared with the Customer Profiles parity test)', () => {
    const byVariant = new Map<TargetVariant, Promise<FunctionProcess>>();
    const functionFor = (variant: TargetVariant): Promise<FunctionProcess> => {
      if (variant === 'configured') return Promise.resolve(fn);
      let started = byVariant.get(variant);
      if (!started) {
        const { provisioned: p } = ready();
        started = runFunction(variantEnvironment(p.functionEnvironment, variant, (t) => withPinpointApp(t, p.otherPinpointAppId)));
        byVariant.set(variant, started);
      }
      return started;
    };

    test.each(ENDPOINT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const { stack: s } = ready();
      s.requests.reset();
      const out = await (await functionFor(c.variant)).invoke(c.event(targetName));
      expect(normalise(out, targetName)).toMatchObject(c.expect);
      const pinpoint = s.requests.list().filter((r) => r.service === 'pinpoint');
      if (c.variant === 'other-region') {
        // Refused by IAM (the grant names one region), not by a missing app.
        expect(pinpoint.length).toBeGreaterThan(0);
        expect(pinpoint.every((r) => r.status === 403 && r.decision !== undefined && r.decision !== 'Allowed')).toBe(true);
      }
      if ('errorType' in c.expect && c.expect.errorType === 'InvalidRequestError') expect(pinpoint).toEqual([]);
    });

    test('the writes landed in the target account\'s app, as its own operator sees it', async () => {
      const { stack: s, provisioned: p } = ready();
      const asOperator = pinpointClient(s.endpoint, await s.operatorCredentials(s.accounts.target), p.region);
      const seen = await asOperator.send(new GetEndpointCommand({ ApplicationId: p.pinpointAppId, EndpointId: CASE_ENDPOINT_ID }));
      expect(seen.EndpointResponse?.ChannelType).toBe(sampleEndpoint.ChannelType);
      expect(seen.EndpointResponse?.User?.UserId).toBe('user-42');
      await expect(
        asOperator.send(new GetEndpointCommand({ ApplicationId: p.otherPinpointAppId, EndpointId: CASE_ENDPOINT_ID })),
      ).rejects.toMatchObject({ name: 'NotFoundException' });
    });
  });

  test('DeleteEndpoint with the assumed target-role credentials is refused; GetEndpoint with them is not', async () => {
    const { stack: s, provisioned: p } = ready();
    const assumed = await assumeRole(s.endpoint, executionCredentials, target.roleArn, { externalId: EXTERNAL_ID });
    const client = pinpointClient(s.endpoint, assumed, p.region);

    const refused = await refusal(client.send(new DeleteEndpointCommand({ ApplicationId: p.pinpointAppId, EndpointId: ENDPOINT_ID })));
    expect(refused.status).toBe(403);
    expect(refused.name).toMatch(/AccessDenied|Forbidden/);

    const still = await client.send(new GetEndpointCommand({ ApplicationId: p.pinpointAppId, EndpointId: ENDPOINT_ID }));
    expect(still.EndpointResponse?.Address).toBe(sampleEndpoint.Address);
  });

  test('another role of the source account, allowed sts:AssumeRole by its own policy, is refused by the trust policy', async () => {
    const { stack: s } = ready();
    const iam = new IAMClient({ endpoint: s.endpoint, region: 'us-east-1', credentials: await s.operatorCredentials(s.accounts.source) });
    const roleName = `${PREFIX}-intruder`;
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    try {
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: roleName,
          PolicyName: 'assume-target',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target.roleArn }],
          }),
        }),
      );
      const intruder = await s.lambdaServiceCredentials(created.Role!.Arn!);

      const direct = await refusal(assumeRole(s.endpoint, intruder, target.roleArn, { externalId: EXTERNAL_ID }));
      expect(direct.status).toBe(403);
      expect(direct.name).toBe('AccessDenied');

      const viaFunction = await runFunction(ready().provisioned.functionEnvironment, intruder);
      const out = await viaFunction.invoke({ operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID });
      expect(out.error?.errorType).toBe('AssumeRoleDeniedError');
    } finally {
      await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: 'assume-target' })).catch(() => undefined);
      await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
    }
  });

  test('a missing or wrong ExternalId is refused; the configured one is accepted', async () => {
    const { stack: s } = ready();
    const missing = await refusal(assumeRole(s.endpoint, executionCredentials, target.roleArn));
    expect(missing).toEqual({ name: 'AccessDenied', status: 403 });
    const wrong = await refusal(assumeRole(s.endpoint, executionCredentials, target.roleArn, { externalId: `${EXTERNAL_ID}-wrong` }));
    expect(wrong).toEqual({ name: 'AccessDenied', status: 403 });
    await expect(assumeRole(s.endpoint, executionCredentials, target.roleArn, { externalId: EXTERNAL_ID })).resolves.toHaveProperty('accessKeyId');
    // Through the function: the 'no-external-id' endpoint case.
  });

  test('after the target session expires the bundle assumes the role again and goes on', async () => {
    const { stack: s, provisioned: p } = ready();
    const assumeRoles = (): number => s.requests.count({ service: 'sts', action: 'AssumeRole', accessKeyId: executionCredentials.accessKeyId, status: 200 });

    // Warm: the function holds a target session (assumed in an earlier test).
    expect((await fn.invoke({ operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID })).result).toMatchObject({ status: 'ok' });
    const probe = await assumeRole(s.endpoint, executionCredentials, target.roleArn, { externalId: EXTERNAL_ID, durationSeconds: 900 });
    s.requests.reset();

    expect((await fn.invoke({ operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID })).result).toMatchObject({ status: 'ok' });
    expect(assumeRoles()).toBe(0); // served from the cached session

    const jumpMs = 16 * 60 * 1000; // past the 900 s session
    s.clock.advance(jumpMs);
    await fn.advanceClock(jumpMs);

    // The gateway now treats 900 s sessions issued before the jump as expired.
    const expired = await refusal(
      pinpointClient(s.endpoint, probe, p.region).send(new GetEndpointCommand({ ApplicationId: p.pinpointAppId, EndpointId: ENDPOINT_ID })),
    );
    expect(expired).toEqual({ name: 'ExpiredTokenException', status: 403 });

    const after = await fn.invoke({ operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID });
    expect(after.error).toBeUndefined();
    expect(after.result).toMatchObject({ status: 'ok', endpoint: { ChannelType: sampleEndpoint.ChannelType } });
    expect(assumeRoles()).toBe(1);
    expect(s.requests.count({ service: 'pinpoint', action: 'GetEndpoint', status: 403 })).toBe(1); // only the probe above
  });

  test('terraform apply -replace of the execution role: the function works again after that one apply', async () => {
    const { stack: s, provisioned: p } = ready();
    const output = await p.apply(['-replace=module.source_lambda.aws_iam_role.this']);
    // The policies go and come back with the role (replace_triggered_by), in the same apply.
    for (const address of [
      'module.source_lambda.aws_iam_role_policy.logs',
      'module.source_lambda.aws_iam_role_policy_attachment.assume_targets',
    ]) {
      expect(output).toContain(`${address}: Creation complete`);
    }
    // What Lambda hands the function after the update: a session of the new role, bound to the function.
    const credentials = await s.lambdaServiceCredentials(p.executionRoleArn, { durationSeconds: 3600, functionArn: p.functionArn });
    const fresh = await runFunction(p.functionEnvironment, credentials);
    const out = await fresh.invoke({ operation: 'getEndpoint', target: targetName, endpointId: ENDPOINT_ID });
    expect(out.error).toBeUndefined();
    expect(out.result).toMatchObject({ status: 'ok', endpoint: { ChannelType: sampleEndpoint.ChannelType } });

    // The new role's credentials outside the function are still refused AssumeRole (lambda:SourceFunctionArn).
    const outside = await s.lambdaServiceCredentials(p.executionRoleArn, { durationSeconds: 3600 });
    expect(await refusal(assumeRole(s.endpoint, outside, target.roleArn, { externalId: EXTERNAL_ID }))).toEqual({ name: 'AccessDenied', status: 403 });
  }, 300_000);

  test('terraform destroy leaves none of our roles, policies, functions or log groups in either account', async () => {
    const { stack: s, provisioned: p } = ready();
    const ours = async (): Promise<string[]> => {
      const found: string[] = [];
      for (const account of [s.accounts.source, s.accounts.target]) {
        const credentials = await s.operatorCredentials(account);
        const config = { endpoint: s.endpoint, region: p.region, credentials };
        const roles = await new IAMClient(config).send(new ListRolesCommand({ MaxItems: 1000 }));
        const policies = await new IAMClient(config).send(new ListPoliciesCommand({ Scope: 'Local', MaxItems: 1000 }));
        const lambdas = await new LambdaClient(config).send(new ListFunctionsCommand({ MaxItems: 1000 }));
        const groups = await new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/lambda/${PREFIX}` }));
        found.push(
          ...(roles.Roles ?? []).map((r) => r.RoleName ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => `${account} role ${n}`),
          ...(policies.Policies ?? []).map((x) => x.PolicyName ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => `${account} policy ${n}`),
          ...(lambdas.Functions ?? []).map((f) => f.FunctionName ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => `${account} function ${n}`),
          ...(groups.logGroups ?? []).map((g) => `${account} log group ${g.logGroupName}`),
        );
      }
      return found.sort();
    };

    // The listing sees what Terraform made (so an empty answer afterwards means something).
    const before = await ours();
    expect(before).toEqual(
      expect.arrayContaining([
        `111111111111 role ${p.executionRoleArn.split('/').pop()}`,
        `111111111111 function ${p.functionName}`,
        `111111111111 log group ${p.logGroupName}`,
        `222222222222 role ${p.targetRoleName}`,
      ]),
    );
    expect(before.some((x) => x.startsWith('111111111111 policy '))).toBe(true);

    await p.destroy();
    expect(await ours()).toEqual([]);
  }, 300_000);
});
