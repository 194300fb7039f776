/**
 * The Pinpoint app of each target, from settings.pinpointAppId (CONTRACT.md),
 * checked once at init: a missing or malformed id is a ConfigurationError
 * naming the variable, the target and the rule.
 */
import { PinpointClient } from '@aws-sdk/client-pinpoint';
import { ConfigurationError, type Target } from '../../src/index';

const APP_ID_PATTERN = /^[0-9a-f]{32}$/;

export interface PinpointTarget {
  target: Target;
  appId: string;
  client: PinpointClient;
}

export function pinpointTargets(targets: ReadonlyMap<string, Target>): Map<string, PinpointTarget> {
  const result = new Map<string, PinpointTarget>();
  for (const [name, target] of targets) {
    // A top-level "pinpointAppId" (deprecated, rendered by modules/source-lambda until it moves to settings)
    // arrives here as settings.pinpointAppId: see src/config.ts.
    const appId = target.settings.pinpointAppId;
    if (appId === undefined || !APP_ID_PATTERN.test(appId)) {
      throw new ConfigurationError(
        `CROSS_ACCOUNT_TARGETS is invalid: ${name}.settings.pinpointAppId: ` +
          `${appId === undefined ? 'is required by the Pinpoint function' : 'expected 32 lowercase hex characters'}.`,
        { target: name, roleArn: target.roleArn },
      );
    }
    result.set(name, { target, appId, client: target.client(PinpointClient) });
  }
  return result;
}
