/**
 * Pinpoint client and the two endpoint operations.
 *
 * Note: Amazon Pinpoint's engagement APIs (endpoints, segments, campaigns,
 * journeys) reach end of support on 2026-10-30. Only this module knows about
 * Pinpoint; the cross-account credentials (credentials.ts) serve any AWS SDK
 * v3 client, so moving to another service means replacing this file.
 */
import {
  GetEndpointCommand,
  PinpointClient,
  UpdateEndpointCommand,
  type EndpointRequest,
  type EndpointResponse,
} from '@aws-sdk/client-pinpoint';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { boundedHttpHandler } from './http';

export interface ClientSettings {
  region: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

/**
 * One client per target, in the target's region. The SDK memoizes `credentials`
 * and refreshes them before expiry; retries (throttling, 5xx, timeouts) use the
 * standard mode with `maxAttempts`. AWS_ENDPOINT_URL(_PINPOINT) is honoured by the SDK.
 */
export function createPinpointClient(settings: ClientSettings, credentials: AwsCredentialIdentityProvider): PinpointClient {
  return new PinpointClient({
    region: settings.region,
    credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: 'standard',
    requestHandler: boundedHttpHandler(settings),
  });
}

/** The endpoint, or undefined when Pinpoint says it does not exist. */
export async function getEndpoint(
  client: PinpointClient,
  applicationId: string,
  endpointId: string,
): Promise<EndpointResponse | undefined> {
  try {
    const output = await client.send(new GetEndpointCommand({ ApplicationId: applicationId, EndpointId: endpointId }));
    return output.EndpointResponse ?? {};
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFoundException') return undefined;
    throw error;
  }
}

/** Creates or updates the endpoint; returns Pinpoint's request id. */
export async function updateEndpoint(
  client: PinpointClient,
  applicationId: string,
  endpointId: string,
  endpoint: EndpointRequest,
): Promise<string | undefined> {
  const output = await client.send(
    new UpdateEndpointCommand({ ApplicationId: applicationId, EndpointId: endpointId, EndpointRequest: endpoint }),
  );
  return output.MessageBody?.RequestID;
}
