/** Asks evaluate() whether a caller (as moto's IAM knows it) may perform an action. */
import { evaluate, type AuthorizationResult, type PolicyDocument } from './evaluate';
import type { CallerIdentity, IdentityStore } from './identity-store';

export async function authorizeCaller(
  store: IdentityStore,
  caller: CallerIdentity,
  request: { action: string; resource: string; resourceAccount: string; resourcePolicy?: PolicyDocument; context?: Record<string, string | string[]> },
): Promise<AuthorizationResult> {
  const { identityPolicies, permissionBoundary } = await store.policies(caller);
  return evaluate({
    principal: caller.principalArn,
    action: request.action,
    resource: request.resource,
    resourceAccount: request.resourceAccount,
    identityPolicies,
    ...(permissionBoundary ? { permissionBoundary } : {}),
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    context: { ...(caller.kind === 'user' ? { 'aws:username': caller.name } : {}), ...request.context },
  });
}
