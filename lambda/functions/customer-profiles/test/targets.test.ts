/** Cold-start configuration (the glue over today's lambda/src, see src/targets.ts). */
import { createTargets } from '../src/targets';

const ROLE = 'arn:aws:iam::222222222222:role/customer-profiles';
const base = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'AKIDMASTER', AWS_SECRET_ACCESS_KEY: 'master' };
const env = (targets: unknown, extra: Record<string, string> = {}) => ({
  ...base,
  CROSS_ACCOUNT_TARGETS: typeof targets === 'string' ? targets : JSON.stringify(targets),
  ...extra,
});
const target = (more: Record<string, unknown> = {}) => ({ roleArn: ROLE, region: 'eu-west-1', prefetch: false, ...more });

describe('domain per target', () => {
  test.each([
    ['the setting', env({ a: target({ settings: { customerProfilesDomain: 'crm' } }) }), 'crm'],
    ['the setting over the variable', env({ a: target({ settings: { customerProfilesDomain: 'crm' } }) }, { CUSTOMER_PROFILES_DOMAIN: 'other' }), 'crm'],
    ['the variable as fallback', env({ a: target() }, { CUSTOMER_PROFILES_DOMAIN: 'fallback_1' }), 'fallback_1'],
    ['a Pinpoint app id is tolerated (source-lambda renders it when set)', env({ a: target({ pinpointAppId: '0'.repeat(32), settings: { customerProfilesDomain: 'd' } }) }), 'd'],
  ])('%s', (_label, e, domain) => {
    const targets = createTargets(e, () => undefined);
    expect(targets.get('a')).toMatchObject({ name: 'a', roleArn: ROLE, region: 'eu-west-1', domain });
    targets.get('a')?.client.destroy();
  });
});

describe('a bad environment fails the init naming the variable, the target and the rule', () => {
  test.each([
    ['not JSON', env('{'), /CROSS_ACCOUNT_TARGETS is invalid: it is not set or not valid JSON/],
    ['no targets', env({}), /at least one target/],
    ['no domain anywhere', env({ a: target() }), /target "a" has no settings\.customerProfilesDomain \(and CUSTOMER_PROFILES_DOMAIN is not set\)/],
    ['bad domain name', env({ a: target({ settings: { customerProfilesDomain: 'a.b' } }) }), /target "a": customerProfilesDomain must match/],
    ['__proto__ as a target name', env('{"__proto__": {"roleArn": "x"}}'), /target name "__proto__" is not allowed/],
    ['constructor as a settings key', env({ a: target({ settings: { constructor: 'x' } }) }), /target "a": settings key "constructor" is not allowed/],
    ['unknown target key', env({ a: target({ pinpointAppID: 'x', settings: { customerProfilesDomain: 'd' } }) }), /CROSS_ACCOUNT_TARGETS is invalid: target "a": .*pinpointAppID/],
    ['bad role ARN', env({ a: target({ roleArn: 'role', settings: { customerProfilesDomain: 'd' } }) }), /target "a": roleArn: expected arn:<partition>:iam/],
    ['bad target name', env({ 'a b': target({ settings: { customerProfilesDomain: 'd' } }) }), /target name "a b" must match/],
    ['bad timeout', env({ a: target({ settings: { customerProfilesDomain: 'd' } }) }, { CROSS_ACCOUNT_MAX_ATTEMPTS: '0' }), /CROSS_ACCOUNT_MAX_ATTEMPTS is invalid: expected an integer 1\.\.10/],
  ])('%s', (_label, e, message) => {
    expect(() => createTargets(e, () => undefined)).toThrow(message);
    try {
      createTargets(e, () => undefined);
    } catch (error) {
      expect((error as Error).name).toBe('ConfigurationError');
    }
  });
});
