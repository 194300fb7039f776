/**
 * The Pinpoint app of each target, from settings.pinpointAppId (CONTRACT.md),
 * checked once at init: a missing or malformed id is a ConfigurationError
 * naming the variable, the target and the rule.
 */
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { Target } from '../../src/index';
import { requiredSetting } from '../shared/settings';

const APP_ID_RULE = { requiredBy: 'Pinpoint', pattern: /^[0-9a-f]{32}$/, expected: 'expected 32 lowercase hex characters' };

export interface PinpointTarget {
  target: Target;
  appId: string;
  client: PinpointClient;
}

export function pinpointTargets(targets: ReadonlyMap<string, Target>): Map<string, PinpointTarget> {
  const result = new Map<string, PinpointTarget>();
  for (const [name, target] of targets) {
    const appId = requiredSetting(target, 'pinpointAppId', APP_ID_RULE);
    result.set(name, { target, appId, client: target.client(PinpointClient) });
  }
  return result;
}
