/**
 * What the fixture asked the modules for (fixture/inputs.json), and the
 * permissions that promise implies: the grants. Expectations in the matrix are
 * computed from these grants alone, never from the rendered policies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetGrants, rulesHold, type ContextRule, type PresetInput } from './presets';
import { FIXTURE_DIR } from './render';

/** One raw `statements` entry (keyed by Sid). */
export interface StatementInput {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

export interface TargetInput {
  module: string;
  account: string;
  region: string;
  pinpoint_app_id: string;
  role_name: string;
  role_path: string;
  external_id: string | null;
  /** modules/target-role `source_identities`: sts:SourceIdentity must be one of them (empty: not checked). */
  source_identities: string[];
  session_tag_keys: string[];
  statements: Record<string, StatementInput>;
  /** modules/target-role `permissions` (preset name => input). */
  permissions: Record<string, PresetInput>;
}

export interface FixtureInputs {
  partition: string;
  source: { account: string; region: string; function_name: string };
  targets: Record<string, TargetInput>;
}

export function readFixtureInputs(): FixtureInputs {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, 'inputs.json'), 'utf8')) as FixtureInputs;
}

/** One permission the product promises: principal may call action on resources matching `resource` (`*` glob). */
export interface Grant {
  principal: string;
  action: string;
  resource: string;
  /** Context values the request must carry, e.g. the external id. */
  context?: Record<string, string>;
  /** Conditions on the request context (kms:ViaService, s3:prefix, ssm:Recursive). */
  rules?: ContextRule[];
  why: string;
}

export const SOURCE_MODULE = 'module.source';

export function executionRoleArn(inputs: FixtureInputs): string {
  return `arn:${inputs.partition}:iam::${inputs.source.account}:role/${inputs.source.function_name}`;
}

/** The function the execution role is bound to (lambda:SourceFunctionArn in its policies). */
export function functionArn(inputs: FixtureInputs): string {
  const s = inputs.source;
  return `arn:${inputs.partition}:lambda:${s.region}:${s.account}:function:${s.function_name}`;
}

/** The context Lambda adds to calls made with the credentials it hands this function. */
export function insideFunction(inputs: FixtureInputs): Record<string, string> {
  return { 'lambda:SourceFunctionArn': functionArn(inputs) };
}

export function targetRoleArn(inputs: FixtureInputs, target: TargetInput): string {
  return `arn:${inputs.partition}:iam::${target.account}:role${target.role_path}${target.role_name}`;
}

export function endpointsArn(inputs: FixtureInputs, target: TargetInput, appId = target.pinpoint_app_id): string {
  return `arn:${inputs.partition}:mobiletargeting:${target.region}:${target.account}:apps/${appId}/endpoints/*`;
}

export function logStreamsArn(inputs: FixtureInputs): string {
  const s = inputs.source;
  return `arn:${inputs.partition}:logs:${s.region}:${s.account}:log-group:/aws/lambda/${s.function_name}:log-stream:*`;
}

/** Everything the promise allows; anything else must be denied. */
export function promisedGrants(inputs: FixtureInputs): Grant[] {
  const exec = executionRoleArn(inputs);
  const inFn = insideFunction(inputs);
  const grants: Grant[] = [
    {
      principal: '*',
      action: 'sts:GetCallerIdentity',
      resource: '*',
      why: 'AWS answers GetCallerIdentity for every principal; no policy grants or denies it',
    },
    { principal: exec, action: 'logs:CreateLogStream', resource: logStreamsArn(inputs), context: inFn, why: 'execution role writes its own log group, for this function only' },
    { principal: exec, action: 'logs:PutLogEvents', resource: logStreamsArn(inputs), context: inFn, why: 'execution role writes its own log group, for this function only' },
  ];
  for (const [name, t] of Object.entries(inputs.targets).sort(([a], [b]) => a.localeCompare(b))) {
    const role = targetRoleArn(inputs, t);
    // sts:SetSourceIdentity is authorised within the same AssumeRole request; sts:ExternalId is a condition
    // key of sts:AssumeRole only, so only AssumeRole requires it (the trust has one statement each).
    for (const action of ['sts:AssumeRole', 'sts:SetSourceIdentity']) {
      grants.push({
        principal: exec,
        action,
        resource: role,
        context: { ...inFn, ...(t.external_id && action === 'sts:AssumeRole' ? { 'sts:ExternalId': t.external_id } : {}) },
        ...(t.source_identities.length ? { rules: [{ key: 'sts:SourceIdentity', test: 'equals' as const, values: t.source_identities, text: 'source identity' }] } : {}),
        why: `execution role assumes target ${name}, inside this function only`,
      });
    }
    for (const action of ['mobiletargeting:GetEndpoint', 'mobiletargeting:UpdateEndpoint']) {
      grants.push({ principal: role, action, resource: endpointsArn(inputs, t), why: `target ${name}: endpoints of app ${t.pinpoint_app_id}` });
    }
    for (const [sid, s] of Object.entries(t.statements)) {
      if (s.effect !== 'Allow') continue;
      for (const action of s.actions) for (const resource of s.resources) {
        grants.push({ principal: role, action, resource, why: `target ${name}: statement ${sid}` });
      }
    }
    for (const [preset, p] of Object.entries(t.permissions)) {
      for (const g of presetGrants(preset, p, { partition: inputs.partition, region: t.region, account: t.account })) {
        grants.push({ principal: role, action: g.action, resource: g.resource, ...(g.rules ? { rules: g.rules } : {}), why: `target ${name}: preset ${preset}: ${g.why}` });
      }
    }
  }
  return grants;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** The grant that allows this request under the promise, if any. */
export function matchingGrant(
  grants: Grant[],
  request: { principal: string; action: string; resource: string; context?: Record<string, string | string[]> },
): Grant | undefined {
  return grants.find(
    (g) =>
      (g.principal === '*' || g.principal === request.principal) &&
      g.action.toLowerCase() === request.action.toLowerCase() &&
      (request.resource !== '*' || g.resource === '*') &&
      globToRegExp(g.resource).test(request.resource) &&
      Object.entries(g.context ?? {}).every(([k, v]) => request.context?.[k] === v) &&
      rulesHold(g.rules, request.context),
  );
}
