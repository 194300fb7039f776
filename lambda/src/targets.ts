/**
 * Module-scope state built once per cold start: for every configured target,
 * its credentials provider and Pinpoint client, with the first AssumeRole
 * already started (prefetch).
 */
import type { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { Config, TargetConfig } from './config';
import { assumeRoleCredentials, prefetchCredentials } from './credentials';
import { createPinpointClient } from './pinpoint';

export interface Target {
  config: TargetConfig;
  client: PinpointClient;
}

export function createTargets(config: Config, onPrefetchError: (target: string, error: unknown) => void): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const [name, target] of config.targets) {
    const credentials = assumeRoleCredentials(target, config);
    const client = createPinpointClient({ ...config, region: target.region }, credentials);
    prefetchCredentials(client, (error) => onPrefetchError(name, error));
    targets.set(name, { config: target, client });
  }
  return targets;
}
