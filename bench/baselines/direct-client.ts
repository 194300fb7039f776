/**
 * Baseline (the floor): a function in the same account as the Pinpoint app.
 * No role assumption; one module-scope client using the execution role's own
 * credentials, reused by every invocation.
 */
import { GetEndpointCommand, NotFoundException, PinpointClient } from '@aws-sdk/client-pinpoint';
import { notFound, okResult, targetFor, type BaselineEvent } from './target-config';

const clients = new Map<string, PinpointClient>();

export async function handler(event: BaselineEvent): Promise<Record<string, unknown>> {
  const target = targetFor(event);
  let pinpoint = clients.get(target.region);
  if (!pinpoint) {
    pinpoint = new PinpointClient({ region: target.region });
    clients.set(target.region, pinpoint);
  }
  try {
    const out = await pinpoint.send(new GetEndpointCommand({ ApplicationId: target.pinpointAppId, EndpointId: event.endpointId }));
    return okResult(target.name, out.EndpointResponse);
  } catch (err) {
    if (err instanceof NotFoundException) return notFound(target.name, event.endpointId);
    throw err;
  }
}
