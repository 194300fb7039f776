/**
 * One credential source per target, shared by all its clients, proved with real
 * SDK v3 clients (SSM, SQS, DynamoDB, S3, STS) against a local HTTP fake of AWS
 * (fake-aws.ts) on a fake clock: the fake answers by the session token each
 * request was signed with, so a stale or unshared credential fails the request.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createTargets, type Target } from '../../src/index';
import { startFakeAws, type FakeAws } from './fake-aws';

const ROLE = (n: number) => `arn:aws:iam::22222222222${n}:role/app`;
const LIFETIME_MS = 900_000; // sessionDurationSeconds 900
const T0 = Date.parse('2026-11-30T00:00:00Z');

let fake: FakeAws;
let clock = T0;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws();
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.reset();
  clock = T0;
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAMASTEREXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'master-secret',
    AWS_SESSION_TOKEN: 'master-token',
    AWS_REGION: 'eu-central-1',
    AWS_LAMBDA_FUNCTION_NAME: 'fn',
    AWS_ENDPOINT_URL: fake.url,
    AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...saved };
});

function env(targetCount: number) {
  const targets = Object.fromEntries(
    Array.from({ length: targetCount }, (_, i) => [`t${i}`, { roleArn: ROLE(i), region: 'eu-west-1', sessionDurationSeconds: 900 }]),
  );
  // Generous timeouts: on a loaded machine a timed-out attempt against the local fake would add
  // retries the counts below do not expect (what is counted is AssumeRole calls, not latency).
  return { ...process.env, CROSS_ACCOUNT_TARGETS: JSON.stringify(targets), CROSS_ACCOUNT_CONNECT_TIMEOUT_MS: '10000', CROSS_ACCOUNT_REQUEST_TIMEOUT_MS: '20000' };
}

const silent = { warn: jest.fn() };

/** Five different SDK v3 clients on one target, each with one call. */
function fiveCalls(t: Target): Array<() => Promise<unknown>> {
  const ssm = t.client(SSMClient);
  const sqs = t.client(SQSClient);
  const ddb = t.client(DynamoDBClient);
  const s3 = t.client(S3Client, { forcePathStyle: true });
  const sts = t.client(STSClient);
  return [
    () => ssm.send(new GetParameterCommand({ Name: 'p' })),
    () => sqs.send(new SendMessageCommand({ QueueUrl: `${fake.url}/222222222222/q`, MessageBody: 'hello' })),
    () => ddb.send(new GetItemCommand({ TableName: 'table', Key: { id: { S: '1' } } })),
    () => s3.send(new ListObjectsV2Command({ Bucket: 'bucket' })),
    () => sts.send(new GetCallerIdentityCommand({})),
  ];
}

/** Runs every call; resolves to how many had not finished after `ms` of real time. */
async function unfinishedAfter(calls: Array<() => Promise<unknown>>, ms: number): Promise<number> {
  let finished = 0;
  const all = Promise.all(calls.map((call) => call().then(() => (finished += 1))));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, ms))]);
  return calls.length - finished;
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
};

test.each([1, 2])(
  '%i target(s) x 5 SDK clients across 3 credential lifetimes: 1 AssumeRole per target per lifetime, no request waits on STS after the first',
  async (targetCount) => {
    const all = createTargets({ env: env(targetCount), logger: silent });
    const calls = [...all.values()].flatMap(fiveCalls);

    // Lifetime 1: the first requests join the init-time prefetch.
    await Promise.all(calls.map((call) => call()));
    expect(fake.assumeRoles).toHaveLength(targetCount);

    for (let lifetime = 2; lifetime <= 3; lifetime += 1) {
      fake.hold(); // STS answers nothing until released: a request that waits for it cannot finish
      clock = fake.latestExpiry() - LIFETIME_MS / 2; // mid-life: nothing to renew
      expect(await unfinishedAfter(calls, 2000)).toBe(0);
      expect(fake.held()).toBe(0);
      clock = fake.latestExpiry() - 4 * 60_000; // inside the renew-ahead window
      expect(await unfinishedAfter(calls, 2000)).toBe(0); // 0 requests waiting on STS
      expect(fake.held()).toBe(targetCount); // one background renewal per target, not one per client
      fake.release();
      await until(() => fake.latestExpiry() > clock + LIFETIME_MS - 1);
      await new Promise((resolve) => setImmediate(resolve));
      const before = fake.requests.length;
      await Promise.all(calls.map((call) => call()));
      const tokens = new Set(fake.requests.slice(before).map((r) => r.token));
      expect(tokens.size).toBe(targetCount); // every client of a target uses the same, renewed session
      expect(fake.assumeRoles).toHaveLength(lifetime * targetCount);
    }
    expect(fake.requests.every((r) => r.ok)).toBe(true);
    expect([...new Set(fake.assumeRoles)].sort()).toEqual(Array.from({ length: targetCount }, (_, i) => ROLE(i)));
  },
  30_000,
);

test('5 clients of one target all get an expired-token answer at once: exactly 1 re-assume, each request retried once', async () => {
  const t = createTargets({ env: env(1), logger: silent }).get('t0') as Target;
  const calls = fiveCalls(t);
  await Promise.all(calls.map((call) => call()));
  expect(fake.assumeRoles).toHaveLength(1);
  const revoked = fake.requests[0]?.token ?? '';
  fake.revoke(revoked);
  const before = fake.requests.length;

  await Promise.all(calls.map((call) => call()));

  expect(fake.assumeRoles).toHaveLength(2);
  const round = fake.requests.slice(before);
  expect(round.filter((r) => !r.ok)).toHaveLength(5); // each service said "expired" once...
  expect(round.filter((r) => r.ok)).toHaveLength(5); // ...and each retry succeeded
  expect(new Set(round.filter((r) => r.ok).map((r) => r.token)).size).toBe(1);
  expect(round.filter((r) => r.ok)[0]?.token).not.toBe(revoked);
});

test('a session that stays rejected is retried once, then the service error is thrown as is', async () => {
  const t = createTargets({ env: env(1), logger: silent }).get('t0') as Target;
  const ssm = t.client(SSMClient);
  await ssm.send(new GetParameterCommand({ Name: 'p' }));
  fake.rejectAll(true);
  await expect(ssm.send(new GetParameterCommand({ Name: 'p' }))).rejects.toMatchObject({ name: 'ExpiredTokenException' });
  expect(fake.requests.filter((r) => !r.ok)).toHaveLength(2);
  expect(fake.assumeRoles).toHaveLength(2);
});

test('client(): same class and equal config -> same instance; region defaults to the target', async () => {
  const t = createTargets({ env: env(1), logger: silent }).get('t0') as Target;
  expect(t.client(SSMClient)).toBe(t.client(SSMClient));
  expect(t.client(S3Client, { forcePathStyle: true })).toBe(t.client(S3Client, { forcePathStyle: true }));
  expect(t.client(S3Client, { forcePathStyle: true })).not.toBe(t.client(S3Client));
  expect(await t.client(SSMClient).config.region()).toBe('eu-west-1');
  expect(await t.client(SSMClient, { region: 'us-east-1' }).config.region()).toBe('us-east-1');
  expect(await t.client(SSMClient).config.maxAttempts()).toBe(3);
});

test('prefetch: false -> no AssumeRole until the first request; SourceIdentity opt-out', async () => {
  const targets = { t0: { roleArn: ROLE(0), region: 'eu-west-1', prefetch: false, sourceIdentity: false } };
  const t = createTargets({ env: { ...process.env, CROSS_ACCOUNT_TARGETS: JSON.stringify(targets) }, logger: silent }).get('t0') as Target;
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(fake.assumeRoles).toHaveLength(0);
  await t.client(SSMClient).send(new GetParameterCommand({ Name: 'p' }));
  expect(fake.assumeRoles).toHaveLength(1);
  expect(fake.sourceIdentities).toEqual([null]);
});

test('SourceIdentity is the function name by default', async () => {
  createTargets({ env: env(1), logger: silent });
  await until(() => fake.assumeRoles.length === 1);
  expect(fake.sourceIdentities).toEqual(['fn']);
});
