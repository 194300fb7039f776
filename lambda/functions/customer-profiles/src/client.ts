/**
 * One Customer Profiles client per target, in the target's region, with the
 * function's bounded timeouts and standard retries. AWS_ENDPOINT_URL(_CUSTOMER_PROFILES)
 * is honoured by the SDK (the local stack sets it).
 */
import { CustomerProfilesClient } from '@aws-sdk/client-customer-profiles';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { boundedHttpHandler } from './runtime';

export interface ClientSettings {
  region: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

export function createCustomerProfilesClient(settings: ClientSettings, credentials: AwsCredentialIdentityProvider): CustomerProfilesClient {
  return new CustomerProfilesClient({
    region: settings.region,
    credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    requestHandler: boundedHttpHandler(settings),
  });
}
