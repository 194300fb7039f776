/** A real CustomerProfilesClient on the stack's Customer Profiles emulator (loopback, no gateway, no IAM). */
import { CreateDomainCommand, CustomerProfilesClient } from '@aws-sdk/client-customer-profiles';
import { startLocalCustomerProfiles, type LocalCustomerProfiles } from '../../../../stack/src/customer-profiles/local-server';

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
