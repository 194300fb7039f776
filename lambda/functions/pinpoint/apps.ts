/**
 * The Pinpoint app of each target, from settings.pinpointAppId (CONTRACT.md),
 * checked once at init: a missing or malformed id is a ConfigurationError
 * naming the variable, the target and the rule. The client is built on first use.
 */
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { Target } from '../../src/index';
import { requiredSetting } from '../shared/settings';

const APP_ID_RULE = { requiredBy: 'Pinpoint', pattern: /^[0-9a-f]{32}$/, expected: 'expected 32 lowercase hex characters' };

export interface PinpointTarget {
  target: Target;
  appId: string;
  /** The target's Pinpoint client, built on first use (the runtime keeps one per target). */
  readonly client: PinpointClient;
}

export function pinpointTargets(targets: ReadonlyMap<string, Target>): Map<string, PinpointTarget> {
  const result = new Map<string, PinpointTarget>();
  for (const [name, target] of targets) {
    const appId = requiredSetting(target, 'pinpointAppId', APP_ID_RULE);
    // Built by the first invocation, while the init-time AssumeRole is in flight, not during module load.
    result.set(name, {
      target,
      appId,
      get client() {
        return target.client(PinpointClient);
      },
    });
  }
  return result;
}
