/**
 * Reads the IAM roles and every policy that reaches them out of a rendered
 * Terraform plan (`terraform show -json`): trust policies from
 * aws_iam_role.assume_role_policy, inline policies from aws_iam_role_policy,
 * managed policies created in the same module (aws_iam_policy) through
 * aws_iam_role_policy_attachment. Links between resources come from the
 * plan's configuration references, not from names.
 */
import type { PolicyDocument } from '../../../stack/src/iam/evaluate';
import type { TerraformPlan } from './render';

export interface RenderedPolicy {
  /** Where it came from: `module.x.aws_iam_role_policy.y.policy`. */
  source: string;
  kind: 'trust' | 'inline' | 'managed';
  document: PolicyDocument;
}

export interface RenderedRole {
  /** Module instance address (`module.target_plain`). */
  module: string;
  address: string;
  name: string;
  path: string;
  trustPolicy: RenderedPolicy;
  /** Identity policies: inline and attached managed policies rendered by the module. */
  identityPolicies: RenderedPolicy[];
  permissionsBoundary: string | null;
  /** Things attached to the role whose content the plan does not show (unknown at plan, or an external managed policy). */
  unrendered: string[];
}

type Change = NonNullable<TerraformPlan['resource_changes']>[number];
interface ConfigResource {
  address: string;
  expressions?: Record<string, { references?: string[]; constant_value?: unknown }>;
}
interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { module: ConfigModule }>;
}

/** `module.a["k"].module.b` → ["a", "b"] */
function moduleCallPath(moduleAddress: string | undefined): string[] {
  if (!moduleAddress) return [];
  return [...moduleAddress.matchAll(/module\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?/g)].map((m) => m[1] as string);
}

function configModule(plan: TerraformPlan, moduleAddress: string | undefined): ConfigModule | undefined {
  const configuration = plan['configuration'] as { root_module?: ConfigModule } | undefined;
  let mod = configuration?.root_module;
  for (const call of moduleCallPath(moduleAddress)) mod = mod?.module_calls?.[call]?.module;
  return mod;
}

/** Addresses (within the module) that an attribute of a resource refers to. */
function references(plan: TerraformPlan, change: Change, attribute: string): string[] {
  const local = `${change.type}.${change.name}`;
  const config = configModule(plan, change.module_address)?.resources?.find((r) => r.address === local);
  return config?.expressions?.[attribute]?.references ?? [];
}

function refersTo(refs: string[], type: string, name: string): boolean {
  return refs.some((r) => r === `${type}.${name}` || r.startsWith(`${type}.${name}.`));
}

function isUnknown(change: Change, attribute: string): boolean {
  return change.change.after_unknown?.[attribute] === true;
}

function parsePolicy(text: unknown, source: string): PolicyDocument {
  if (typeof text !== 'string') throw new Error(`${source} is not a rendered policy string`);
  return JSON.parse(text) as PolicyDocument;
}

export function extractRoles(plan: TerraformPlan): RenderedRole[] {
  const changes = (plan.resource_changes ?? []).filter((c) => c.mode === 'managed' && c.change.after !== null);
  const roles: RenderedRole[] = [];
  for (const role of changes.filter((c) => c.type === 'aws_iam_role')) {
    const after = role.change.after as Record<string, unknown>;
    const module = role.module_address ?? '';
    if (isUnknown(role, 'assume_role_policy') || isUnknown(role, 'name')) {
      throw new Error(`${role.address}: name or trust policy unknown at plan time; the proof needs them rendered`);
    }
    const sameModule = changes.filter((c) => (c.module_address ?? '') === module);
    const rendered: RenderedRole = {
      module,
      address: role.address,
      name: after['name'] as string,
      path: (after['path'] as string | undefined) ?? '/',
      trustPolicy: { source: `${role.address}.assume_role_policy`, kind: 'trust', document: parsePolicy(after['assume_role_policy'], role.address) },
      identityPolicies: [],
      permissionsBoundary: (after['permissions_boundary'] as string | null | undefined) ?? null,
      unrendered: [],
    };
    if (isUnknown(role, 'permissions_boundary')) rendered.unrendered.push(`${role.address}.permissions_boundary (unknown at plan)`);
    for (const inline of sameModule.filter((c) => c.type === 'aws_iam_role_policy')) {
      if (!refersTo(references(plan, inline, 'role'), 'aws_iam_role', role.name)) continue;
      const source = `${inline.address}.policy`;
      if (isUnknown(inline, 'policy')) rendered.unrendered.push(`${source} (unknown at plan)`);
      else rendered.identityPolicies.push({ source, kind: 'inline', document: parsePolicy(inline.change.after?.['policy'], source) });
    }
    for (const attachment of sameModule.filter((c) => c.type === 'aws_iam_role_policy_attachment')) {
      if (!refersTo(references(plan, attachment, 'role'), 'aws_iam_role', role.name)) continue;
      const policyRefs = references(plan, attachment, 'policy_arn');
      const managed = sameModule.find((c) => c.type === 'aws_iam_policy' && refersTo(policyRefs, 'aws_iam_policy', c.name));
      if (managed) {
        const source = `${managed.address}.policy`;
        if (isUnknown(managed, 'policy')) rendered.unrendered.push(`${source} (unknown at plan)`);
        else rendered.identityPolicies.push({ source, kind: 'managed', document: parsePolicy(managed.change.after?.['policy'], source) });
      } else {
        const arn = attachment.change.after?.['policy_arn'];
        rendered.unrendered.push(`${attachment.address}: managed policy ${typeof arn === 'string' ? arn : '(unknown at plan)'} not rendered by the module`);
      }
    }
    roles.push(rendered);
  }
  return roles.sort((a, b) => a.address.localeCompare(b.address));
}

/** Every policy document in the rendered roles, for the static check. */
export function allPolicies(roles: RenderedRole[]): RenderedPolicy[] {
  return roles.flatMap((r) => [r.trustPolicy, ...r.identityPolicies]);
}
