/**
 * Small pieces shared by scripts/demo.ts and test/integration: SDK clients
 * pointed at the local stack, a direct AssumeRole the way the function does it,
 * and variations of the function's target configuration.
 */
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import type { Credentials } from './types';

export interface TargetConfig {
  roleArn: string;
  region: string;
  externalId?: string;
  sessionDurationSeconds?: number;
  sourceIdentity?: boolean;
  prefetch?: boolean;
  /** Free-form per-target settings; the Pinpoint function reads settings.pinpointAppId. */
  settings?: Record<string, string>;
}

/** `target` pointed at another Pinpoint app (settings.pinpointAppId). */
export function withPinpointApp(target: TargetConfig, pinpointAppId: string): TargetConfig {
  return { ...target, settings: { ...target.settings, pinpointAppId } };
}

/** The function environment with CROSS_ACCOUNT_TARGETS changed by `edit`. */
export function withTargets(
  env: Record<string, string>,
  edit: (targets: Record<string, TargetConfig>) => Record<string, TargetConfig>,
): Record<string, string> {
  const targets = JSON.parse(env.CROSS_ACCOUNT_TARGETS ?? '{}') as Record<string, TargetConfig>;
  return { ...env, CROSS_ACCOUNT_TARGETS: JSON.stringify(edit(targets)) };
}

/** The single target the provisioned function is configured with. */
export function onlyTarget(env: Record<string, string>): [string, TargetConfig] {
  const entries = Object.entries(JSON.parse(env.CROSS_ACCOUNT_TARGETS ?? '{}') as Record<string, TargetConfig>);
  const [first] = entries;
  if (entries.length !== 1 || !first) throw new Error(`expected exactly one target in CROSS_ACCOUNT_TARGETS, found ${entries.length}`);
  return first;
}

export function stsClient(endpoint: string, credentials: Credentials, region = 'us-east-1'): STSClient {
  return new STSClient({ endpoint, region, credentials, maxAttempts: 1 });
}

export function pinpointClient(endpoint: string, credentials: Credentials, region: string): PinpointClient {
  return new PinpointClient({ endpoint, region, credentials, maxAttempts: 1 });
}

/** sts:AssumeRole on `roleArn` with `credentials`, as the function does. */
export async function assumeRole(
  endpoint: string,
  credentials: Credentials,
  roleArn: string,
  opts: { externalId?: string; durationSeconds?: number; sessionName?: string } = {},
): Promise<Credentials> {
  const out = await stsClient(endpoint, credentials).send(
    new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: opts.sessionName ?? 'local-flow',
      ExternalId: opts.externalId,
      DurationSeconds: opts.durationSeconds,
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

/** The AWS error name and HTTP status of a rejected SDK call (for reports and assertions). */
export function awsErrorOf(err: unknown): { name: string; status?: number } {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return { name: e?.name ?? 'Error', status: e?.$metadata?.httpStatusCode };
}

/** A sample endpoint (fictional number from the 555-0100 range). Never print its Address. */
export const sampleEndpoint = { ChannelType: 'SMS', Address: '+15555550100', OptOut: 'NONE' } as const;
