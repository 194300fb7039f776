/** Asks evaluate() whether a caller (as moto's IAM knows it) may perform an action. */
import { evaluate, type AuthorizationResult, type PolicyDocument } from './evaluate';
import type { CallerIdentity, IdentityStore } from './identity-store';

export async function authorizeCaller(
  store: IdentityStore,
  caller: CallerIdentity,
  request: { action: string; resource: string; resourceAccount: string; resourcePolicy?: PolicyDocument; context?: Record<string, string | string[]> },
): Promise<AuthorizationResult> {
  const { identityPolicies, permissionBoundary } = await store.policies(caller);
  // As AWS sees the request: the principal is the session (assumed-role ARN) or the
  // user; aws:PrincipalArn is the role's ARN (with its path) for a session.
  return evaluate({
    principal: caller.arn,
    action: request.action,
    resource: request.resource,
    resourceAccount: request.resourceAccount,
    identityPolicies,
    ...(permissionBoundary ? { permissionBoundary } : {}),
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    context: {
      'aws:PrincipalArn': caller.principalArn,
      'aws:PrincipalType': caller.kind === 'role' ? 'AssumedRole' : 'User',
      ...(caller.userId ? { 'aws:userid': caller.userId } : {}),
      ...(caller.kind === 'user' ? { 'aws:username': caller.name } : {}),
      ...request.context,
    },
  });
}
