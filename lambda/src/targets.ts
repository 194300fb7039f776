/**
 * Module-scope state built once per cold start: for every configured target,
 * its credentials provider (renewed ahead of expiry) and Pinpoint client, with
 * the first AssumeRole already started (prefetch).
 */
import type { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { Config, TargetConfig } from './config';
import { assumeRoleCredentials, prefetchCredentials, renewAhead } from './credentials';
import { createPinpointClient } from './pinpoint';

export interface Target {
  config: TargetConfig;
  client: PinpointClient;
}

/** Where a background AssumeRole failed: the cold-start prefetch, or a renewal ahead of expiry. */
export type BackgroundPhase = 'prefetch' | 'renewal';

export function createTargets(
  config: Config,
  onBackgroundError: (target: string, phase: BackgroundPhase, error: unknown) => void,
): Map<string, Target> {
  const targets = new Map<string, Target>();
  for (const [name, target] of config.targets) {
    const credentials = renewAhead(assumeRoleCredentials(target, config), {
      onRenewError: (error) => onBackgroundError(name, 'renewal', error),
    });
    const client = createPinpointClient({ ...config, region: target.region }, credentials);
    prefetchCredentials(client, (error) => onBackgroundError(name, 'prefetch', error));
    targets.set(name, { config: target, client });
  }
  return targets;
}
