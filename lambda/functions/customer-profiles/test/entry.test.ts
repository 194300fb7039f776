/**
 * The Lambda entry point (src/index.ts) at cold start: targets from the
 * environment, AssumeRole prefetched (STS mocked), the Customer Profiles client
 * reaching the emulator through AWS_ENDPOINT_URL_CUSTOMER_PROFILES with the
 * assumed credentials, signed for service `profile` in the target's region.
 */
import type { LocalCustomerProfiles } from '../../../../stack/src/services/customer-profiles/local-server';
import { context, flush, MASTER } from '../../../test/helpers';
import { startEmulator } from './local';

let local: LocalCustomerProfiles;

beforeAll(async () => {
  const started = await startEmulator(['crm']);
  started.client.destroy();
  local = started.local;
});
afterAll(() => local.close());

/* eslint-disable @typescript-eslint/no-require-imports */
function coldStart() {
  jest.resetModules();
  const { mockClient } = require('aws-sdk-client-mock') as typeof import('aws-sdk-client-mock');
  const sts = require('@aws-sdk/nested-clients/sts') as typeof import('@aws-sdk/nested-clients/sts');
  const stsMock = mockClient(sts.STSClient);
  stsMock.on(sts.AssumeRoleCommand).resolves({
    Credentials: { AccessKeyId: 'ASIAASSUMED1', SecretAccessKey: 'assumed-secret', SessionToken: 'assumed-token', Expiration: new Date(Date.now() + 3600_000) },
  });
  Object.assign(process.env, MASTER, {
    AWS_REGION: 'eu-central-1',
    AWS_LAMBDA_FUNCTION_NAME: 'customer-profiles-fn',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_ENDPOINT_URL_CUSTOMER_PROFILES: local.endpoint,
    CROSS_ACCOUNT_TARGETS: JSON.stringify({
      'eu-crm': { roleArn: 'arn:aws:iam::222222222222:role/customer-profiles', region: 'eu-west-1', externalId: 'ext-123', settings: { customerProfilesDomain: 'crm' } },
    }),
  });
  const { handler } = require('../src/index') as typeof import('../src/index');
  return { stsMock, sts, handler };
}
/* eslint-enable @typescript-eslint/no-require-imports */

test('one AssumeRole at init, then update and get through the emulator', async () => {
  const { stsMock, sts, handler } = coldStart();
  await flush();
  expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(1);
  expect(stsMock.commandCalls(sts.AssumeRoleCommand)[0]?.args[0].input).toMatchObject({
    RoleArn: 'arn:aws:iam::222222222222:role/customer-profiles',
    RoleSessionName: 'customer-profiles-fn@eu-crm',
    ExternalId: 'ext-123',
  });
  const endpoint = { ChannelType: 'EMAIL', Address: 'user@example.com' };
  await expect(handler({ operation: 'updateEndpoint', endpointId: 'user-42-email', endpoint }, context())).resolves.toMatchObject({
    status: 'ok',
    operation: 'updateEndpoint',
    target: 'eu-crm',
  });
  await expect(handler({ operation: 'getEndpoint', endpointId: 'user-42-email' }, context())).resolves.toMatchObject({
    status: 'ok',
    endpoint: { Id: 'user-42-email', ...endpoint },
  });
  expect(new Set(local.scopes)).toEqual(new Set(['eu-west-1/profile']));
  expect(stsMock.commandCalls(sts.AssumeRoleCommand)).toHaveLength(1);
});
