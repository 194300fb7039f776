/**
 * Baseline: SDK for JavaScript v2 with ChainableTemporaryCredentials, the
 * pre-v3 idiom. One module-scope Pinpoint client per target whose credentials
 * object calls AssumeRole when they are missing or expired. Imports the
 * Pinpoint client alone (not all of `aws-sdk`), the smallest v2 bundle.
 * v2 does not read AWS_ENDPOINT_URL*, so the overrides are passed explicitly.
 */
import AWS from 'aws-sdk/global';
import Pinpoint from 'aws-sdk/clients/pinpoint';
import { endpointFor, notFound, okResult, targetFor, type BaselineEvent } from './target-config';

const clients = new Map<string, Pinpoint>();

function clientFor(event: BaselineEvent): { pinpoint: Pinpoint; target: ReturnType<typeof targetFor> } {
  const target = targetFor(event);
  let pinpoint = clients.get(target.name);
  if (!pinpoint) {
    const credentials = new AWS.ChainableTemporaryCredentials({
      params: { RoleArn: target.roleArn, RoleSessionName: 'cross_acct_lambda', ExternalId: target.externalId, DurationSeconds: target.sessionDurationSeconds },
      stsConfig: { region: process.env.AWS_REGION, endpoint: endpointFor('STS') },
    });
    pinpoint = new Pinpoint({ region: target.region, credentials, endpoint: endpointFor('PINPOINT') });
    clients.set(target.name, pinpoint);
  }
  return { pinpoint, target };
}

export async function handler(event: BaselineEvent): Promise<Record<string, unknown>> {
  const { pinpoint, target } = clientFor(event);
  try {
    const out = await pinpoint.getEndpoint({ ApplicationId: target.pinpointAppId, EndpointId: event.endpointId }).promise();
    return okResult(target.name, out.EndpointResponse);
  } catch (err) {
    if ((err as { code?: string }).code === 'NotFoundException') return notFound(target.name, event.endpointId);
    throw err;
  }
}
