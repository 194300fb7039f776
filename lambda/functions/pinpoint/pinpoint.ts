/**
 * The two Pinpoint endpoint operations.
 *
 * Note: Amazon Pinpoint's engagement APIs (endpoints, segments, campaigns,
 * journeys) reach end of support on 2026-10-30. Only this function knows about
 * Pinpoint; the clients come from the runtime (`target.client(PinpointClient)`).
 */
import {
  GetEndpointCommand,
  UpdateEndpointCommand,
  type EndpointRequest,
  type EndpointResponse,
  type PinpointClient,
} from '@aws-sdk/client-pinpoint';

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
