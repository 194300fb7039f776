/**
 * Test helpers: a fresh cold start of the function per test (jest.resetModules),
 * with aws-sdk-client-mock on the Pinpoint client and on the STS client that
 * fromTemporaryCredentials uses (@aws-sdk/nested-clients/sts).
 */
import type { Context } from 'aws-lambda';

export const APP_EU = '0123456789abcdef0123456789abcdef';
export const APP_US = 'fedcba9876543210fedcba9876543210';
export const ROLE_EU = 'arn:aws:iam::222222222222:role/pinpoint-endpoints';
export const ROLE_US = 'arn:aws:iam::333333333333:role/team/pinpoint-endpoints';

export const MASTER = { AWS_ACCESS_KEY_ID: 'AKIAMASTEREXAMPLE', AWS_SECRET_ACCESS_KEY: 'master-secret-value', AWS_SESSION_TOKEN: 'master-session-token' };

export const ONE_TARGET = { 'eu-marketing': { roleArn: ROLE_EU, region: 'eu-west-1', pinpointAppId: APP_EU, externalId: 'ext-id-123' } };
export const TWO_TARGETS = {
  ...ONE_TARGET,
  'us-sales': { roleArn: ROLE_US, region: 'us-east-1', pinpointAppId: APP_US, sessionDurationSeconds: 1800 },
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

/* eslint-disable @typescript-eslint/no-require-imports */
export function coldStart(options: { stsDelayMs?: number } = {}) {
  jest.resetModules();
  const { mockClient } = require('aws-sdk-client-mock') as typeof import('aws-sdk-client-mock');
  const sts = require('@aws-sdk/nested-clients/sts') as typeof import('@aws-sdk/nested-clients/sts');
  const pinpoint = require('@aws-sdk/client-pinpoint') as typeof import('@aws-sdk/client-pinpoint');
  const stsMock = mockClient(sts.STSClient);
  const pinpointMock = mockClient(pinpoint.PinpointClient);
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
  const load = () => require('../src/index') as typeof import('../src/index');
  return { stsMock, pinpointMock, sts, pinpoint, load };
}
/* eslint-enable @typescript-eslint/no-require-imports */

export const flush = () => new Promise((resolve) => setImmediate(resolve));
