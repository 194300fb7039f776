/**
 * Every modules/target-role preset through the real service call on the local stack: the module is
 * applied once (test/least-privilege/stack-fixture) into the target account with ALL presets, a
 * source-account role the trust names assumes it, and per preset (one row each) the allowed SDK call
 * succeeds while one neighbour (another resource or another action) is refused by IAM with the
 * error name the service's SDK raises on AWS. The resources are created with the SDK by the target
 * account's operator while Terraform applies the roles.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { CreateDomainCommand, CustomerProfilesClient, SearchProfilesCommand } from '@aws-sdk/client-customer-profiles';
import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { CreateStreamCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { DeleteEndpointCommand, PinpointClient, UpdateEndpointCommand } from '@aws-sdk/client-pinpoint';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, GetParametersByPathCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { NodeHttpHandler } from '@smithy/node-http-handler';

import { applyRoot, type AppliedRoot } from '../../stack/src/apply-root';
import { startLocalStack } from '../../stack/src/index';
import type { Credentials, LocalStack } from '../../stack/src/types';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const REGION = 'us-east-1';
const P = 'pp'; // name prefix of everything this file creates
const ROLE_NAME = `${P}-presets`;
const CALLER = `${P}-caller`;
const repoRoot = path.resolve(__dirname, '..', '..');

/** The preset names of modules/target-role's table (presets.tf), so a new preset without a row fails here. */
function modulePresets(): string[] {
  const table = readFileSync(path.join(repoRoot, 'modules', 'target-role', 'presets.tf'), 'utf8');
  return [...table.matchAll(/^ {4}([a-z0-9_]+) = \{$/gm)].map((m) => m[1]!).sort();
}

interface Names {
  queue: string;
  app: string;
  bucket: string;
  keyArn: string;
}

let stack: LocalStack | undefined;
let root: AppliedRoot | undefined;
const names: Names = { queue: '', app: '', bucket: '', keyArn: '' };
let session: Credentials; // the role with every preset
let noKmsSession: Credentials; // the role with ssm_read without kms_key_arns
let ciphertext: Uint8Array; // encrypted by the target's operator under the parameters' key

function ready(): LocalStack {
  if (!stack || !root) throw new Error('beforeAll did not finish: no stack or no applied fixture');
  return stack;
}

/** The permissions the fixture gives the module: resource NAMES, as users write them. */
function permissions(n: Names): Record<string, Record<string, unknown>> {
  return {
    pinpoint_endpoints: { resources: [n.app] },
    customer_profiles: { resources: [`${P}-customers`] },
    ssm_read: { resources: [`/${P}/app`], kms_key_arns: [n.keyArn] },
    sqs_send: { resources: [`${P}-orders`] },
    dynamodb_read: { resources: [`${P}-orders`], indexes: ['byCustomer'] },
    dynamodb_write: { resources: [`${P}-customers`] },
    s3_read: { resources: [n.bucket], prefixes: ['reports'] },
    s3_write: { resources: [n.bucket], prefixes: ['incoming/'] },
    iot_publish: { resources: ['devices/42/commands'] },
    kinesis_write: { resources: [`${P}-clicks`] },
  };
}

const cfg = (credentials: Credentials) => ({ endpoint: stack!.endpoint, region: REGION, credentials, maxAttempts: 1 });
const clients = (c: Credentials) => ({
  pinpoint: new PinpointClient(cfg(c)),
  profiles: new CustomerProfilesClient(cfg(c)),
  ssm: new SSMClient(cfg(c)),
  kms: new KMSClient(cfg(c)),
  sqs: new SQSClient(cfg(c)),
  dynamodb: new DynamoDBClient(cfg(c)),
  s3: new S3Client({ ...cfg(c), forcePathStyle: true }),
  iotData: new IoTDataPlaneClient(cfg(c)),
  // the gateway speaks HTTP/1.1; the Kinesis client defaults to HTTP/2
  kinesis: new KinesisClient({ ...cfg(c), requestHandler: new NodeHttpHandler() }),
});
type Clients = ReturnType<typeof clients>;

async function assume(as: Credentials, roleArn: string): Promise<Credentials> {
  const out = await new STSClient(cfg(as)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'presets-on-stack' }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** The target account's resources (each preset's named resource and its neighbour), as its operator creates them. */
async function createResources(s: LocalStack, admin: Clients): Promise<void> {
  const table = (TableName: string, index?: string) =>
    admin.dynamodb.send(
      new CreateTableCommand({
        TableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, ...(index ? [{ AttributeName: 'customer', AttributeType: 'S' as const }] : [])],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        ...(index ? { GlobalSecondaryIndexes: [{ IndexName: index, KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] } : {}),
      }),
    );
  const put = (Name: string, Value: string, secure = false) =>
    admin.ssm.send(new PutParameterCommand({ Name, Value, Type: secure ? 'SecureString' : 'String', ...(secure ? { KeyId: names.keyArn } : {}) }));
  await Promise.all([
    ...[`${P}-customers`, `${P}-customers-other`].map((DomainName) => admin.profiles.send(new CreateDomainCommand({ DomainName, DefaultExpirationDays: 30 }))),
    put(`/${P}/app/config`, 'plain'),
    put(`/${P}/app/secret`, 'secret-value', true),
    put(`/${P}/app-other/config`, 'plain'),
    admin.sqs.send(new CreateQueueCommand({ QueueName: `${P}-orders` })).then((q) => (names.queue = q.QueueUrl!)),
    table(`${P}-orders`, 'byCustomer'),
    table(`${P}-customers`),
    admin.s3.send(new CreateBucketCommand({ Bucket: names.bucket })).then(() =>
      Promise.all(['reports/a.json', 'reports-old/a.json', 'incoming/a.csv'].map((Key) => admin.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key, Body: '{}' })))),
    ),
    ...[`${P}-clicks`, `${P}-clicks-other`].map((StreamName) => admin.kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }))),
  ]);
}

beforeAll(async () => {
  const s = (stack = await startLocalStack());
  const { source, target } = s.accounts;
  const admin = clients(await s.operatorCredentials(target));
  names.bucket = `${P}-data-${target}`;
  // The key and the app exist before the plan: the key ARN and the app id are inputs of the presets.
  [names.keyArn, names.app] = await Promise.all([
    admin.kms.send(new CreateKeyCommand({ Description: 'SecureString parameters' })).then((k) => k.KeyMetadata!.Arn!),
    s.createPinpointApp(target, REGION, `${P}-app`),
  ]);

  // The source-account caller the trust names, allowed sts:AssumeRole on both roles (ARNs computed from names).
  const roleArn = (name: string) => `arn:aws:iam::${target}:role/${name}`;
  const sourceIam = new IAMClient(cfg(await s.operatorCredentials(source)));
  const callerArn = (
    await sourceIam.send(
      new CreateRoleCommand({
        RoleName: CALLER,
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      }),
    )
  ).Role!.Arn!;
  await sourceIam.send(
    new PutRolePolicyCommand({
      RoleName: CALLER,
      PolicyName: 'assume-targets',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AssumeTargets', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [roleArn(ROLE_NAME), roleArn(`${ROLE_NAME}-no-kms`)] }] }),
    }),
  );

  const logs: string[] = [];
  const applying = applyRoot(s, {
    dir: 'test/least-privilege/stack-fixture',
    account: target,
    region: REGION,
    vars: { region: REGION, account_id: target, lambda_account_id: source, trusted_role_arns: [callerArn], role_name: ROLE_NAME, permissions: permissions(names) },
    log: (l) => logs.push(l),
  });
  const [applied] = await Promise.all([applying.catch((e: Error) => Promise.reject(new Error(`${e.message}\n${logs.slice(-20).join('\n')}`))), createResources(s, admin)]);
  root = applied;
  const caller = await s.lambdaServiceCredentials(callerArn);
  [session, noKmsSession] = await Promise.all([assume(caller, root.output('role_arn')), assume(caller, root.output('no_kms_role_arn'))]);
  ciphertext = (await admin.kms.send(new EncryptCommand({ KeyId: names.keyArn, Plaintext: Buffer.from('direct') }))).CiphertextBlob!;
}, 180_000);

afterAll(async () => {
  try {
    await root?.destroy();
  } finally {
    await stack?.stop();
  }
}, 120_000);

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return (e as Error).name;
  }
  return 'allowed';
}

type Call = (c: Clients) => Promise<unknown>;
/** [preset, allowed call, refused neighbour, the refusal's error name, allowed, neighbour] */
type Row = [preset: string, allowed: string, neighbour: string, refusedWith: string, allowedCall: Call, neighbourCall: Call];

const ROWS: Row[] = [
  ['pinpoint_endpoints', 'UpdateEndpoint on the app', 'DeleteEndpoint on the app', 'AccessDeniedException',
    (c) => c.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: names.app, EndpointId: 'e1', EndpointRequest: { ChannelType: 'SMS', Address: '+15555550100' } })),
    (c) => c.pinpoint.send(new DeleteEndpointCommand({ ApplicationId: names.app, EndpointId: 'e1' }))],
  ['customer_profiles', `SearchProfiles in ${P}-customers`, `SearchProfiles in ${P}-customers-other`, 'AccessDeniedException',
    (c) => c.profiles.send(new SearchProfilesCommand({ DomainName: `${P}-customers`, KeyName: '_endpointId', Values: ['e1'] })),
    (c) => c.profiles.send(new SearchProfilesCommand({ DomainName: `${P}-customers-other`, KeyName: '_endpointId', Values: ['e1'] }))],
  ['ssm_read', `GetParameter /${P}/app/config`, `GetParameter /${P}/app-other/config`, 'AccessDeniedException',
    (c) => c.ssm.send(new GetParameterCommand({ Name: `/${P}/app/config` })),
    (c) => c.ssm.send(new GetParameterCommand({ Name: `/${P}/app-other/config` }))],
  ['sqs_send', `SendMessage to ${P}-orders`, `ReceiveMessage from ${P}-orders`, 'AccessDenied',
    (c) => c.sqs.send(new SendMessageCommand({ QueueUrl: names.queue, MessageBody: 'm' })),
    (c) => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: names.queue }))],
  ['dynamodb_read', `Query ${P}-orders index byCustomer`, `DeleteItem in ${P}-orders`, 'AccessDeniedException',
    (c) => c.dynamodb.send(new QueryCommand({ TableName: `${P}-orders`, IndexName: 'byCustomer', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } } })),
    (c) => c.dynamodb.send(new DeleteItemCommand({ TableName: `${P}-orders`, Key: { id: { S: '1' } } }))],
  ['dynamodb_write', `PutItem in ${P}-customers`, `PutItem in ${P}-orders (read grant only)`, 'AccessDeniedException',
    (c) => c.dynamodb.send(new PutItemCommand({ TableName: `${P}-customers`, Item: { id: { S: '1' } } })),
    (c) => c.dynamodb.send(new PutItemCommand({ TableName: `${P}-orders`, Item: { id: { S: '1' } } }))],
  ['s3_read', 'GetObject reports/a.json', 'GetObject reports-old/a.json', 'AccessDenied',
    (c) => c.s3.send(new GetObjectCommand({ Bucket: names.bucket, Key: 'reports/a.json' })),
    (c) => c.s3.send(new GetObjectCommand({ Bucket: names.bucket, Key: 'reports-old/a.json' }))],
  ['s3_write', 'PutObject incoming/b.csv', 'DeleteObject incoming/a.csv', 'AccessDenied',
    (c) => c.s3.send(new PutObjectCommand({ Bucket: names.bucket, Key: 'incoming/b.csv', Body: 'x' })),
    (c) => c.s3.send(new DeleteObjectCommand({ Bucket: names.bucket, Key: 'incoming/a.csv' }))],
  ['iot_publish', 'Publish to devices/42/commands', 'Publish to devices/43/commands', 'ForbiddenException',
    (c) => c.iotData.send(new PublishCommand({ topic: 'devices/42/commands', payload: Buffer.from('{}'), qos: 1 })),
    (c) => c.iotData.send(new PublishCommand({ topic: 'devices/43/commands', payload: Buffer.from('{}'), qos: 1 }))],
  ['kinesis_write', `PutRecord to ${P}-clicks`, `PutRecord to ${P}-clicks-other`, 'AccessDeniedException',
    (c) => c.kinesis.send(new PutRecordCommand({ StreamName: `${P}-clicks`, PartitionKey: 'k', Data: Buffer.from('d') })),
    (c) => c.kinesis.send(new PutRecordCommand({ StreamName: `${P}-clicks-other`, PartitionKey: 'k', Data: Buffer.from('d') }))],
];

describe('modules/target-role presets through the real service calls on the local stack', () => {
  test('one row per preset of the module, and the module was given every one', () => {
    expect(ROWS.map((r) => r[0]).sort()).toEqual(modulePresets());
    expect(Object.keys(permissions(names)).sort()).toEqual(modulePresets());
  });

  test.each(ROWS)('%s: %s is allowed; %s is refused with %s', async (_preset, _allowed, _neighbour, refusedWith, allowedCall, neighbourCall) => {
    const s = ready();
    const c = clients(session);
    await expect(allowedCall(c)).resolves.toBeDefined();
    expect(await errorName(neighbourCall(c))).toBe(refusedWith);
    // Refused by IAM (a decision was logged), not by a missing resource.
    const last = s.requests.list().at(-1);
    expect(last?.decision).toBe('ImplicitlyDenied');
  });
});

/**
 * SSM reads a SecureString's key on the caller's behalf: kms:Decrypt by the role with
 * kms:ViaService = ssm.<region>.amazonaws.com. The ssm_read preset grants exactly that for the keys
 * in kms_key_arns; without the key the decrypting read is refused (SSM's AccessDeniedException),
 * and the same grant does not let the role call kms:Decrypt itself.
 */
describe('ssm_read and a SecureString under a customer managed key (kms:Decrypt via SSM)', () => {
  const secret = `/${P}/app/secret`;
  const config = `/${P}/app/config`;
  // [role, call, expected, the call with that role's clients]
  const KMS_ROWS: Array<[role: 'with kms_key_arns' | 'without kms_key_arns', what: string, expected: 'allowed' | 'AccessDeniedException', call: Call]> = [
    ['without kms_key_arns', 'GetParameter String WithDecryption', 'allowed', (c) => c.ssm.send(new GetParameterCommand({ Name: config, WithDecryption: true }))],
    ['without kms_key_arns', 'GetParameter SecureString without decryption', 'allowed', (c) => c.ssm.send(new GetParameterCommand({ Name: secret, WithDecryption: false }))],
    ['without kms_key_arns', 'GetParameter SecureString WithDecryption', 'AccessDeniedException', (c) => c.ssm.send(new GetParameterCommand({ Name: secret, WithDecryption: true }))],
    ['without kms_key_arns', 'GetParameters [String, SecureString] WithDecryption', 'AccessDeniedException', (c) => c.ssm.send(new GetParametersCommand({ Names: [config, secret], WithDecryption: true }))],
    ['without kms_key_arns', `GetParametersByPath /${P}/app WithDecryption`, 'AccessDeniedException', (c) => c.ssm.send(new GetParametersByPathCommand({ Path: `/${P}/app`, WithDecryption: true }))],
    ['with kms_key_arns', 'GetParameter SecureString WithDecryption', 'allowed', (c) => c.ssm.send(new GetParameterCommand({ Name: secret, WithDecryption: true }))],
    ['with kms_key_arns', 'GetParameters [String, SecureString] WithDecryption', 'allowed', (c) => c.ssm.send(new GetParametersCommand({ Names: [config, secret], WithDecryption: true }))],
    ['with kms_key_arns', `GetParametersByPath /${P}/app WithDecryption`, 'allowed', (c) => c.ssm.send(new GetParametersByPathCommand({ Path: `/${P}/app`, WithDecryption: true }))],
    ['with kms_key_arns', 'kms:Decrypt directly (no kms:ViaService)', 'AccessDeniedException', (c) => c.kms.send(new DecryptCommand({ CiphertextBlob: ciphertext }))],
  ];

  test.each(KMS_ROWS)('ssm_read %s: %s -> %s', async (role, _what, expected, call) => {
    const s = ready();
    expect(await errorName(call(clients(role === 'with kms_key_arns' ? session : noKmsSession)))).toBe(expected);
    if (expected !== 'allowed') expect(s.requests.list().at(-1)?.decision).toBe('ImplicitlyDenied');
  });

  test('the decrypting read returns the plaintext; the refused one says kms:Decrypt on the key', async () => {
    const out = await clients(session).ssm.send(new GetParameterCommand({ Name: secret, WithDecryption: true }));
    expect(out.Parameter?.Value).toBe('secret-value');
    try {
      await clients(noKmsSession).ssm.send(new GetParameterCommand({ Name: secret, WithDecryption: true }));
      throw new Error('expected AccessDeniedException');
    } catch (e) {
      expect((e as Error).message).toContain(`kms:Decrypt on resource: ${names.keyArn}`);
    }
  });
});
