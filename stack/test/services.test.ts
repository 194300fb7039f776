/**
 * Every moto-backed and emulated service through assumed-role credentials:
 * the allowed call succeeds; a neighbour resource and a neighbour action are
 * refused with the error name the service's SDK raises on AWS; another
 * account's resource needs both its resource policy and the caller's identity
 * policy. Resources live in TARGET; the worker role there may do one thing on
 * one resource of each service.
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeEndpointCommand, IoTClient } from '@aws-sdk/client-iot';
import { GetThingShadowCommand, IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
import { CreateStreamCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startLocalStack, type Credentials, type LocalStack } from '../src';
import { allow, createRole, iamAs, REGION } from './fixtures';

const SOURCE = '111111111111';
const TARGET = '222222222222';
jest.setTimeout(60_000);

let stack: LocalStack;
let worker: Credentials; // TARGET role with one grant per service
let visitor: Credentials; // SOURCE role allowed on TARGET's resources by its identity policy
let stranger: Credentials; // SOURCE role without identity policies
const keys: Record<'allowed' | 'other' | 'shared', string> = { allowed: '', other: '', shared: '' };
const queues: Record<'allowed' | 'other', string> = { allowed: '', other: '' };

const cfg = (credentials: Credentials) => ({ endpoint: stack.endpoint, region: REGION, credentials, maxAttempts: 1 });
const clients = (c: Credentials) => ({
  ssm: new SSMClient(cfg(c)),
  kms: new KMSClient(cfg(c)),
  sqs: new SQSClient(cfg(c)),
  dynamodb: new DynamoDBClient(cfg(c)),
  s3: new S3Client({ ...cfg(c), forcePathStyle: true }),
  // the gateway speaks HTTP/1.1; the Kinesis client defaults to HTTP/2
  kinesis: new KinesisClient({ ...cfg(c), requestHandler: new NodeHttpHandler() }),
  iot: new IoTClient(cfg(c)),
  iotData: new IoTDataPlaneClient(cfg(c)),
});

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

async function assume(as: Credentials, roleArn: string): Promise<Credentials> {
  const out = await new STSClient(cfg(as)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test' }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

const trustAccount = (account: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
});
const arn = (service: string, resource: string, account = TARGET) => `arn:aws:${service}:${REGION}:${account}:${resource}`;

beforeAll(async () => {
  stack = await startLocalStack();
  const targetOp = await stack.operatorCredentials(TARGET);
  const sourceOp = await stack.operatorCredentials(SOURCE);
  const admin = clients(targetOp);
  for (const name of ['allowed', 'other']) {
    await admin.ssm.send(new PutParameterCommand({ Name: `/app/${name}`, Value: 'v', Type: 'String' }));
    queues[name as 'allowed'] = (await admin.sqs.send(new CreateQueueCommand({ QueueName: `q-${name}` }))).QueueUrl!;
    await admin.dynamodb.send(
      new CreateTableCommand({ TableName: `t-${name}`, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
    );
    await admin.s3.send(new CreateBucketCommand({ Bucket: `b-${name}` }));
    await admin.s3.send(new PutObjectCommand({ Bucket: `b-${name}`, Key: 'in/k', Body: 'x' }));
    await admin.kinesis.send(new CreateStreamCommand({ StreamName: `s-${name}`, ShardCount: 1 }));
  }
  keys.allowed = (await admin.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  keys.other = (await admin.kms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
  const sharedPolicy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TARGET}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Source', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'kms:Encrypt', Resource: '*' },
    ],
  };
  keys.shared = (await admin.kms.send(new CreateKeyCommand({ Policy: JSON.stringify(sharedPolicy) }))).KeyMetadata!.Arn!;
  await admin.s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'b-allowed',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b-allowed/*' }],
      }),
    }),
  );

  const workerPolicy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'ssm:GetParameter', Resource: arn('ssm', 'parameter/app/allowed') },
      { Effect: 'Allow', Action: 'kms:Encrypt', Resource: keys.allowed },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arn('sqs', 'q-allowed') },
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: arn('dynamodb', 'table/t-allowed') },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b-allowed/*' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b-allowed', Condition: { StringLike: { 's3:prefix': 'in/*' } } },
      { Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: arn('kinesis', 'stream/s-allowed') },
      { Effect: 'Allow', Action: 'iot:Publish', Resource: arn('iot', 'topic/allowed') },
      { Effect: 'Allow', Action: 'iot:DescribeEndpoint', Resource: '*' },
    ],
  };
  const workerRole = await createRole(iamAs(stack, targetOp), 'worker', trustAccount(TARGET), workerPolicy);
  worker = await assume(targetOp, workerRole);

  const sourceIam = iamAs(stack, sourceOp);
  const visitorPolicy = allow(['sqs:SendMessage', 's3:GetObject', 'kms:Encrypt'], ['arn:aws:sqs:*:*:*', 'arn:aws:s3:::*/*', 'arn:aws:kms:*:*:key/*']);
  const visitorRole = await createRole(sourceIam, 'visitor', trustAccount(SOURCE), visitorPolicy);
  const strangerRole = await createRole(sourceIam, 'stranger', trustAccount(SOURCE));
  visitor = await assume(sourceOp, visitorRole);
  stranger = await assume(sourceOp, strangerRole);
});

afterAll(async () => {
  await stack?.stop();
});

type Case = [service: string, allowed: (c: ReturnType<typeof clients>) => Promise<unknown>, neighbourResource: (c: ReturnType<typeof clients>) => Promise<unknown>, neighbourAction: (c: ReturnType<typeof clients>) => Promise<unknown>, deniedName: string];

const CASES: Case[] = [
  ['ssm', (c) => c.ssm.send(new GetParameterCommand({ Name: '/app/allowed' })), (c) => c.ssm.send(new GetParameterCommand({ Name: '/app/other' })), (c) => c.ssm.send(new PutParameterCommand({ Name: '/app/allowed', Value: 'w', Overwrite: true })), 'AccessDeniedException'],
  ['kms', (c) => c.kms.send(new EncryptCommand({ KeyId: keys.allowed, Plaintext: Buffer.from('p') })), (c) => c.kms.send(new EncryptCommand({ KeyId: keys.other, Plaintext: Buffer.from('p') })), (c) => c.kms.send(new DescribeKeyCommand({ KeyId: keys.allowed })), 'AccessDeniedException'],
  ['sqs', (c) => c.sqs.send(new SendMessageCommand({ QueueUrl: queues.allowed, MessageBody: 'm' })), (c) => c.sqs.send(new SendMessageCommand({ QueueUrl: queues.other, MessageBody: 'm' })), (c) => c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.allowed })), 'AccessDenied'],
  ['dynamodb', (c) => c.dynamodb.send(new PutItemCommand({ TableName: 't-allowed', Item: { id: { S: '1' } } })), (c) => c.dynamodb.send(new PutItemCommand({ TableName: 't-other', Item: { id: { S: '1' } } })), (c) => c.dynamodb.send(new GetItemCommand({ TableName: 't-allowed', Key: { id: { S: '1' } } })), 'AccessDeniedException'],
  ['s3', (c) => c.s3.send(new PutObjectCommand({ Bucket: 'b-allowed', Key: 'out/k', Body: 'x' })), (c) => c.s3.send(new PutObjectCommand({ Bucket: 'b-other', Key: 'out/k', Body: 'x' })), (c) => c.s3.send(new GetObjectCommand({ Bucket: 'b-allowed', Key: 'in/k' })), 'AccessDenied'],
  ['kinesis', (c) => c.kinesis.send(new PutRecordCommand({ StreamName: 's-allowed', Data: Buffer.from('d'), PartitionKey: 'p' })), (c) => c.kinesis.send(new PutRecordCommand({ StreamName: 's-other', Data: Buffer.from('d'), PartitionKey: 'p' })), (c) => c.kinesis.send(new GetShardIteratorCommand({ StreamName: 's-allowed', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' })), 'AccessDeniedException'],
  ['iot-data', (c) => c.iotData.send(new PublishCommand({ topic: 'allowed', payload: Buffer.from('{"n":1}'), qos: 1 })), (c) => c.iotData.send(new PublishCommand({ topic: 'other', payload: Buffer.from('x') })), (c) => c.iotData.send(new GetThingShadowCommand({ thingName: 'allowed' })), 'ForbiddenException'],
];

describe.each(CASES)('%s through assumed-role credentials', (service, allowed, neighbourResource, neighbourAction, deniedName) => {
  it('allows the granted call', async () => {
    await expect(allowed(clients(worker))).resolves.toBeDefined();
  });
  it(`refuses a neighbour resource with ${deniedName}`, async () => {
    expect(await errorName(neighbourResource(clients(worker)))).toBe(deniedName);
    expect(stack.requests.list().at(-1)).toMatchObject({ service, status: expect.any(Number), decision: 'ImplicitlyDenied' });
  });
  it(`refuses a neighbour action with ${deniedName}`, async () => {
    expect(await errorName(neighbourAction(clients(worker)))).toBe(deniedName);
  });
});

describe('condition context and emulated answers', () => {
  it('evaluates s3:prefix on ListBucket', async () => {
    const { s3 } = clients(worker);
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'b-allowed', Prefix: 'in/' }))).resolves.toBeDefined();
    expect(await errorName(s3.send(new ListObjectsV2Command({ Bucket: 'b-allowed', Prefix: 'secret/' })))).toBe('AccessDenied');
    expect(await errorName(s3.send(new ListObjectsV2Command({ Bucket: 'b-allowed' })))).toBe('AccessDenied');
  });

  it('records IoT publishes and gives each account its own data endpoint', async () => {
    const out = await clients(worker).iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }));
    expect(out.endpointAddress).toBe(stack.services.iot.endpointAddress(TARGET, REGION));
    expect(stack.services.iot.endpointAddress(SOURCE, REGION)).not.toBe(out.endpointAddress);
    const published = stack.services.iot.published().filter((m) => m.topic === 'allowed');
    expect(published).toEqual([expect.objectContaining({ account: TARGET, qos: 1, payload: Buffer.from('{"n":1}') })]);
    expect(stack.services.iot.published().some((m) => m.topic === 'other')).toBe(false);
  });

  it('refuses a service the stack does not emulate, naming it', async () => {
    const response = await fetch(`${stack.endpoint}/`, {
      method: 'POST',
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=${worker.accessKeyId}/20260101/${REGION}/secretsmanager/aws4_request, SignedHeaders=host, Signature=0` },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('the local stack does not emulate secretsmanager');
  });
});

describe('cross-account: the resource policy and the identity policy must both allow', () => {
  it('S3: the bucket policy grants the source account GetObject on b-allowed, not on b-other', async () => {
    await expect(clients(visitor).s3.send(new GetObjectCommand({ Bucket: 'b-allowed', Key: 'in/k' }))).resolves.toBeDefined();
    expect(await errorName(clients(visitor).s3.send(new GetObjectCommand({ Bucket: 'b-other', Key: 'in/k' })))).toBe('AccessDenied');
    expect(await errorName(clients(stranger).s3.send(new GetObjectCommand({ Bucket: 'b-allowed', Key: 'in/k' })))).toBe('AccessDenied');
  });

  it('SQS: another account may send only once the queue policy allows it', async () => {
    const send = (c: Credentials) => clients(c).sqs.send(new SendMessageCommand({ QueueUrl: queues.other, MessageBody: 'from source' }));
    expect(await errorName(send(visitor))).toBe('AccessDenied');
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sqs:SendMessage', Resource: arn('sqs', 'q-other') }],
    };
    const setPolicy = async (p: string) => clients(await stack.operatorCredentials(TARGET)).sqs.send(new SetQueueAttributesCommand({ QueueUrl: queues.other, Attributes: { Policy: p } }));
    await setPolicy(JSON.stringify(policy));
    // The stack keeps a queue's policy for a moment after reading it: a change through it applies at once.
    await expect(send(visitor)).resolves.toBeDefined();
    expect(await errorName(send(stranger))).toBe('AccessDenied');
    await setPolicy('');
    expect(await errorName(send(visitor))).toBe('AccessDenied');
  });

  it('KMS: the default key policy keeps other accounts out; a key policy naming the source account lets them in', async () => {
    const encrypt = (c: Credentials, KeyId: string) => clients(c).kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('p') }));
    expect(await errorName(encrypt(visitor, keys.allowed))).toBe('AccessDeniedException');
    await expect(encrypt(visitor, keys.shared)).resolves.toBeDefined();
    expect(await errorName(encrypt(stranger, keys.shared))).toBe('AccessDeniedException');
  });
});
