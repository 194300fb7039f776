/** A real CustomerProfilesClient on the stack's Customer Profiles emulator (loopback, no gateway, no IAM). */
import assert from 'node:assert/strict';
import { CreateDomainCommand, CustomerProfilesClient } from '@aws-sdk/client-customer-profiles';
import type { ClientClass, Target } from '../../../src/index';
import { startLocalCustomerProfiles, type LocalCustomerProfiles } from '../../../../stack/src/services/customer-profiles/local-server';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const REGION = 'eu-west-1';

export async function startEmulator(domains: string[] = ['crm']): Promise<{ local: LocalCustomerProfiles; client: CustomerProfilesClient }> {
  const local = await startLocalCustomerProfiles({ region: REGION });
  const client = new CustomerProfilesClient({
    region: REGION,
    endpoint: local.endpoint,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  for (const DomainName of domains) await client.send(new CreateDomainCommand({ DomainName, DefaultExpirationDays: 30 }));
  local.operations.length = 0;
  return { local, client };
}

/**
 * A runtime Target whose `client()` is the given emulator client (no STS: the
 * emulator does not check signatures), for handler tests on the real wiring
 * (customerProfilesTargets reads the domain setting and asks for the client).
 */
export function localTarget(client: CustomerProfilesClient, name: string, settings: Record<string, string>): Target {
  return {
    name,
    roleArn: 'arn:aws:iam::222222222222:role/customer-profiles',
    accountId: '222222222222',
    region: REGION,
    settings,
    setting: (key) => settings[key] ?? assert.fail(`no setting ${key}`),
    credentials: () => Promise.resolve({ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }),
    client: <T extends ClientClass>(Client: T) => {
      assert.equal(Client, CustomerProfilesClient);
      return client as InstanceType<T>;
    },
  };
}
