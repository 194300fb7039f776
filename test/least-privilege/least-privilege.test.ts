/**
 * Least privilege, proven over the policies Terraform renders for the modules.
 * See docs/least-privilege.md (generated from the same run).
 */
import { extractRoles, type RenderedRole } from './src/extract';
import { proveRoles, type Proof } from './src/proof';
import { renderFixture } from './src/render';
import { readFixtureInputs, type FixtureInputs } from './src/scenario';

// A fresh render plans the fixture with Terraform (~30 s); explicit so it holds under the root multi-project config too.
jest.setTimeout(300_000);

let inputs: FixtureInputs;
let roles: RenderedRole[];
let proof: Proof;

beforeAll(async () => {
  const rendered = await renderFixture();
  inputs = readFixtureInputs();
  roles = extractRoles(rendered.plan);
  proof = await proveRoles(inputs, roles);
  const c = proof.matrix.counts;
  console.log(
    `least-privilege matrix: ${c.total} requests, ${c.expectedAllowed} expected allowed, ${c.expectedDenied} expected denied; ` +
      `engine: ${c.allowed} allowed, ${c.denied} denied; ${c.mismatches} mismatches; static check: ${proof.findings.length} findings ` +
      `(rendering ${rendered.fromCache ? 'from cache' : 'fresh'})`,
  );
});

/** A deep copy of the roles with one role's identity policies changed. */
function withPolicyEdit(module: string, edit: (statements: Record<string, unknown>[]) => void): RenderedRole[] {
  const copy = JSON.parse(JSON.stringify(roles)) as RenderedRole[];
  const role = copy.find((r) => r.module === module);
  if (!role) throw new Error(`no role rendered by ${module}`);
  const policy = role.identityPolicies.find((p) => p.kind === 'inline');
  if (!policy) throw new Error(`no inline policy on ${module}`);
  edit(policy.document.Statement as Record<string, unknown>[]);
  return copy;
}

/** A deep copy of the roles with the statement `sid` of one role's identity policies changed. */
function withStatementEdit(module: string, sid: string, edit: (statement: Record<string, unknown>) => void): RenderedRole[] {
  const copy = JSON.parse(JSON.stringify(roles)) as RenderedRole[];
  const statements = (copy.find((r) => r.module === module)?.identityPolicies ?? []).flatMap((p) => p.document.Statement as Record<string, unknown>[]);
  const statement = statements.find((s) => s.Sid === sid);
  if (!statement) throw new Error(`no statement ${sid} on ${module}`);
  edit(statement);
  return copy;
}

const mismatchesOf = (p: Proof): string[] =>
  p.matrix.rows.filter((r) => r.mismatch).map((r) => `${r.principalLabel}: ${r.request.action} on ${r.request.resource} (${r.note ?? ''}) expected ${r.expected}, got ${r.result}`);

describe('rendered policies', () => {
  test('every module role is rendered: the execution role and both target roles', () => {
    expect(roles.map((r) => r.module).sort()).toEqual(['module.source', 'module.target_plain', 'module.target_with_external_id']);
    for (const r of roles) expect(r.identityPolicies.length).toBeGreaterThan(0);
  });
});

describe('request matrix', () => {
  test('hundreds of requests, both allowed and denied ones', () => {
    expect(proof.matrix.counts.total).toBeGreaterThan(500);
    expect(proof.matrix.counts.expectedAllowed).toBeGreaterThanOrEqual(8);
    // Every mobiletargeting action of the catalog is asked for each target role.
    const pinpoint = proof.matrix.rows.filter((r) => r.group.startsWith('Target ') && r.request.action.startsWith('mobiletargeting:'));
    expect(new Set(pinpoint.map((r) => r.request.action)).size).toBeGreaterThan(100);
  });

  test('no request gets an answer other than the promised one', () => {
    expect(mismatchesOf(proof)).toEqual([]);
  });

  test('the allowed requests are exactly the promised ones', () => {
    const allowed = proof.matrix.rows.filter((r) => r.result === 'Allowed').map((r) => `${r.principalLabel} ${r.request.action}`);
    expect(new Set(allowed)).toEqual(
      new Set([
        'execution role sts:AssumeRole',
        'execution role logs:CreateLogStream',
        'execution role logs:PutLogEvents',
        'execution role sts:GetCallerIdentity',
        'target eu-marketing role mobiletargeting:GetEndpoint',
        'target eu-marketing role mobiletargeting:UpdateEndpoint',
        'target eu-marketing role sqs:SendMessage',
        'target eu-marketing role sts:GetCallerIdentity',
        'target us-support role mobiletargeting:GetEndpoint',
        'target us-support role mobiletargeting:UpdateEndpoint',
        'target us-support role sts:GetCallerIdentity',
        ...[
          'dynamodb:BatchGetItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PartiQLSelect', 'dynamodb:Query', 'dynamodb:Scan',
          'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
          'iot:DescribeEndpoint', 'iot:Publish',
          'kinesis:PutRecord', 'kinesis:PutRecords',
          'kms:Decrypt', 'kms:GenerateDataKey',
          'profile:PutProfileObject', 'profile:PutProfileObjectType', 'profile:SearchProfiles', 'profile:UpdateProfile',
          's3:GetObject', 's3:ListBucket', 's3:PutObject',
          'sqs:GetQueueUrl', 'sqs:SendMessage',
          'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath',
        ].map((a) => `target us-support role ${a}`),
      ]),
    );
  });
});

const PRESETS = ['customer_profiles', 'dynamodb_read', 'dynamodb_write', 'iot_publish', 'kinesis_write', 'pinpoint_endpoints', 's3_read', 's3_write', 'sqs_send', 'ssm_read'];

describe('every preset is proven', () => {
  test('the fixture uses every preset', () => {
    expect(Object.keys(inputs.targets['us-support']?.permissions ?? {}).sort()).toEqual(PRESETS);
  });

  test.each(PRESETS)('%s: at least 40 requests, an allowed row per granted action, refused neighbours, no mismatch', (preset) => {
    const rows = proof.matrix.rows.filter((r) => r.group === `Target us-support: preset ${preset}`);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => r.mismatch)).toEqual([]);
    const allowedActions = new Set(rows.filter((r) => r.result === 'Allowed').map((r) => r.request.action));
    const promised = new Set(rows.filter((r) => r.expected === 'Allowed').map((r) => r.request.action));
    expect(allowedActions).toEqual(promised);
    expect(allowedActions.size).toBeGreaterThan(0);
    for (const note of ['another region', 'another account']) {
      if (preset.startsWith('s3_')) continue;
      const neighbour = rows.filter((r) => r.note?.includes(note) && !r.request.action.startsWith('kms:'));
      expect(neighbour.length).toBeGreaterThan(0);
      expect(neighbour.every((r) => r.result !== 'Allowed')).toBe(true);
    }
  });

  test.each([
    ['dynamodb_read', ['dynamodb:DeleteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLInsert', 'dynamodb:PutItem']],
    ['s3_read', ['s3:DeleteObject', 's3:PutObject']],
    ['s3_write', ['s3:DeleteObject', 's3:GetObject']],
    ['ssm_read', ['ssm:PutParameter', 'ssm:DeleteParameter', 'kms:Encrypt']],
    ['iot_publish', ['iot:Subscribe', 'iot:Connect', 'iot:Receive']],
    ['sqs_send', ['sqs:ReceiveMessage', 'sqs:PurgeQueue', 'sqs:DeleteMessage']],
    ['kinesis_write', ['kinesis:GetRecords', 'kinesis:DeleteStream']],
    ['customer_profiles', ['profile:CreateProfile', 'profile:DeleteProfile', 'profile:DeleteDomain', 'profile:ListDomains']],
    ['pinpoint_endpoints', ['mobiletargeting:DeleteEndpoint']],
  ])('%s: neighbour actions on the named resource are asked and refused', (preset, actions) => {
    const rows = proof.matrix.rows.filter((r) => r.group === `Target us-support: preset ${preset}`);
    for (const action of actions) {
      const asked = rows.filter((r) => r.request.action === action);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.result !== 'Allowed' && r.expected === 'Denied')).toBe(true);
    }
  });
});

describe('static check', () => {
  test('no wildcard action, no * resource, no NotAction/NotResource with Allow, nothing unrendered', () => {
    expect(proof.findings).toEqual([]);
  });
});

describe('the proof fails on a widened policy', () => {
  test('adding mobiletargeting:* to a target role is caught by the matrix and the static check', async () => {
    const broken = withPolicyEdit('module.target_plain', (s) => {
      s.push({ Sid: 'Widened', Effect: 'Allow', Action: 'mobiletargeting:*', Resource: `arn:aws:mobiletargeting:*:*:apps/${inputs.targets['us-support']?.pinpoint_app_id}*` });
    });
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p).length).toBeGreaterThan(50);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('mobiletargeting:DeleteApp'));
    expect(p.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['no wildcard action', 'no wildcard in ARN scope']));
  });

  test('widening the endpoint resource to apps/* lets another app through and the matrix reports it', async () => {
    const broken = withPolicyEdit('module.target_with_external_id', (s) => {
      const pinpoint = s.find((x) => x['Sid'] === 'PinpointEndpoints');
      if (!pinpoint) throw new Error('no PinpointEndpoints statement rendered');
      pinpoint['Resource'] = 'arn:aws:mobiletargeting:eu-west-1:222222222222:apps/*';
    });
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('another app, same account and region'));
  });

  test('widening the endpoint resource to * is caught by both', async () => {
    const broken = withPolicyEdit('module.target_with_external_id', (s) => {
      const pinpoint = s.find((x) => x['Sid'] === 'PinpointEndpoints');
      if (!pinpoint) throw new Error('no PinpointEndpoints statement rendered');
      pinpoint['Resource'] = '*';
    });
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('same app id, another region'));
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('another app, same account and region'));
    expect(p.findings.map((f) => f.rule)).toContain('no * resource');
  });

  test('a trust policy without the principal condition lets other source-account principals in', async () => {
    const broken = JSON.parse(JSON.stringify(roles)) as RenderedRole[];
    const target = broken.find((r) => r.module === 'module.target_plain');
    const st = (target?.trustPolicy.document.Statement as Record<string, unknown>[])[0];
    if (!st) throw new Error('no trust statement rendered');
    delete st['Condition'];
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('a user in the source account'));
  });

  const presetWidenings = [
    ['the s3 prefix without its slash lets reports-old/ through', 'S3ReadObjects', (st: Record<string, unknown>) => { st['Resource'] = ['arn:aws:s3:::lp-data-bucket/reports*']; }, 'reports-old/'],
    ['ListBucket without the s3:prefix condition lists the whole bucket', 'S3ReadList', (st: Record<string, unknown>) => { delete st['Condition']; }, 'list the whole bucket'],
    ['a KMS grant without kms:ViaService lets the key be used directly', 'SsmReadKms', (st: Record<string, unknown>) => { delete st['Condition']; }, 'called directly'],
    ['GetParametersByPath without the ssm:Recursive condition reads the whole tree', 'SsmReadByPath', (st: Record<string, unknown>) => { delete st['Condition']; }, 'Recursive=true'],
    ['the ssm path as a string prefix lets /app-other through', 'SsmRead', (st: Record<string, unknown>) => { st['Resource'] = ['arn:aws:ssm:us-east-1:333333333333:parameter/app*']; }, 'app-other'],
    ['DeleteItem in the read grant is reported', 'DynamoDbRead', (st: Record<string, unknown>) => { (st['Action'] as string[]).push('dynamodb:DeleteItem', 'dynamodb:PartiQLDelete'); }, 'dynamodb:PartiQLDelete'],
    ['the index grant on every index of the table is reported', 'DynamoDbReadIndexes', (st: Record<string, unknown>) => { st['Resource'] = ['arn:aws:dynamodb:us-east-1:333333333333:table/Orders/index/*']; }, 'another index of the table'],
    ['Subscribe next to Publish is reported', 'IotPublish', (st: Record<string, unknown>) => { (st['Action'] as string[]).push('iot:Receive'); }, 'iot:Receive'],
    ['ReceiveMessage next to SendMessage is reported', 'SqsSend', (st: Record<string, unknown>) => { (st['Action'] as string[]).push('sqs:ReceiveMessage'); }, 'sqs:ReceiveMessage'],
    ['a stream name prefix lets another stream through', 'KinesisWrite', (st: Record<string, unknown>) => { st['Resource'] = ['arn:aws:kinesis:us-east-1:333333333333:stream/lp-clicks*']; }, 'lp-clicks-old'],
  ] as const;
  // One proof over a copy with every widening at once (a proof run takes seconds); each must surface on its own row.
  let widened: string[] = [];
  beforeAll(async () => {
    const broken = withPolicyEdit('module.target_plain', (s) => {
      for (const [, sid, edit] of presetWidenings) {
        const st = s.find((x) => x['Sid'] === sid);
        if (!st) throw new Error(`no ${sid} statement rendered`);
        edit(st);
      }
    });
    widened = mismatchesOf(await proveRoles(inputs, broken));
  });
  test.each(presetWidenings)('%s', (_title, _sid, _edit, expected) => {
    expect(widened).toContainEqual(expect.stringContaining(expected));
  });

  test('a trust policy without the source identity condition lets another function\'s session in', async () => {
    const broken = JSON.parse(JSON.stringify(roles)) as RenderedRole[];
    const target = broken.find((r) => r.module === 'module.target_with_external_id');
    const st = (target?.trustPolicy.document.Statement as Array<{ Condition: { StringEquals: Record<string, unknown> } }>)[0];
    if (!st) throw new Error('no trust statement rendered');
    delete st.Condition.StringEquals['sts:SourceIdentity'];
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining("another function's name as source identity"));
  });

  test.each(['AssumeTargetRoles', 'WriteOwnLogGroup'])(
    'dropping the lambda:SourceFunctionArn condition from %s lets the role be used outside the function, and the matrix reports it',
    async (sid) => {
      const broken = withStatementEdit('module.source', sid, (s) => {
        delete s.Condition;
      });
      const p = await proveRoles(inputs, broken);
      expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('outside any function (no lambda:SourceFunctionArn)'));
      expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('inside another function given this role'));
    },
  );

  test('an extra statement action beyond what was written is reported', async () => {
    const broken = withPolicyEdit('module.target_with_external_id', (s) => {
      const extra = s.find((x) => x['Sid'] === 'SendEndpointEvents');
      if (!extra) throw new Error('no SendEndpointEvents statement rendered');
      extra['Action'] = ['sqs:SendMessage', 'sqs:ReceiveMessage'];
    });
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('sqs:ReceiveMessage'));
  });
});
