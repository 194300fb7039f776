/** startLocalStack: moto + bootstrap + gateway, composed; stop() undoes all of it. */
import type { Server } from 'node:http';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { bootstrapAccounts, MANAGEMENT_ACCOUNT, OPERATOR_ROLE } from './bootstrap';
import { createClock } from './clock';
import { CredentialRegistry } from './gateway/credential-registry';
import { FaultPlan } from './gateway/faults';
import { createGateway } from './gateway/server';
import { evaluate } from './iam/evaluate';
import { IdentityStore } from './iam/identity-store';
import { parseRoleArn } from './iam/policy-document';
import { motoStsClientFor, MOTO_INTERNAL_CREDENTIALS } from './moto/moto-clients';
import { startMoto } from './moto/moto-process';
import { iotEndpointAddress } from './services/iot';
import { publishedMessages } from './services/iot-data';
import { pinpointStore } from './services/pinpoint';
import { RequestLog } from './request-log';
import type { Credentials, Latency, LocalStack, StackAccounts, StackOptions } from './types';

const ACCOUNTS: StackAccounts = { source: '111111111111', target: '222222222222', second: '333333333333' };
const REGION = 'us-east-1';
/** Operator sessions are reused until this close to expiry (gateway clock). */
const REUSE_MARGIN_MS = 5 * 60_000;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function toCredentials(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined): Credentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('STS answered without credentials');
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  const logger = options.logger;
  const moto = await startMoto();
  let server: Server | undefined;
  try {
    const operator = await bootstrapAccounts(moto.endpoint, Object.values(ACCOUNTS));
    const clock = createClock();
    const log = new RequestLog();
    const latency: Latency = { ...options.latencyMs };
    const credentialRegistry = new CredentialRegistry(clock);
    credentialRegistry.remember(operator.accessKeyId, MANAGEMENT_ACCOUNT);
    const identities = new IdentityStore(moto.endpoint, credentialRegistry);
    const faults = new FaultPlan();
    const state = new Map<string, unknown>();
    let endpoint = '';
    server = createGateway({
      motoEndpoint: moto.endpoint,
      clock,
      log,
      latency,
      identities,
      credentials: credentialRegistry,
      faults,
      accounts: [...Object.values(ACCOUNTS)],
      state,
      endpoint: () => endpoint,
      ...(logger ? { logger } : {}),
    });
    const port = await listen(server, options.port ?? 0);
    endpoint = `http://127.0.0.1:${port}`;
    logger?.(`local stack: gateway ${endpoint}, moto ${moto.endpoint}`);

    const operatorSessions = new Map<string, Credentials>();
    const operatorSts = new STSClient({ endpoint, region: REGION, credentials: { accessKeyId: operator.accessKeyId, secretAccessKey: operator.secretAccessKey } });

    let stopped = false;
    const gateway = server;
    const stack: LocalStack = {
      endpoint,
      motoEndpoint: moto.endpoint,
      accounts: ACCOUNTS,
      clock,
      requests: log,
      setLatency(next: Latency) {
        Object.assign(latency, next);
      },
      latency: () => ({ ...latency }),
      invalidatePolicyCache: () => identities.invalidate(),
      injectFault: (service, kind, times = 1, options) => faults.add(service, kind, times, options),
      clearFaults: () => faults.clear(),

      async operatorCredentials(accountId: string): Promise<Credentials> {
        const cached = operatorSessions.get(accountId);
        if (cached?.expiration && cached.expiration.getTime() - clock.now().getTime() > REUSE_MARGIN_MS) return cached;
        const out = await operatorSts.send(
          new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${OPERATOR_ROLE}`, RoleSessionName: 'operator' }),
        );
        const credentials = toCredentials(out.Credentials);
        operatorSessions.set(accountId, credentials);
        return credentials;
      },

      async lambdaServiceCredentials(roleArn: string, opts = {}): Promise<Credentials> {
        const parsed = parseRoleArn(roleArn);
        if (!parsed) throw new Error(`not a role ARN: ${roleArn}`);
        const role = await identities.role(roleArn);
        if (!role) throw new Error(`Lambda cannot assume ${roleArn}: the role does not exist`);
        const { allowed, decision } = await evaluate({
          principal: 'lambda.amazonaws.com',
          action: 'sts:AssumeRole',
          resource: roleArn,
          resourceAccount: parsed.account,
          identityPolicies: [],
          ...(role.trustPolicy ? { resourcePolicy: role.trustPolicy } : {}),
          context: { 'aws:SourceAccount': parsed.account },
        });
        if (!allowed) {
          throw new Error(`Lambda cannot assume ${roleArn}: its trust policy does not allow lambda.amazonaws.com (${decision})`);
        }
        const duration = opts.durationSeconds ?? 43200;
        const functionAccount = opts.functionArn ? /^arn:[\w-]+:lambda:[^:]+:(\d{12}):function:[^:]+$/.exec(opts.functionArn)?.[1] : undefined;
        if (opts.functionArn && !functionAccount) throw new Error(`not an unqualified function ARN: ${opts.functionArn}`);
        const keyContext = opts.functionArn && functionAccount
          ? { 'lambda:SourceFunctionArn': opts.functionArn, 'aws:SourceAccount': functionAccount }
          : undefined;
        const sts = motoStsClientFor(moto.endpoint, MOTO_INTERNAL_CREDENTIALS.accessKeyId);
        try {
          const out = await sts.send(
            new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: opts.sessionName ?? parsed.name, DurationSeconds: duration }),
          );
          const credentials = toCredentials(out.Credentials);
          credentials.expiration = credentialRegistry.issue(credentials.accessKeyId, parsed.account, duration, credentials.sessionToken, keyContext);
          const session = out.AssumedRoleUser;
          if (session?.Arn && session.AssumedRoleId) identities.rememberSession(credentials.accessKeyId, role, { arn: session.Arn, assumedRoleId: session.AssumedRoleId });
          return credentials;
        } finally {
          sts.destroy();
        }
      },

      services: {
        pinpoint: {
          createApp: async (accountId, region, name) => pinpointStore({ state }).createApp(accountId, region, name, {}, clock.now()).Id,
        },
        iot: {
          published: () => [...publishedMessages({ state })],
          endpointAddress: (accountId, region) => iotEndpointAddress(accountId, region, endpoint),
        },
      },

      createPinpointApp(accountId: string, region: string, name: string): Promise<string> {
        return stack.services.pinpoint.createApp(accountId, region, name);
      },

      async stop(): Promise<void> {
        if (stopped) return;
        stopped = true;
        operatorSts.destroy();
        gateway.closeAllConnections();
        await new Promise<void>((resolve) => gateway.close(() => resolve()));
        await moto.stop();
        logger?.('local stack: stopped');
      },
    };
    return stack;
  } catch (error) {
    server?.close();
    await moto.stop();
    throw error;
  }
}
