/**
 * Test helpers: a fresh cold start of the function per test (jest.resetModules),
 * with aws-sdk-client-mock on the STS client that fromTemporaryCredentials uses
 * (@aws-sdk/nested-clients/sts) and Pinpoint faked at the HTTP layer.
 */
import type { Context } from 'aws-lambda';

export const APP_EU = '0123456789abcdef0123456789abcdef';
export const APP_US = 'fedcba9876543210fedcba9876543210';
export const ROLE_EU = 'arn:aws:iam::222222222222:role/pinpoint-endpoints';
export const ROLE_US = 'arn:aws:iam::333333333333:role/team/pinpoint-endpoints';

export const MASTER = { AWS_ACCESS_KEY_ID: 'AKIAMASTEREXAMPLE', AWS_SECRET_ACCESS_KEY: 'master-secret-value', AWS_SESSION_TOKEN: 'master-session-token' };

export const ONE_TARGET = { 'eu-marketing': { roleArn: ROLE_EU, region: 'eu-west-1', externalId: 'ext-id-123', settings: { pinpointAppId: APP_EU } } };
export const TWO_TARGETS = {
  ...ONE_TARGET,
  'us-sales': { roleArn: ROLE_US, region: 'us-east-1', sessionDurationSeconds: 1800, settings: { pinpointAppId: APP_US } },
};

const ENV_KEYS = [
  'CROSS_ACCOUNT_TARGETS',
  'CROSS_ACCOUNT_CONNECT_TIMEOUT_MS',
  'CROSS_ACCOUNT_REQUEST_TIMEOUT_MS',
  'CROSS_ACCOUNT_MAX_ATTEMPTS',
  'AWS_REGION',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_PINPOINT',
  'AWS_PROFILE',
  'POWERTOOLS_DEV',
  'POWERTOOLS_LOG_LEVEL',
];

export function setEnv(targets: unknown, extra: Record<string, string> = {}): void {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, MASTER, {
    AWS_REGION: 'eu-central-1',
    AWS_LAMBDA_FUNCTION_NAME: 'pinpoint-endpoints-fn',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
    CROSS_ACCOUNT_TARGETS: typeof targets === 'string' ? targets : JSON.stringify(targets),
    ...extra,
  });
}

export function context(requestId = 'req-0001'): Context {
  return {
    awsRequestId: requestId,
    functionName: 'pinpoint-endpoints-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-central-1:111111111111:function:pinpoint-endpoints-fn',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/pinpoint-endpoints-fn',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function awsError(name: string, status: number, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, attempts: 1, requestId: 'aws-req-1' } });
}

/** A Pinpoint request as the fake saw it on the wire (after signing). */
export interface PinpointCall {
  args: [{ input: Record<string, unknown> }];
  /** Authorization header: shows the access key and the credential scope (region/service). */
  auth: string;
  region: string | undefined;
}

type Outcome = { ok: Record<string, unknown> } | { error: Error };

/**
 * Pinpoint faked at the HTTP layer (NodeHttpHandler.handle), so every request
 * runs the real client stack: credentials, signing, retries and the runtime's
 * expired-session middleware. The surface mimics aws-sdk-client-mock's.
 */
function fakePinpoint(nodeHttp: typeof import('@smithy/node-http-handler'), protocols: typeof import('@smithy/core/protocols')) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Readable } = require('node:stream') as typeof import('node:stream');
  type Fake = (input: Record<string, unknown>) => Record<string, unknown>;
  const rules = new Map<string, { once: Outcome[]; always?: Outcome; fake?: Fake }>();
  const fakeOutcome = (fake: Fake, input: Record<string, unknown>): Outcome => {
    try {
      return { ok: fake(input) };
    } catch (error) {
      return { error: error as Error };
    }
  };
  let recorded: Array<PinpointCall & { op: string }> = [];
  const ruleFor = (op: string) => {
    let rule = rules.get(op);
    if (!rule) rules.set(op, (rule = { once: [] }));
    return rule;
  };
  const respond = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    response: new protocols.HttpResponse({
      statusCode: status,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'aws-req-1', ...headers },
      body: Readable.from([Buffer.from(JSON.stringify(body))]),
    }),
  });
  jest.spyOn(nodeHttp.NodeHttpHandler.prototype, 'handle').mockImplementation((async (request: {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: unknown;
  }) => {
    const match = /^\/v1\/apps\/([^/]+)\/endpoints\/([^/]+)$/.exec(request.path);
    if (!match) throw new Error(`unexpected request ${request.method} ${request.path}`);
    const op = request.method === 'GET' ? 'GetEndpoint' : 'UpdateEndpoint';
    const input: Record<string, unknown> = { ApplicationId: match[1], EndpointId: decodeURIComponent(match[2] ?? '') };
    if (op === 'UpdateEndpoint') input.EndpointRequest = JSON.parse(typeof request.body === 'string' ? request.body : Buffer.from(request.body as Uint8Array).toString('utf8'));
    const auth = request.headers.authorization ?? '';
    recorded.push({ op, args: [{ input }], auth, region: /\/([a-z0-9-]+)\/mobiletargeting\//.exec(auth)?.[1] });
    const rule = ruleFor(op);
    const outcome = rule.once.shift() ?? (rule.fake ? fakeOutcome(rule.fake, input) : rule.always) ?? { ok: {} };
    if ('error' in outcome) {
      const error = outcome.error as Error & { $metadata?: { httpStatusCode?: number } };
      if (error.name === 'TimeoutError') throw error;
      return respond(error.$metadata?.httpStatusCode ?? 400, { message: error.message }, { 'x-amzn-errortype': error.name });
    }
    return respond(200, op === 'GetEndpoint' ? (outcome.ok.EndpointResponse ?? {}) : (outcome.ok.MessageBody ?? {}));
  }) as never);
  const opOf = (command: { name: string }) => command.name.replace(/Command$/, '');
  const api = {
    on(command: { name: string }) {
      const rule = ruleFor(opOf(command));
      const builder = {
        resolves: (ok: Record<string, unknown>) => ((rule.always = { ok }), delete rule.fake, builder),
        rejects: (error: Error) => ((rule.always = { error }), delete rule.fake, builder),
        resolvesOnce: (ok: Record<string, unknown>) => (rule.once.push({ ok }), builder),
        rejectsOnce: (error: Error) => (rule.once.push({ error }), builder),
        /** Answers every call from `fake(input)` (a throw becomes the error answer). */
        callsFake: <I>(fake: (input: I) => Record<string, unknown>) => ((rule.fake = fake as unknown as Fake), delete rule.always, builder),
        on: (next: { name: string }) => api.on(next),
      };
      return builder;
    },
    commandCalls: (command: { name: string }): PinpointCall[] => recorded.filter((c) => c.op === opOf(command)),
    calls: (): PinpointCall[] => recorded,
    reset: () => {
      rules.clear();
      recorded = [];
    },
  };
  return api;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export function coldStart(options: { stsDelayMs?: number } = {}) {
  jest.resetModules();
  const { mockClient } = require('aws-sdk-client-mock') as typeof import('aws-sdk-client-mock');
  const sts = require('@aws-sdk/nested-clients/sts') as typeof import('@aws-sdk/nested-clients/sts');
  const pinpoint = require('@aws-sdk/client-pinpoint') as typeof import('@aws-sdk/client-pinpoint');
  const stsMock = mockClient(sts.STSClient);
  const pinpointMock = fakePinpoint(
    require('@smithy/node-http-handler') as typeof import('@smithy/node-http-handler'),
    require('@smithy/core/protocols') as typeof import('@smithy/core/protocols'),
  );
  let issued = 0;
  stsMock.on(sts.AssumeRoleCommand).callsFake(async () => {
    issued += 1;
    const n = issued;
    if (options.stsDelayMs) await new Promise((resolve) => setTimeout(resolve, options.stsDelayMs));
    return {
      Credentials: {
        AccessKeyId: `ASIAASSUMED${n}`,
        SecretAccessKey: `assumed-secret-${n}`,
        SessionToken: `assumed-session-token-${n}`,
        Expiration: new Date(Date.now() + 3600_000),
      },
    };
  });
  const load = () => require('../functions/pinpoint/index') as typeof import('../functions/pinpoint/index');
  return { stsMock, pinpointMock, sts, pinpoint, load };
}
/* eslint-enable @typescript-eslint/no-require-imports */

export const flush = () => new Promise((resolve) => setImmediate(resolve));
