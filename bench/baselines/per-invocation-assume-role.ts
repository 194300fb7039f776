/**
 * Baseline: the AWS knowledge-center sample for cross-account access from
 * Lambda, in SDK v3. Every invocation creates a new STS client, calls
 * AssumeRole, builds a new Pinpoint client from the returned credentials and
 * then makes the call. Nothing is cached between invocations.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { GetEndpointCommand, NotFoundException, PinpointClient } from '@aws-sdk/client-pinpoint';
import { notFound, okResult, targetFor, type BaselineEvent } from './target-config';

export async function handler(event: BaselineEvent): Promise<Record<string, unknown>> {
  const target = targetFor(event);
  const sts = new STSClient({});
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: target.roleArn, RoleSessionName: 'cross_acct_lambda', ExternalId: target.externalId, DurationSeconds: target.sessionDurationSeconds }),
  );
  const credentials = assumed.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  const pinpoint = new PinpointClient({
    region: target.region,
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
    },
  });
  try {
    const out = await pinpoint.send(new GetEndpointCommand({ ApplicationId: target.pinpointAppId, EndpointId: event.endpointId }));
    return okResult(target.name, out.EndpointResponse);
  } catch (err) {
    if (err instanceof NotFoundException) return notFound(target.name, event.endpointId);
    throw err;
  }
}
