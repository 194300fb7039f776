/**
 * STS AssumeRole with IAM enforcement: the caller's identity policies AND the
 * role's trust policy (conditions included) must allow it before moto issues
 * credentials; with SourceIdentity, both must also allow sts:SetSourceIdentity,
 * and the new session carries it as aws:SourceIdentity on its later requests
 * (and as sts:SourceIdentity on a chained AssumeRole, where it cannot change). moto's
 * answer is passed on with its Expiration rewritten to the gateway clock. A
 * refusal is AWS's generic AccessDenied; the request log says why (diagnose.ts).
 */
import { authorizeCaller } from '../../iam/authorize';
import type { CallerIdentity } from '../../iam/identity-store';
import { parseRoleArn } from '../../iam/policy-document';
import { forwardToMoto } from '../../gateway/proxy';
import { notAuthorizedMessage, queryError, type GatewayResponse } from '../../gateway/responses';
import type { ParsedRequest, ServiceContext } from '../types';
import { diagnoseAssumeRole } from './diagnose';

const DEFAULT_DURATION = 3600;

export async function assumeRole(ctx: ServiceContext, caller: CallerIdentity, request: ParsedRequest): Promise<GatewayResponse> {
  const action = 'AssumeRole';
  const { params } = request;
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const externalId = params.get('ExternalId');
  const sourceIdentity = params.get('SourceIdentity');
  const duration = params.has('DurationSeconds') ? Number(params.get('DurationSeconds')) : DEFAULT_DURATION;

  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    return queryError(action, 400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    return queryError(action, 400, 'ValidationError', `1 validation error detected: Value '${params.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
  }
  const parsed = parseRoleArn(roleArn);
  if (!parsed) return queryError(action, 400, 'ValidationError', `${roleArn} is invalid`);
  const inherited = request.context['aws:SourceIdentity'];
  if (sourceIdentity !== null && inherited !== undefined && sourceIdentity !== inherited) {
    return queryError(action, 400, 'ValidationError', 'The source identity of a role session cannot be changed once set.');
  }

  const role = await ctx.identities.role(roleArn);
  const context: Record<string, string> = { ...request.context, 'sts:RoleSessionName': sessionName };
  if (externalId !== null) context['sts:ExternalId'] = externalId;
  const carried = sourceIdentity ?? inherited;
  if (carried !== undefined) context['sts:SourceIdentity'] = carried;
  const ask = (iamAction: string) =>
    authorizeCaller(ctx.identities, caller, {
      action: iamAction,
      resource: roleArn,
      resourceAccount: parsed.account,
      ...(role?.trustPolicy ? { resourcePolicy: role.trustPolicy } : {}),
      context,
    });
  const assume = await ask('sts:AssumeRole');
  const setSource = assume.allowed && role && sourceIdentity !== null ? await ask('sts:SetSourceIdentity') : undefined;
  const decision = !role ? 'ImplicitlyDenied' : setSource && !setSource.allowed ? setSource.decision : assume.decision;
  if (!role || !assume.allowed || (setSource && !setSource.allowed)) {
    const reason = !role
      ? `role ${roleArn} does not exist`
      : setSource && !setSource.allowed
        ? 'SetSourceIdentity not allowed: the identity policy or the trust policy lacks sts:SetSourceIdentity'
        : await diagnoseAssumeRole(ctx.identities, caller, role, context);
    return { ...queryError(action, 403, 'AccessDenied', notAuthorizedMessage(caller.arn, 'sts:AssumeRole', roleArn), { decision }), reason };
  }
  if (caller.kind === 'role' && duration > 3600) {
    return queryError(action, 400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', { decision });
  }
  if (duration > role.maxSessionDuration) {
    return queryError(action, 400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', { decision });
  }

  const { 'x-moto-account-id': _ignored, ...headers } = request.headers;
  const upstream = await forwardToMoto(ctx.motoEndpoint, request.method, request.rawPath, { ...headers, 'x-moto-account-id': caller.account }, request.body);
  let body = upstream.body.toString('utf8');
  const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(body)?.[1];
  const token = /<SessionToken>([^<]+)<\/SessionToken>/.exec(body)?.[1];
  if (upstream.status === 200 && key) {
    const expiration = ctx.credentials.issue(key, parsed.account, duration, token);
    const sessionArn = /<Arn>([^<]+)<\/Arn>/.exec(body)?.[1];
    const assumedRoleId = /<AssumedRoleId>([^<]+)<\/AssumedRoleId>/.exec(body)?.[1];
    if (sessionArn && assumedRoleId) ctx.identities.rememberSession(key, role, { arn: sessionArn, assumedRoleId });
    if (carried !== undefined) ctx.credentials.addContext(key, { 'aws:SourceIdentity': carried });
    body = body.replace(/<Expiration>[^<]*<\/Expiration>/, `<Expiration>${expiration.toISOString()}</Expiration>`);
    if (carried !== undefined && !body.includes('<SourceIdentity>')) {
      body = body.replace('</AssumedRoleUser>', `</AssumedRoleUser>\n      <SourceIdentity>${carried}</SourceIdentity>`);
    }
  }
  return { status: upstream.status, headers: upstream.headers, body, action, decision };
}
