/**
 * Why an AssumeRole was refused, for the stack's request log only (the wire
 * answer stays AWS's generic AccessDenied). Each side is evaluated alone: the
 * identity policies against a trust policy that allows everyone, then the
 * trust policy against an identity that may do anything, then the trust
 * policy without its ExternalId / SourceFunctionArn conditions.
 */
import { authorizeCaller } from '../../iam/authorize';
import { evaluate, type PolicyDocument } from '../../iam/evaluate';
import type { CallerIdentity, IdentityStore, RoleInfo } from '../../iam/identity-store';

const TRUST_ANYONE: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
};
const MAY_ANYTHING = [{ name: 'diagnosis', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];

/** The trust policy with the conditions on `key` dropped from every statement. */
function withoutConditionKey(trust: PolicyDocument, key: string): PolicyDocument {
  const statements = (Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement]) as Record<string, unknown>[];
  return {
    ...trust,
    Statement: statements.map((s) => {
      const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
      if (!condition) return s;
      const kept = Object.fromEntries(
        Object.entries(condition)
          .map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).filter(([k]) => k.toLowerCase() !== key.toLowerCase()))] as const)
          .filter(([, keys]) => Object.keys(keys).length > 0),
      );
      return { ...s, Condition: kept };
    }),
  };
}

export async function diagnoseAssumeRole(
  identities: IdentityStore,
  caller: CallerIdentity,
  role: RoleInfo,
  context: Record<string, string>,
): Promise<string> {
  const request = { action: 'sts:AssumeRole', resource: role.arn, resourceAccount: role.account, context };
  const identity = await authorizeCaller(identities, caller, { ...request, resourcePolicy: TRUST_ANYONE });
  if (!identity.allowed) return `identity policy lacks sts:AssumeRole on ${role.arn} (${identity.decision})`;
  const trusts = async (trust: PolicyDocument) =>
    (
      await evaluate({
        principal: caller.arn,
        ...request,
        identityPolicies: MAY_ANYTHING,
        resourcePolicy: trust,
        context: { 'aws:PrincipalArn': caller.principalArn, ...context },
      })
    ).allowed;
  const trust = role.trustPolicy ?? { Version: '2012-10-17', Statement: [] };
  if (await trusts(trust)) return 'refused for another reason (session policy or boundary)';
  if (await trusts(withoutConditionKey(trust, 'sts:ExternalId'))) return 'ExternalId mismatch: the trust policy names another sts:ExternalId (or none was sent)';
  if (await trusts(withoutConditionKey(trust, 'lambda:SourceFunctionArn'))) return 'SourceFunctionArn mismatch: the trust policy names another lambda:SourceFunctionArn';
  return `no trust statement matched: the trust policy of ${role.arn} does not allow ${caller.principalArn}`;
}
