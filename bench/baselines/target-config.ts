/**
 * The little each baseline needs from the function's environment: the target
 * named by the event (or the only one configured) out of CROSS_ACCOUNT_TARGETS,
 * and the endpoint overrides the local stack sets. Deliberately minimal: the
 * baselines stand for code users write by hand, not for the function's own
 * validated configuration (lambda/src/config.ts).
 */
export interface BaselineTarget {
  name: string;
  roleArn: string;
  region: string;
  pinpointAppId: string;
  externalId?: string;
  sessionDurationSeconds?: number;
}

export interface BaselineEvent {
  operation?: string;
  target?: string;
  endpointId: string;
}

type ConfiguredTarget = Omit<BaselineTarget, 'name' | 'pinpointAppId'> & { settings?: { pinpointAppId?: string } };

export function targetFor(event: BaselineEvent, env: NodeJS.ProcessEnv = process.env): BaselineTarget {
  const targets = JSON.parse(env.CROSS_ACCOUNT_TARGETS ?? '{}') as Record<string, ConfiguredTarget>;
  const name = event.target ?? Object.keys(targets)[0];
  const target = name === undefined ? undefined : targets[name];
  const pinpointAppId = target?.settings?.pinpointAppId;
  if (name === undefined || target === undefined || pinpointAppId === undefined) throw new Error('unknown target');
  const { roleArn, region, externalId, sessionDurationSeconds } = target;
  return { name, roleArn, region, pinpointAppId, externalId, sessionDurationSeconds };
}

/** SDK-standard endpoint override for a service (v3 reads these itself; v2 does not). */
export function endpointFor(service: 'STS' | 'PINPOINT', env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
}

export function okResult(target: string, endpoint: unknown): Record<string, unknown> {
  return { status: 'ok', operation: 'getEndpoint', target, endpoint };
}

export function notFound(target: string, endpointId: string): Record<string, unknown> {
  return { status: 'not_found', operation: 'getEndpoint', target, endpointId };
}
