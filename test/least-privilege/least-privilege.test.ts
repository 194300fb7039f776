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
      ]),
    );
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
      const pinpoint = s.find((x) => x['Sid'] === 'PinpointEndpointAccess');
      if (!pinpoint) throw new Error('no PinpointEndpointAccess statement rendered');
      pinpoint['Resource'] = 'arn:aws:mobiletargeting:eu-west-1:222222222222:apps/*';
    });
    const p = await proveRoles(inputs, broken);
    expect(mismatchesOf(p)).toContainEqual(expect.stringContaining('another app, same account and region'));
  });

  test('widening the endpoint resource to * is caught by both', async () => {
    const broken = withPolicyEdit('module.target_with_external_id', (s) => {
      const pinpoint = s.find((x) => x['Sid'] === 'PinpointEndpointAccess');
      if (!pinpoint) throw new Error('no PinpointEndpointAccess statement rendered');
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
