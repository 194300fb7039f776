/**
 * The request matrix: every request the proof asks IAM about, who asks, what
 * the promise says the answer must be, and what the IAM engine (evaluate(),
 * @cloud-copilot/iam-simulate) answers for the rendered policies.
 *
 * `buildMatrix` and `runMatrix` are pure in the policies: feed them any
 * rendered roles (e.g. a deliberately widened copy) and they report what that
 * policy set allows.
 */
import { evaluate, type AuthorizationRequest, type NamedPolicy, type PolicyDocument } from '../../../stack/src/iam/evaluate';
import { actionAcceptsArn, catalogRequests, type ArnScope } from './catalog';
import { presetGrants, presetProbes } from './presets';
import type { RenderedRole } from './extract';
import {
  SOURCE_MODULE,
  endpointsArn,
  executionRoleArn,
  functionArn,
  insideFunction,
  matchingGrant,
  promisedGrants,
  targetRoleArn,
  type FixtureInputs,
} from './scenario';

export type Expected = 'Allowed' | 'Denied';

export interface MatrixRequest {
  group: string;
  /** Who asks, in words (`execution role`, `target eu-marketing role`, `user in source account`). */
  principalLabel: string;
  request: AuthorizationRequest;
  expected: Expected;
  note?: string;
}

export interface MatrixRow extends MatrixRequest {
  result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied' | 'Error';
  error?: string;
  mismatch: boolean;
}

export interface MatrixResult {
  rows: MatrixRow[];
  counts: { total: number; expectedAllowed: number; expectedDenied: number; allowed: number; denied: number; mismatches: number };
}

/** Services swept action by action from the catalog for every principal under test. */
export const SWEPT_SERVICES = ['mobiletargeting', 's3', 'dynamodb', 'iam', 'sts', 'sqs', 'logs'] as const;

const OTHER_ACCOUNT = '444444444444';
const OTHER_APP = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const WRONG_EXTERNAL_ID = 'lp-wrong-external-id';
const OTHER_FUNCTION = 'lp-other-function';

const ADMIN: NamedPolicy = {
  name: 'synthetic-administrator',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

function otherRegion(region: string): string {
  return region === 'ap-southeast-2' ? 'ca-central-1' : 'ap-southeast-2';
}

function roleFor(roles: RenderedRole[], module: string): RenderedRole {
  const matches = roles.filter((r) => r.module === module);
  if (matches.length !== 1) throw new Error(`expected exactly one IAM role rendered by ${module}, found ${matches.length}`);
  return matches[0] as RenderedRole;
}

function identityPolicies(role: RenderedRole): NamedPolicy[] {
  return role.identityPolicies.map((p) => ({ name: p.source, policy: p.document }));
}

/** A role that trusts a whole account (worst case for "assume any other role"). */
function trustsAccount(partition: string, account: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
  };
}

function accountOf(arn: string): string {
  return arn.split(':')[4] || '';
}

/** Builds every request of the matrix with its expected answer (from the promise, not from the policies). */
export async function buildMatrix(inputs: FixtureInputs, roles: RenderedRole[]): Promise<MatrixRequest[]> {
  const grants = promisedGrants(inputs);
  const expect = (r: Pick<AuthorizationRequest, 'principal' | 'action' | 'resource' | 'context'>): Expected =>
    matchingGrant(grants, r) ? 'Allowed' : 'Denied';
  const P = inputs.partition;
  const src = inputs.source;
  const exec = executionRoleArn(inputs);
  const execRole = roleFor(roles, SOURCE_MODULE);
  const execPolicies = identityPolicies(execRole);
  // Calls made with the execution role's credentials inside this function, inside another function given the
  // same role, and outside any function (exfiltrated credentials): only the first carries this function's ARN.
  const inFn = insideFunction(inputs);
  const otherFn = { 'lambda:SourceFunctionArn': functionArn(inputs).replace(/function:.*$/, `function:${OTHER_FUNCTION}`) };
  const out: MatrixRequest[] = [];
  const push = (m: Omit<MatrixRequest, 'expected'>): void => {
    out.push({ ...m, expected: expect(m.request) });
  };

  const targets = Object.entries(inputs.targets).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, t] of targets) {
    const role = roleFor(roles, `module.${t.module}`);
    const roleArn = targetRoleArn(inputs, t);
    const trust = role.trustPolicy.document;
    // The runtime sends the function's name as SourceIdentity (CONTRACT.md); with an external id when one is configured.
    const sourceIdentity = { 'sts:SourceIdentity': src.function_name };
    const ext = t.external_id ? { 'sts:ExternalId': t.external_id, ...sourceIdentity } : sourceIdentity;
    const assume = (principal: string, policies: NamedPolicy[], context?: Record<string, string>): AuthorizationRequest => ({
      principal,
      action: 'sts:AssumeRole',
      resource: roleArn,
      resourceAccount: t.account,
      identityPolicies: policies,
      resourcePolicy: trust,
      ...(context ? { context } : {}),
    });
    const group = `Assume target ${name}`;
    const withId = t.external_id ? 'with the configured external id' : 'no external id configured';
    push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, { ...inFn, ...ext }), note: `inside this function, ${withId}` });
    push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, ext), note: `outside any function (no lambda:SourceFunctionArn), ${withId}` });
    push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, { ...otherFn, ...ext }), note: `inside another function given this role, ${withId}` });
    if (t.external_id) {
      push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, { ...inFn, ...sourceIdentity }), note: 'inside this function, without external id' });
      push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, { ...inFn, 'sts:ExternalId': WRONG_EXTERNAL_ID, ...sourceIdentity }), note: 'inside this function, wrong external id' });
    }
    if (t.source_identities.length) {
      const id = t.external_id ? { 'sts:ExternalId': t.external_id } : undefined;
      push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, { ...inFn, ...id }), note: 'inside this function, without source identity' });
      push({ group, principalLabel: 'execution role', request: assume(exec, execPolicies, { ...inFn, ...id, 'sts:SourceIdentity': 'lp-other-function' }), note: "inside this function, another function's name as source identity" });
    }
    const intruders: Array<[string, string]> = [
      ['another role in the source account (administrator)', `arn:${P}:iam::${src.account}:role/lp-other-function`],
      ['a user in the source account (administrator)', `arn:${P}:iam::${src.account}:user/lp-admin`],
      ['the source account root', `arn:${P}:iam::${src.account}:root`],
      ['same role name, another path, source account (administrator)', `arn:${P}:iam::${src.account}:role/other-path/${src.function_name}`],
      ['same role name in another account (administrator)', `arn:${P}:iam::${OTHER_ACCOUNT}:role/${src.function_name}`],
    ];
    for (const [label, principal] of intruders) {
      push({ group, principalLabel: label, request: assume(principal, [ADMIN], ext), note: t.external_id ? 'with the configured external id' : undefined });
    }
    // Every other STS action on the target role, from the catalog.
    for (const c of await catalogRequests('sts', { partition: P, region: t.region, account: t.account })) {
      if (c.resourceType !== 'role' || c.action === 'sts:AssumeRole') continue;
      push({ group, principalLabel: 'execution role', request: { ...assume(exec, execPolicies, ext), action: c.action } });
    }
  }

  // The execution role assuming roles that are not configured targets (each trusting the whole source account).
  {
    const group = 'Assume roles that are not targets';
    const first = targets[0]?.[1];
    const others: string[] = [
      `arn:${P}:iam::${src.account}:role/lp-some-role`,
      `arn:${P}:iam::${OTHER_ACCOUNT}:role/lp-some-role`,
    ];
    for (const [, t] of targets) {
      others.push(`arn:${P}:iam::${t.account}:role/lp-some-role`);
      others.push(`arn:${P}:iam::${OTHER_ACCOUNT}:role${t.role_path}${t.role_name}`);
      others.push(`arn:${P}:iam::${t.account}:role/other-path/${t.role_name}`);
      for (const [, u] of targets) if (u.account !== t.account) others.push(`arn:${P}:iam::${u.account}:role${t.role_path}${t.role_name}`);
    }
    if (first) others.push(`arn:${P}:iam::${first.account}:role${first.role_path}${first.role_name}-2`);
    for (const resource of [...new Set(others)]) {
      push({
        group,
        principalLabel: 'execution role',
        request: {
          principal: exec,
          action: 'sts:AssumeRole',
          resource,
          resourceAccount: accountOf(resource),
          identityPolicies: execPolicies,
          resourcePolicy: trustsAccount(P, src.account),
          context: { ...inFn, 'sts:ExternalId': WRONG_EXTERNAL_ID },
        },
        note: 'role trusts the whole source account; inside this function',
      });
    }
  }

  // What each target role may do in its account: every action of the swept services, plus the edges.
  for (const [name, t] of targets) {
    const role = roleFor(roles, `module.${t.module}`);
    const principal = targetRoleArn(inputs, t);
    const policies = identityPolicies(role);
    const principalLabel = `target ${name} role`;
    const scope: ArnScope = { partition: P, region: t.region, account: t.account, values: { AppId: t.pinpoint_app_id } };
    for (const service of SWEPT_SERVICES) {
      for (const c of await catalogRequests(service, scope)) {
        push({ group: `Target ${name}: every ${service} action`, principalLabel, request: { principal, action: c.action, resource: c.resource, resourceAccount: t.account, identityPolicies: policies }, note: c.resourceType });
      }
    }
    const edges = `Target ${name}: endpoints outside the configured app`;
    const sameAppOtherRegion = endpointsArn(inputs, { ...t, region: otherRegion(t.region) });
    const sameAppOtherAccount = endpointsArn(inputs, { ...t, account: OTHER_ACCOUNT });
    for (const action of ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint']) {
      for (const [note, arn, account] of [
        ['configured app', endpointsArn(inputs, t), t.account],
        ['another app, same account and region', endpointsArn(inputs, t, OTHER_APP), t.account],
        ['same app id, another region', sameAppOtherRegion, t.account],
        ['same app id, another account', sameAppOtherAccount, OTHER_ACCOUNT],
      ] as const) {
        push({ group: edges, principalLabel, request: { principal, action, resource: arn.replace(/\*$/, 'lp-endpoint-2'), resourceAccount: account, identityPolicies: policies }, note });
      }
    }
    // Raw statements: exactly as written, nothing more.
    for (const [sid, s] of Object.entries(t.statements)) {
      const group = `Target ${name}: statement ${sid}`;
      const services = [...new Set(s.actions.map((a) => a.split(':')[0] as string))];
      for (const resource of s.resources) {
        const [, , , region = '', account = ''] = resource.split(':');
        const variants: Array<[string, string]> = [['as written', resource]];
        if (region) variants.push(['another region', resource.replace(`:${region}:`, `:${otherRegion(region)}:`)]);
        if (account) variants.push(['another account', resource.replace(`:${account}:`, `:${OTHER_ACCOUNT}:`)]);
        variants.push(['a sibling resource', `${resource}-sibling`]);
        for (const service of services) {
          for (const c of await catalogRequests(service, scope)) {
            // Sibling actions on the named resource: every action of the service taking this resource type.
            if (!templateAccepts(c.resource, resource)) continue;
            for (const [note, arn] of variants) {
              const listed = s.actions.includes(c.action);
              if (!listed && note !== 'as written') continue;
              push({ group, principalLabel, request: { principal, action: c.action, resource: arn, resourceAccount: accountOf(arn) || t.account, identityPolicies: policies }, note: `${note}${listed ? '' : ', sibling action'}` });
            }
          }
        }
      }
    }
    // Presets: the named resources under every action of their services, the granted actions on neighbours.
    for (const [preset, p] of Object.entries(t.permissions).sort(([a], [b]) => a.localeCompare(b))) {
      const group = `Target ${name}: preset ${preset}`;
      const presetScope = { partition: P, region: t.region, account: t.account };
      const granted = [...new Set(presetGrants(preset, p, presetScope).map((g) => g.action))];
      const probes = presetProbes(preset, p, presetScope);
      const ask = (action: string, resource: string, account: string, note: string, context?: Record<string, string>): void => {
        // A KMS key is governed by its key policy too: the default one, which lets the key's account use IAM policies.
        const resourcePolicy = resource.startsWith(`arn:${P}:kms:`) ? defaultKeyPolicy(P, account) : undefined;
        push({ group, principalLabel, request: { principal, action, resource, resourceAccount: account, identityPolicies: policies, ...(resourcePolicy ? { resourcePolicy } : {}), ...(context ? { context } : {}) }, note });
      };
      for (const sweep of probes.catalog) {
        for (const c of await catalogRequests(sweep.service, { ...presetScope, values: sweep.values })) {
          if (!sweep.resourceTypes.includes(c.resourceType)) continue;
          ask(c.action, c.resource, t.account, `named resource (${c.resourceType})${sweep.context ? `; ${contextNote(sweep.context)}` : ''}`, sweep.context);
        }
      }
      for (const n of probes.neighbours) {
        for (const action of granted) {
          if (!(await actionAcceptsArn(action, n.resource))) continue;
          ask(action, n.resource, n.account, n.note, n.context);
        }
      }
      for (const e of probes.extra) ask(e.action, e.resource, e.account, `${e.note}${e.context ? `; ${contextNote(e.context)}` : ''}`, e.context);
    }
  }

  // The execution role's own permissions: every action of the swept services in the source account,
  // and Pinpoint directly on each target's endpoints.
  {
    const scope: ArnScope = { partition: P, region: src.region, account: src.account, values: { LogGroupName: `/aws/lambda/${src.function_name}` } };
    for (const service of SWEPT_SERVICES) {
      for (const c of await catalogRequests(service, scope)) {
        push({ group: `Execution role: every ${service} action`, principalLabel: 'execution role', request: { principal: exec, action: c.action, resource: c.resource, resourceAccount: src.account, identityPolicies: execPolicies, context: inFn }, note: `${c.resourceType}; inside this function` });
      }
    }
    // Its own log group, written by anyone but this function.
    const logStream = `arn:${P}:logs:${src.region}:${src.account}:log-group:/aws/lambda/${src.function_name}:log-stream:lp-stream`;
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
      for (const [note, context] of [
        ['inside this function', inFn],
        ['inside another function given this role', otherFn],
        ['outside any function (no lambda:SourceFunctionArn)', undefined],
      ] as const) {
        push({ group: 'Execution role writing its own log group', principalLabel: 'execution role', request: { principal: exec, action, resource: logStream, resourceAccount: src.account, identityPolicies: execPolicies, ...(context ? { context } : {}) }, note });
      }
    }
    for (const [name, t] of targets) {
      for (const action of ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint']) {
        push({ group: 'Execution role calling Pinpoint directly', principalLabel: 'execution role', request: { principal: exec, action, resource: endpointsArn(inputs, t).replace(/\*$/, 'lp-endpoint-1'), resourceAccount: t.account, identityPolicies: execPolicies, context: inFn }, note: `endpoint of target ${name}; inside this function` });
      }
    }
  }
  return out;
}

function contextNote(context: Record<string, string>): string {
  return Object.entries(context).map(([k, v]) => `${k}=${v === '' ? '""' : v}`).join(', ');
}

/** The key policy KMS creates by default: the key's account may use the key through IAM policies. */
function defaultKeyPolicy(partition: string, account: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EnableIamUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

/** Does the catalog ARN (built from a resource type's template) have the same shape as `arn`? */
function templateAccepts(catalogArn: string, arn: string): boolean {
  const a = catalogArn.split(':');
  const b = arn.split(':');
  return a.length === b.length && a[2] === b[2] && a.slice(5).join(':').split('/').length === b.slice(5).join(':').split('/').length;
}

export async function runMatrix(requests: MatrixRequest[]): Promise<MatrixResult> {
  const rows: MatrixRow[] = [];
  for (const r of requests) {
    let result: MatrixRow['result'];
    let error: string | undefined;
    try {
      result = (await evaluate(r.request)).decision;
    } catch (e) {
      result = 'Error';
      error = (e as Error).message;
    }
    const mismatch = result === 'Error' || (result === 'Allowed') !== (r.expected === 'Allowed');
    rows.push({ ...r, result, ...(error ? { error } : {}), mismatch });
  }
  const counts = {
    total: rows.length,
    expectedAllowed: rows.filter((r) => r.expected === 'Allowed').length,
    expectedDenied: rows.filter((r) => r.expected === 'Denied').length,
    allowed: rows.filter((r) => r.result === 'Allowed').length,
    denied: rows.filter((r) => r.result === 'ExplicitlyDenied' || r.result === 'ImplicitlyDenied').length,
    mismatches: rows.filter((r) => r.mismatch).length,
  };
  return { rows, counts };
}
