/** Cold-start configuration: the runtime's targets plus each target's settings.customerProfilesDomain. */
import { createTargets } from '../../../src/index';
import { customerProfilesTargets } from '../src/targets';

const ROLE = 'arn:aws:iam::222222222222:role/customer-profiles';
const base = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'AKIDMASTER', AWS_SECRET_ACCESS_KEY: 'master' };
const env = (targets: unknown, extra: Record<string, string> = {}) => ({
  ...base,
  CROSS_ACCOUNT_TARGETS: typeof targets === 'string' ? targets : JSON.stringify(targets),
  ...extra,
});
const target = (more: Record<string, unknown> = {}) => ({ roleArn: ROLE, region: 'eu-west-1', prefetch: false, ...more });
const silent = { warn: () => undefined };
const init = (e: Record<string, string>) => customerProfilesTargets(createTargets({ env: e, logger: silent }));

describe('domain per target', () => {
  test.each([
    ['the setting', env({ a: target({ settings: { customerProfilesDomain: 'crm' } }) }), 'crm'],
    ['64 characters of the allowed set', env({ a: target({ settings: { customerProfilesDomain: `A_-9${'x'.repeat(60)}` } }) }), `A_-9${'x'.repeat(60)}`],
    ['a Pinpoint app id is tolerated (source-lambda renders it when set)', env({ a: target({ settings: { pinpointAppId: '0'.repeat(32), customerProfilesDomain: 'd' } }) }), 'd'],
  ])('%s', (_label, e, domain) => {
    const targets = init(e);
    expect(targets.get('a')).toMatchObject({ target: { name: 'a', roleArn: ROLE, region: 'eu-west-1' }, domain });
    targets.get('a')?.client.destroy();
  });

  test('the client is the target\'s own (one per target, in its region)', async () => {
    const targets = init(env({ a: target({ settings: { customerProfilesDomain: 'crm' } }), b: target({ region: 'us-east-1', settings: { customerProfilesDomain: 'crm' } }) }));
    const [a, b] = [targets.get('a'), targets.get('b')];
    expect(a?.client).not.toBe(b?.client);
    await expect(b?.client.config.region()).resolves.toBe('us-east-1');
    for (const t of targets.values()) t.client.destroy();
  });
});

describe('a bad environment fails the init naming the variable, the target and the rule', () => {
  test.each([
    ['no domain', env({ a: target() }), /CROSS_ACCOUNT_TARGETS is invalid: a\.settings\.customerProfilesDomain: is required by the Customer Profiles function/],
    ['the second target has no domain', env({ a: target({ settings: { customerProfilesDomain: 'd' } }), b: target() }), /b\.settings\.customerProfilesDomain: is required/],
    ['a dot in the domain', env({ a: target({ settings: { customerProfilesDomain: 'a.b' } }) }), /a\.settings\.customerProfilesDomain: expected a Customer Profiles domain name, \^\[a-zA-Z0-9_-\]\{1,64\}\$/],
    ['an empty domain', env({ a: target({ settings: { customerProfilesDomain: '' } }) }), /a\.settings\.customerProfilesDomain: expected/],
    ['65 characters', env({ a: target({ settings: { customerProfilesDomain: 'x'.repeat(65) } }) }), /a\.settings\.customerProfilesDomain: expected/],
    ['the old CUSTOMER_PROFILES_DOMAIN variable is not read', env({ a: target() }, { CUSTOMER_PROFILES_DOMAIN: 'crm' }), /a\.settings\.customerProfilesDomain: is required/],
    ['the runtime still validates the rest (unknown target key)', env({ a: target({ pinpointAppID: 'x', settings: { customerProfilesDomain: 'd' } }) }), /CROSS_ACCOUNT_TARGETS is invalid: .*pinpointAppID/],
    ['__proto__ as a target name', env('{"__proto__": {"roleArn": "x"}}'), /__proto__/],
  ])('%s', (_label, e, message) => {
    expect(() => init(e)).toThrow(message);
    try {
      init(e);
    } catch (error) {
      expect((error as Error).name).toBe('ConfigurationError');
    }
  });
});
