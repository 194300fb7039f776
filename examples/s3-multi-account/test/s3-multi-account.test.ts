/**
 * examples/s3-multi-account end to end on the local stack: the scenario `make demo` runs (both
 * apply orders, the real bundle, reads in B and C, reports written, refusals), every check it
 * reports must pass; then direct calls with each target role's session pin down the grants
 * (the exact prefixes, the sibling prefix, the other account's bucket), and destroy must leave
 * nothing in any account.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import { startLocalStack } from '../../../stack/src/index';
import type { Credentials, LocalStack } from '../../../stack/src/types';
import type { Check, ScenarioContext } from '../../../scripts/demo/scenario';
import { REGION, runFlow, SAMPLE_OBJECTS, scenario, type Flow } from './scenario';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let stack: LocalStack | undefined;
let flow: Flow | undefined;
const checks: Check[] = [];
const cleanups: Array<() => Promise<void>> = [];
const logs: string[] = [];

function ready(): { stack: LocalStack; flow: Flow } {
  if (!stack || !flow) throw new Error(`beforeAll did not finish; last log lines:\n${logs.slice(-30).join('\n')}`);
  return { stack, flow };
}

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!();
}

beforeAll(async () => {
  stack = await startLocalStack();
  const abort = new AbortController();
  const ctx: ScenarioContext = { stack, signal: abort.signal, report: (c) => checks.push(c), onCleanup: (fn) => cleanups.push(fn), log: (l) => logs.push(l) };
  flow = await runFlow(ctx, 's3mt');
}, 240_000);

afterAll(async () => {
  try {
    await runCleanups();
  } finally {
    await stack?.stop();
  }
}, 240_000);

/** A session of a target role, assumed with the execution role's credentials as the function does (SourceIdentity = function name). */
async function targetSession(roleArn: string): Promise<Credentials> {
  const { stack: s, flow: f } = ready();
  const execution = await s.lambdaServiceCredentials(f.executionRoleArn, { functionArn: f.functionArn });
  const sts = new STSClient({ endpoint: s.endpoint, region: REGION, credentials: execution, maxAttempts: 1 });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'grants-test', SourceIdentity: f.names.functionName }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

const s3As = (credentials: Credentials) => new S3Client({ endpoint: ready().stack.endpoint, region: REGION, forcePathStyle: true, credentials, maxAttempts: 1 });

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return (e as Error).name;
  }
  return 'allowed';
}

describe('examples/s3-multi-account', () => {
  test('the scenario (make demo) reports every check passed', () => {
    expect(scenario.name).toBe('s3-multi-account');
    expect(checks.length).toBeGreaterThanOrEqual(7);
    expect(checks.filter((c) => !c.passed).map((c) => `${c.title}: ${(c.details ?? []).join('; ')}`)).toEqual([]);
  });

  test('the function read the same two objects in B and C and wrote one report each', () => {
    const { flow: f } = ready();
    expect(f.report.status).toBe('ok');
    for (const [name, bucket] of [['b', f.names.bucket.b], ['c', f.names.bucket.c]] as const) {
      const r = f.report.results.find((x) => x.target === name);
      expect(r).toMatchObject({ status: 'ok', bucket, reportKey: 'reports/after-c.json' });
      // What the target root seeded under incoming/, in listing (key) order.
      const expected = Object.entries(SAMPLE_OBJECTS)
        .filter(([key]) => key.startsWith('incoming/'))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, text]) => ({ key, bytes: Buffer.byteLength(text), lines: text.split('\n').length - 1 }));
      expect(expected).toHaveLength(2);
      expect(r?.objects).toEqual(expected);
    }
  });

  test('the rendered grants: ListBucket narrowed by s3:prefix, objects only below the two prefixes, one Sid per job', () => {
    const { flow: f } = ready();
    const policy = JSON.parse(f.roots.b.output('permissions_policy')) as { Statement: Array<{ Sid: string; Action: string[] | string; Resource: string[] | string; Condition?: unknown }> };
    const bucket = f.names.bucket.b;
    expect(policy.Statement.map((s) => [s.Sid, [s.Action].flat(), [s.Resource].flat(), s.Condition ?? null])).toEqual([
      ['S3ReadList', ['s3:ListBucket'], [`arn:aws:s3:::${bucket}`], { StringLike: { 's3:prefix': ['incoming/*'] } }],
      ['S3ReadObjects', ['s3:GetObject'], [`arn:aws:s3:::${bucket}/incoming/*`], null],
      ['S3WriteObjects', ['s3:PutObject'], [`arn:aws:s3:::${bucket}/reports/*`], null],
    ]);
  });

  // [what, call with B's role session, expected]: the allowed calls succeed, every neighbour is refused with S3's AccessDenied.
  const GRANTS: Array<[string, 'allowed' | 'AccessDenied', (s3: S3Client, f: Flow) => Promise<unknown>]> = [
    ['ListObjectsV2 incoming/ in B', 'allowed', (s3, f) => s3.send(new ListObjectsV2Command({ Bucket: f.names.bucket.b, Prefix: 'incoming/' }))],
    ['GetObject incoming/orders.csv in B', 'allowed', (s3, f) => s3.send(new GetObjectCommand({ Bucket: f.names.bucket.b, Key: 'incoming/orders.csv' }))],
    ['PutObject reports/x.json in B', 'allowed', (s3, f) => s3.send(new PutObjectCommand({ Bucket: f.names.bucket.b, Key: 'reports/x.json', Body: '{}' }))],
    ['ListObjectsV2 without a prefix in B', 'AccessDenied', (s3, f) => s3.send(new ListObjectsV2Command({ Bucket: f.names.bucket.b }))],
    ['ListObjectsV2 "incoming" (no slash) in B', 'AccessDenied', (s3, f) => s3.send(new ListObjectsV2Command({ Bucket: f.names.bucket.b, Prefix: 'incoming' }))],
    ['ListObjectsV2 reports-old/ in B', 'AccessDenied', (s3, f) => s3.send(new ListObjectsV2Command({ Bucket: f.names.bucket.b, Prefix: 'reports-old/' }))],
    ['GetObject reports-old/summary.json in B', 'AccessDenied', (s3, f) => s3.send(new GetObjectCommand({ Bucket: f.names.bucket.b, Key: 'reports-old/summary.json' }))],
    ['GetObject reports/after-c.json in B (write-only prefix)', 'AccessDenied', (s3, f) => s3.send(new GetObjectCommand({ Bucket: f.names.bucket.b, Key: 'reports/after-c.json' }))],
    ['PutObject reports-old/x.json in B', 'AccessDenied', (s3, f) => s3.send(new PutObjectCommand({ Bucket: f.names.bucket.b, Key: 'reports-old/x.json', Body: '{}' }))],
    ['PutObject incoming/x.csv in B (read-only prefix)', 'AccessDenied', (s3, f) => s3.send(new PutObjectCommand({ Bucket: f.names.bucket.b, Key: 'incoming/x.csv', Body: 'x' }))],
    ["GetObject incoming/orders.csv in C's bucket", 'AccessDenied', (s3, f) => s3.send(new GetObjectCommand({ Bucket: f.names.bucket.c, Key: 'incoming/orders.csv' }))],
    ["ListObjectsV2 incoming/ in C's bucket", 'AccessDenied', (s3, f) => s3.send(new ListObjectsV2Command({ Bucket: f.names.bucket.c, Prefix: 'incoming/' }))],
  ];

  test.each(GRANTS)("B's role: %s -> %s", async (_what, expected, call) => {
    const { flow: f } = ready();
    const s3 = s3As(await targetSession(f.roots.b.output('role_arn')));
    expect(await errorName(call(s3, f))).toBe(expected);
  });

  test('destroy leaves nothing in any account: no bucket, role, function or log group of the example', async () => {
    const { stack: s, flow: f } = ready();
    await runCleanups();
    const leftovers: string[] = [];
    for (const account of [s.accounts.source, s.accounts.target, s.accounts.second]) {
      const credentials = await s.operatorCredentials(account);
      const cfg = { endpoint: s.endpoint, region: REGION, credentials };
      const buckets = (await new S3Client({ ...cfg, forcePathStyle: true }).send(new ListBucketsCommand({}))).Buckets ?? [];
      const roles = (await new IAMClient(cfg).send(new ListRolesCommand({}))).Roles ?? [];
      const functions = (await new LambdaClient(cfg).send(new ListFunctionsCommand({}))).Functions ?? [];
      const groups = (await new CloudWatchLogsClient(cfg).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/lambda/${f.names.prefix}` }))).logGroups ?? [];
      const mine = (name?: string) => Boolean(name?.startsWith(f.names.prefix));
      leftovers.push(
        ...buckets.filter((b) => mine(b.Name)).map((b) => `${account} bucket ${b.Name}`),
        ...roles.filter((r) => mine(r.RoleName)).map((r) => `${account} role ${r.RoleName}`),
        ...functions.filter((x) => mine(x.FunctionName)).map((x) => `${account} function ${x.FunctionName}`),
        ...groups.map((g) => `${account} log group ${g.logGroupName}`),
      );
    }
    expect(leftovers).toEqual([]);
  }, 180_000);
});
