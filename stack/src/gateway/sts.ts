/**
 * STS AssumeRole with IAM enforcement: the caller's identity policies AND the
 * role's trust policy (conditions included) must allow it before moto issues
 * credentials. moto's answer is then passed on with its Expiration rewritten
 * to the gateway clock, and the new key's expiry recorded.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { authorizeCaller } from '../iam/authorize';
import type { CallerIdentity, IdentityStore } from '../iam/identity-store';
import { parseRoleArn } from '../iam/policy-document';
import type { CredentialRegistry } from './credential-registry';
import { forwardToMoto } from './proxy';
import { notAuthorizedMessage, queryError, type GatewayResponse } from './responses';

export interface StsContext {
  motoEndpoint: string;
  store: IdentityStore;
  credentials: CredentialRegistry;
}

const DEFAULT_DURATION = 3600;

export async function assumeRole(
  ctx: StsContext,
  caller: CallerIdentity,
  params: URLSearchParams,
  raw: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer },
): Promise<GatewayResponse> {
  const action = 'AssumeRole';
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const externalId = params.get('ExternalId');
  const duration = params.has('DurationSeconds') ? Number(params.get('DurationSeconds')) : DEFAULT_DURATION;

  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return queryError(action, 400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    return queryError(action, 400, 'ValidationError', `1 validation error detected: Value '${params.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  }
  const parsed = parseRoleArn(roleArn);
  if (!parsed) return queryError(action, 400, 'ValidationError', `${roleArn} is invalid`);

  const role = await ctx.store.role(roleArn);
  const context: Record<string, string> = { 'sts:RoleSessionName': sessionName };
  if (externalId !== null) context['sts:ExternalId'] = externalId;
  const result = await authorizeCaller(ctx.store, caller, {
    action: 'sts:AssumeRole',
    resource: roleArn,
    resourceAccount: parsed.account,
    ...(role?.trustPolicy ? { resourcePolicy: role.trustPolicy } : {}),
    context,
  });
  const decision = role ? result.decision : 'ImplicitlyDenied';
  if (!role || !result.allowed) {
    return queryError(action, 403, 'AccessDenied', notAuthorizedMessage(caller.arn, 'sts:AssumeRole', roleArn), { decision });
  }
  if (caller.kind === 'role' && duration > 3600) {
    return queryError(action, 400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', { decision });
  }
  if (duration > role.maxSessionDuration) {
    return queryError(action, 400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', { decision });
  }

  const callerAccount = { 'x-moto-account-id': caller.account };
  const upstream = await forwardToMoto(ctx.motoEndpoint, raw.method, raw.path, { ...raw.headers, ...callerAccount }, raw.body);
  let body = upstream.body.toString('utf8');
  const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(body)?.[1];
  const token = /<SessionToken>([^<]+)<\/SessionToken>/.exec(body)?.[1];
  if (upstream.status === 200 && key) {
    const expiration = ctx.credentials.issue(key, parsed.account, duration, token);
    body = body.replace(/<Expiration>[^<]*<\/Expiration>/, `<Expiration>${expiration.toISOString()}</Expiration>`);
  }
  return { status: upstream.status, headers: upstream.headers, body, action, decision };
}
