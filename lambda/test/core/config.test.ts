import { loadConfig } from '../../src/config';
import { MASTER, ONE_TARGET, ROLE_EU, coldStart, setEnv } from '../helpers';

const base = { ...MASTER, AWS_REGION: 'eu-central-1' };
const withTargets = (targets: unknown, extra: Record<string, string> = {}) => ({
  ...base,
  CROSS_ACCOUNT_TARGETS: typeof targets === 'string' ? targets : JSON.stringify(targets),
  ...extra,
});
const t = (over: Record<string, unknown>) => ({ eu: { ...ONE_TARGET['eu-marketing'], ...over } });

describe('configuration', () => {
  test('defaults', () => {
    const config = loadConfig(withTargets(ONE_TARGET));
    expect(config).toMatchObject({ region: 'eu-central-1', connectTimeoutMs: 1000, requestTimeoutMs: 3000, maxAttempts: 3 });
    expect(config.targets.get('eu-marketing')).toMatchObject({ name: 'eu-marketing', roleArn: ROLE_EU, externalId: 'ext-id-123' });
    expect(config.targets.get('eu-marketing')).toMatchObject({ accountId: '222222222222', sourceIdentity: true, prefetch: true });
  });

  test('settings and opt-outs; a top-level pinpointAppId is an unknown key (it lives in settings)', () => {
    const config = loadConfig(
      withTargets({
        a: { roleArn: ROLE_EU, region: 'eu-west-1', sourceIdentity: false, prefetch: false, settings: { tableName: 'orders' } },
        b: { roleArn: ROLE_EU, region: 'eu-west-1', settings: { pinpointAppId: 'x'.repeat(32) } },
      }),
    );
    expect(config.targets.get('a')).toMatchObject({ sourceIdentity: false, prefetch: false, settings: { tableName: 'orders' } });
    expect(config.targets.get('b')?.settings).toEqual({ pinpointAppId: 'x'.repeat(32) });
    expect(() => loadConfig(withTargets({ c: { roleArn: ROLE_EU, region: 'eu-west-1', pinpointAppId: 'x'.repeat(32) } }))).toThrow(
      /CROSS_ACCOUNT_TARGETS is invalid: c: Unrecognized key: "pinpointAppId"/,
    );
  });

  test.each<[string, Record<string, string | undefined>, RegExp]>([
    ['missing targets', { ...base }, /CROSS_ACCOUNT_TARGETS is invalid: it is not set\. Expected a JSON object keyed by target name/],
    ['not JSON', withTargets('{nope'), /CROSS_ACCOUNT_TARGETS is invalid: it is not valid JSON/],
    ['empty object', withTargets({}), /CROSS_ACCOUNT_TARGETS is invalid: \(root\): expected at least one target/],
    ['bad target name', withTargets({ 'bad name': ONE_TARGET['eu-marketing'] }), /target names must match/],
    ['bad role ARN', withTargets(t({ roleArn: 'arn:aws:iam::12:user/x' })), /eu\.roleArn: expected arn:<partition>:iam::<12 digits>:role/],
    ['bad region', withTargets(t({ region: 'Europe' })), /eu\.region: expected an AWS region/],
    ['__proto__ as a target name', withTargets('{"__proto__": {"roleArn": "x"}}'), /\(root\): target name "__proto__" is reserved/],
    ['constructor as a target name', withTargets({ constructor: ONE_TARGET['eu-marketing'] }), /target name "constructor" is reserved/],
    ['prototype as a settings key', withTargets(t({ settings: { prototype: 'x' } })), /eu\.settings: key "prototype" is reserved/],
    ['__proto__ as a settings key', withTargets('{"eu": {"roleArn": "arn:aws:iam::222222222222:role/r", "region": "eu-west-1", "settings": {"__proto__": "x"}}}'), /eu\.settings: key "__proto__" is reserved/],
    ['non-string setting', withTargets(t({ settings: { table: 1 } })), /eu\.settings\.table: settings values must be strings/],
    ['settings not an object', withTargets(t({ settings: 'x' })), /eu\.settings: expected an object of string values/],
    ['bad prefetch', withTargets(t({ prefetch: 'no' })), /eu\.prefetch: expected true or false/],
    ['bad sourceIdentity', withTargets(t({ sourceIdentity: 1 })), /eu\.sourceIdentity: expected true or false/],
    ['bad external id', withTargets(t({ externalId: 'x' })), /eu\.externalId: expected 2-1224 characters/],
    ['bad duration', withTargets(t({ sessionDurationSeconds: 60 })), /eu\.sessionDurationSeconds: expected 900\.\.3600/],
    ['duration past the role-chaining cap', withTargets(t({ sessionDurationSeconds: 7200 })), /eu\.sessionDurationSeconds: expected 900\.\.3600 \(role chaining/],
    ['unknown key', withTargets(t({ role: 'x' })), /Unrecognized key: "role"/],
    ['bad max attempts', withTargets(ONE_TARGET, { CROSS_ACCOUNT_MAX_ATTEMPTS: '11' }), /CROSS_ACCOUNT_MAX_ATTEMPTS is invalid: got "11"\. Expected an integer 1\.\.10/],
    ['bad timeout', withTargets(ONE_TARGET, { CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: '1s' }), /CROSS_ACCOUNT_REQUEST_TIMEOUT_MS is invalid/],
    ['no region', { ...withTargets(ONE_TARGET), AWS_REGION: undefined }, /AWS_REGION is invalid: it is not set/],
    ['no master credentials', { ...withTargets(ONE_TARGET), AWS_ACCESS_KEY_ID: undefined }, /AWS_ACCESS_KEY_ID is invalid: it is not set/],
  ])('%s -> ConfigurationError naming the variable and the form', (_label, env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'ConfigurationError', message: expect.stringMatching(message) });
  });

  test('a misconfigured function fails on init (module load)', () => {
    setEnv('{"x": 1}');
    const { load, stsMock } = coldStart();
    expect(load).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
    expect(stsMock.calls()).toHaveLength(0);
  });
});
