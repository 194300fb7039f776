/**
 * CreateRole / UpdateAssumeRolePolicy as IAM does them: every role ARN named
 * as an `AWS` principal must exist (else MalformedPolicyDocument "Invalid
 * principal in policy") and is stored as that role's unique id (see
 * iam/principal-ids.ts). The rewritten document goes to moto.
 */
import { forwardToMoto } from '../../gateway/proxy';
import { queryError, type GatewayResponse } from '../../gateway/responses';
import type { PolicyDocument } from '../../iam/evaluate';
import { parseRoleArn } from '../../iam/policy-document';
import { mapAwsPrincipals } from '../../iam/principal-ids';
import type { ParsedRequest, ServiceContext } from '../types';

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

class InvalidPrincipal extends Error {}

/** The parameter carrying the trust policy, for the calls that set one. */
export const TRUST_PARAMETER: Record<string, string> = { CreateRole: 'AssumeRolePolicyDocument', UpdateAssumeRolePolicy: 'PolicyDocument' };

export async function writeTrust(ctx: ServiceContext, request: ParsedRequest, operation: string, account: string): Promise<GatewayResponse | undefined> {
  const parameter = TRUST_PARAMETER[operation]!;
  const raw = request.params.get(parameter);
  let document: PolicyDocument;
  try {
    document = JSON.parse(raw ?? '') as PolicyDocument;
  } catch {
    return undefined; // let moto answer MalformedPolicyDocument for what is not JSON
  }
  let rewritten: PolicyDocument;
  try {
    rewritten = await mapAwsPrincipals(document, async (principal) => {
      if (!parseRoleArn(principal)) return principal;
      const role = await ctx.identities.role(principal);
      if (!role) throw new InvalidPrincipal(`Invalid principal in policy: "AWS":"${principal}"`);
      ctx.identities.roleIds.remember(role.id, principal);
      return role.id;
    });
  } catch (error) {
    if (error instanceof InvalidPrincipal) return queryError(operation, 400, 'MalformedPolicyDocument', error.message, { namespace: NAMESPACE });
    throw error;
  }
  const params = new URLSearchParams(request.body.toString('utf8'));
  params.set(parameter, JSON.stringify(rewritten));
  const body = Buffer.from(params.toString(), 'utf8');
  const { 'x-moto-account-id': _ignored, ...headers } = request.headers;
  const upstream = await forwardToMoto(ctx.motoEndpoint, request.method, request.rawPath, { ...headers, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-moto-account-id': account }, body);
  ctx.identities.invalidate();
  return { ...upstream, action: operation };
}
