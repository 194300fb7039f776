/**
 * The Customer Profiles domain and client of each target, from the runtime's
 * targets: the domain is settings.customerProfilesDomain (CONTRACT.md), checked
 * once at init like the Pinpoint function's app id (a missing or malformed name
 * is a ConfigurationError naming the variable, the target and the rule); the
 * client is the target's `client(CustomerProfilesClient)` (shared credentials,
 * bounded timeouts, one re-assume and retry on an expired session), built on first use.
 */
import { CustomerProfilesClient } from '@aws-sdk/client-customer-profiles';
import type { Target } from '../../../src/index';
import { requiredSetting } from '../../shared/settings';

export const DOMAIN_SETTING = 'customerProfilesDomain';
/** Customer Profiles domain names: ^[a-zA-Z0-9_-]{1,64}$. */
const DOMAIN_RULE = {
  requiredBy: 'Customer Profiles',
  pattern: /^[a-zA-Z0-9_-]{1,64}$/,
  expected: 'expected a Customer Profiles domain name, ^[a-zA-Z0-9_-]{1,64}$',
};

export interface CustomerProfilesTarget {
  target: Target;
  domain: string;
  /** The target's Customer Profiles client, built on first use (the runtime keeps one per target). */
  readonly client: CustomerProfilesClient;
}

export function customerProfilesTargets(targets: ReadonlyMap<string, Target>): Map<string, CustomerProfilesTarget> {
  const result = new Map<string, CustomerProfilesTarget>();
  for (const [name, target] of targets) {
    const domain = requiredSetting(target, DOMAIN_SETTING, DOMAIN_RULE);
    // Built by the first invocation, while the init-time AssumeRole is in flight, not during module load.
    result.set(name, {
      target,
      domain,
      get client() {
        return target.client(CustomerProfilesClient);
      },
    });
  }
  return result;
}
