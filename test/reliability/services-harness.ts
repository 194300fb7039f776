/**
 * The runtime library driven directly, as a handler uses it, for every
 * service of the matrix: one local stack, the fault proxy in front of it,
 * each service's resources in the target account (its entry's setup), one
 * target role allowed the entries' actions, an execution role allowed to
 * assume it, and `newTarget(name)`: a fresh `createTargets` target (its own
 * credential source, prefetch and clients) whose every request goes through
 * the proxy. Each target's name gives its requests their own role session,
 * so cases on different targets can run at the same time.
 */
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { createTargets, type RuntimeLogger, type Target } from '../../lambda/src/index';
import { roleSessionName } from '../../lambda/src/credentials/assume-role';
import { startLocalStack, type Credentials, type LocalStack } from '../../stack/src/index';
import type { AdminContext, ServiceEntry } from './cases/service-types';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { budget } from './harness';

const region = 'us-east-1';
const prefix = 'relsvc';
/** The function name the targets run under (RoleSessionName `<function>@<target>`). */
const functionName = 'reliability-services';

export interface ServiceHarness {
  stack: LocalStack;
  proxy: FaultProxy;
  targetRoleArn: string;
  executionCredentials: Credentials;
  /** Each entry's fixture, by service. */
  fixtures: ReadonlyMap<string, unknown>;
  /** A new target called `name` (a cold start: its prefetch starts now). */
  newTarget(name: string, logger: RuntimeLogger): Target;
  /** The role session of target `name`, as the proxy records it. */
  sessionOf(name: string): string;
  setupMs: number;
  stop(): Promise<void>;
}

const policy = (statement: Record<string, unknown>): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

async function createRoles(stack: LocalStack, actions: string[]): Promise<{ executionRoleArn: string; targetRoleArn: string }> {
  const { source, target } = stack.accounts;
  const iam = async (account: string) => new IAMClient({ region, endpoint: stack.endpoint, credentials: await stack.operatorCredentials(account) });
  const sourceIam = await iam(source);
  const targetIam = await iam(target);
  const execution = await sourceIam.send(
    new CreateRoleCommand({
      RoleName: `${prefix}-execution`,
      AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    }),
  );
  const executionRoleArn = execution.Role?.Arn ?? '';
  const targetRole = await targetIam.send(
    new CreateRoleCommand({
      RoleName: `${prefix}-target`,
      AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: executionRoleArn }, Action: 'sts:AssumeRole' }),
    }),
  );
  const targetRoleArn = targetRole.Role?.Arn ?? '';
  // The matrix is about faults, not least privilege (docs/least-privilege.md is): the entries' actions on `*`.
  await targetIam.send(
    new PutRolePolicyCommand({ RoleName: `${prefix}-target`, PolicyName: 'services', PolicyDocument: policy({ Sid: 'Services', Effect: 'Allow', Action: actions, Resource: '*' }) }),
  );
  await sourceIam.send(
    new PutRolePolicyCommand({
      RoleName: `${prefix}-execution`,
      PolicyName: 'assume',
      PolicyDocument: policy({ Sid: 'AssumeTarget', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: targetRoleArn }),
    }),
  );
  return { executionRoleArn, targetRoleArn };
}

/** Sets `vars` in process.env (the SDK reads master credentials and endpoints there); returns how to undo it. */
function setProcessEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('AWS_')).map((k) => [k, process.env[k]]));
  for (const k of Object.keys(saved)) delete process.env[k];
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) process.env[k] = v;
  return () => {
    for (const k of Object.keys(process.env).filter((key) => key.startsWith('AWS_'))) delete process.env[k];
    Object.assign(process.env, saved);
  };
}

export async function startServiceHarness(entries: readonly ServiceEntry[]): Promise<ServiceHarness> {
  const started = Date.now();
  const stack = await startLocalStack();
  let proxy: FaultProxy | undefined;
  let restoreEnv: (() => void) | undefined;
  try {
    proxy = await startFaultProxy(stack.endpoint);
    const account = stack.accounts.target;
    const admin: AdminContext = {
      stack,
      account,
      region,
      prefix,
      clientConfig: { region, endpoint: stack.endpoint, credentials: await stack.operatorCredentials(account) },
    };
    const fixtureList = await Promise.all(entries.map(async (e) => [e.service, await e.setup(admin)] as const));
    const { executionRoleArn, targetRoleArn } = await createRoles(stack, [...new Set(entries.flatMap((e) => e.actions))]);
    const executionCredentials = await stack.lambdaServiceCredentials(executionRoleArn);
    // What Lambda gives a function: the execution role's keys and the region; every endpoint is the proxy.
    restoreEnv = setProcessEnv({
      AWS_ACCESS_KEY_ID: executionCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: executionCredentials.secretAccessKey,
      AWS_SESSION_TOKEN: executionCredentials.sessionToken,
      AWS_REGION: region,
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    const env = {
      ...process.env,
      CROSS_ACCOUNT_CONNECT_TIMEOUT_MS: String(budget.connectTimeoutMs),
      CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: String(budget.requestTimeoutMs),
      CROSS_ACCOUNT_MAX_ATTEMPTS: String(budget.maxAttempts),
      AWS_LAMBDA_FUNCTION_NAME: functionName,
    };
    const p = proxy;
    const restore = restoreEnv;
    return {
      stack,
      proxy,
      targetRoleArn,
      executionCredentials,
      fixtures: new Map(fixtureList),
      setupMs: Date.now() - started,
      newTarget(name, logger) {
        const targets = createTargets({
          // No SourceIdentity: the execution role here is not granted sts:SetSourceIdentity (the modules' roles are).
          env: { ...env, CROSS_ACCOUNT_TARGETS: JSON.stringify({ [name]: { roleArn: targetRoleArn, region, sourceIdentity: false } }) },
          logger,
        });
        return targets.get(name)!;
      },
      sessionOf: (name) => roleSessionName(functionName, name),
      async stop() {
        restore();
        await p.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    restoreEnv?.();
    await proxy?.stop();
    await stack.stop();
    throw error;
  }
}
