/**
 * Static check over every rendered policy, parsed and validated with
 * @cloud-copilot/iam-policy: no wildcard in an Action, no `*` Resource (unless
 * allowlisted below with the AWS API that requires it), no wildcard in an ARN's
 * partition/service/region/account, no NotAction/NotResource with Allow, no
 * wildcard principal in a trust policy, and nothing attached that the plan
 * does not show.
 */
import { loadPolicy, validateIdentityPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import type { RenderedPolicy, RenderedRole } from './extract';

export interface Finding {
  source: string;
  rule: string;
  detail: string;
}

/**
 * Actions that AWS only authorizes on `Resource: "*"`, with the reason.
 */
export const STAR_RESOURCE_ALLOWLIST: Readonly<Record<string, string>> = {
  'iot:DescribeEndpoint': 'the iot_publish preset: the account data endpoint lookup has no resource type in the Service Authorization Reference',
};

export function checkPolicy(p: RenderedPolicy): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, detail: string): void => {
    findings.push({ source: p.source, rule, detail });
  };
  const errors = p.kind === 'trust' ? validateTrustPolicy(p.document) : validateIdentityPolicy(p.document);
  for (const e of errors) add('valid policy', `${e.path}: ${e.message}`);
  if (errors.length > 0) return findings;
  const policy = loadPolicy(p.document);
  for (const st of policy.statements()) {
    const where = `Statement ${st.sid() ?? `#${st.index()}`}`;
    const actions = st.isActionStatement() ? st.actions().map((a) => a.value()) : [];
    for (const a of actions) if (/[*?]/.test(a)) add('no wildcard action', `${where}: ${a}`);
    if (st.isAllow() && st.isNotActionStatement()) add('no NotAction with Allow', `${where}: NotAction ${st.notActions().map((a) => a.value()).join(', ')}`);
    if (st.isAllow() && st.isNotResourceStatement()) add('no NotResource with Allow', `${where}: NotResource ${st.notResources().map((r) => r.value()).join(', ')}`);
    if (st.isResourceStatement()) {
      for (const r of st.resources()) {
        if (r.isAllResources()) {
          const unjustified = actions.filter((a) => !(a in STAR_RESOURCE_ALLOWLIST));
          if (unjustified.length > 0 || actions.length === 0) add('no * resource', `${where}: Resource "*" for ${unjustified.join(', ') || 'NotAction'}`);
        } else if (r.isArnResource()) {
          for (const [field, value] of [['partition', r.partition()], ['service', r.service()], ['region', r.region()], ['account', r.account()]] as const) {
            if (/[*?]/.test(value)) add('no wildcard in ARN scope', `${where}: ${field} of ${r.value()}`);
          }
        }
      }
    }
    if (st.isPrincipalStatement()) {
      for (const pr of st.principals()) if (pr.isWildcardPrincipal()) add('no wildcard principal', `${where}: Principal "*"`);
    }
    if (st.isNotPrincipalStatement()) add('no NotPrincipal', `${where}`);
  }
  return findings;
}

export function staticCheck(roles: RenderedRole[]): Finding[] {
  const findings: Finding[] = [];
  for (const role of roles) {
    for (const p of [role.trustPolicy, ...role.identityPolicies]) findings.push(...checkPolicy(p));
    for (const u of role.unrendered) findings.push({ source: role.address, rule: 'every attached policy rendered at plan', detail: u });
  }
  return findings;
}
