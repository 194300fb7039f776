/**
 * The handler module's init: PUBLISH_CONCURRENCY is an integer 1..50 (default
 * 50), anything else fails the init with a ConfigurationError naming it. No
 * AWS call: the target opts out of the prefetch and names its IoT endpoint.
 */
import { ConfigurationError } from 'cross-account-lambda';

const TARGETS = JSON.stringify({
  iot: {
    roleArn: 'arn:aws:iam::222222222222:role/publisher',
    region: 'us-east-1',
    prefetch: false,
    settings: { topicPrefix: 'fleet/telemetry', iotEndpoint: 'abcdefghijklmn-ats.iot.us-east-1.amazonaws.com' },
  },
});

function init(concurrency: string | undefined): unknown {
  const saved = { ...process.env };
  process.env.CROSS_ACCOUNT_TARGETS = TARGETS;
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE00', AWS_SECRET_ACCESS_KEY: 'example', AWS_SESSION_TOKEN: 'example' });
  if (concurrency === undefined) delete process.env.PUBLISH_CONCURRENCY;
  else process.env.PUBLISH_CONCURRENCY = concurrency;
  try {
    let error: unknown;
    jest.isolateModules(() => {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../src/index');
      } catch (e) {
        error = e;
      }
    });
    return error;
  } finally {
    process.env = saved;
  }
}

describe('PUBLISH_CONCURRENCY', () => {
  test.each([undefined, '1', '25', '50'])('%s is accepted', (value) => {
    expect(init(value)).toBeUndefined();
  });

  test.each(['0', '51', '100', '-1', '2.5', 'ten', ''])('%j fails the init naming the variable and the rule', (value) => {
    const error = init(value);
    // isolateModules loads its own copy of the runtime: compare by name, not by class identity.
    expect((error as Error | undefined)?.name).toBe(ConfigurationError.name);
    expect((error as Error).message).toMatch(/^PUBLISH_CONCURRENCY is invalid: got ".*"\. Expected an integer 1\.\.50 /);
  });
});
