/**
 * Baseline (the minimal-client floor): aws-lite (`@aws-lite/client`, no SDK),
 * one sts:AssumeRole at init, and the static credentials it returned used by
 * every invocation. No renewal: when the session expires the function fails,
 * which is why this is a floor for load time and size, not a design to copy.
 * aws-lite has no STS or Pinpoint plugin, so both are raw signed requests.
 */
import awsLite from '@aws-lite/client';
import { notFound, okResult, targetFor, type BaselineEvent } from './target-config';

interface AssumeRoleXml {
  AssumeRoleResult?: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } };
}

async function assumeOnce(): Promise<Awaited<ReturnType<typeof awsLite>>> {
  const target = targetFor({ endpointId: '' });
  const sts = await awsLite({ region: target.region, autoloadPlugins: false, awsConfigFile: false, retries: 2 });
  const form = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: target.roleArn,
    RoleSessionName: `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'aws-lite'}@${target.name}`.slice(0, 64),
    ...(target.externalId !== undefined && { ExternalId: target.externalId }),
    ...(target.sessionDurationSeconds !== undefined && { DurationSeconds: String(target.sessionDurationSeconds) }),
  });
  const out = await sts({
    service: 'sts',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
  const payload = out.payload as AssumeRoleXml & { AssumeRoleResponse?: AssumeRoleXml };
  const c = (payload.AssumeRoleResponse ?? payload).AssumeRoleResult?.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return awsLite({
    region: target.region,
    autoloadPlugins: false,
    awsConfigFile: false,
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    verifyService: false,
  });
}

// Started at init, awaited by every invocation (a failure is retried by the next one).
let client = assumeOnce();
client.catch(() => undefined);

export async function handler(event: BaselineEvent): Promise<Record<string, unknown>> {
  const target = targetFor(event);
  let pinpoint;
  try {
    pinpoint = await client;
  } catch (error) {
    client = assumeOnce();
    throw error;
  }
  try {
    const out = await pinpoint({ service: 'mobiletargeting', path: `/v1/apps/${target.pinpointAppId}/endpoints/${encodeURIComponent(event.endpointId)}` });
    return okResult(target.name, out.payload);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return notFound(target.name, event.endpointId);
    throw error;
  }
}
