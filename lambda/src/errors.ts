/**
 * Typed errors of the runtime. Lambda reports `name` as `errorType`, so callers
 * (and alarms) can tell the cases apart. Every error names what it can (target,
 * role, service, operation) and never contains credentials, session tokens,
 * endpoint addresses or request/response values.
 */

/** What a failed call was: filled in as far as it is known. */
export interface CallInfo {
  /** Target name (key in CROSS_ACCOUNT_TARGETS). */
  target?: string | undefined;
  /** Role ARN of the target. */
  roleArn?: string | undefined;
  /** Service, as the SDK names it (`DynamoDB`, `SQS`, `sts`, ...). */
  service?: string | undefined;
  /** Operation, e.g. `PutItem`, `AssumeRole`. */
  operation?: string | undefined;
}

/** Base of every error the runtime throws on purpose. */
export abstract class CrossAccountError extends Error {
  abstract override readonly name: string;
  /** Target, role, service and operation of the failed call, as far as known. */
  readonly call: Readonly<CallInfo>;
  /** Error name the service or the HTTP layer reported (e.g. `AccessDenied`, `ThrottlingException`). */
  readonly upstream: string | undefined;
  constructor(message: string, call: CallInfo = {}, upstream?: string) {
    super(message);
    this.call = call;
    this.upstream = upstream;
  }
}

/** The environment is wrong (thrown at init), or a setting a handler needs is missing. */
export class ConfigurationError extends CrossAccountError {
  override readonly name = 'ConfigurationError' as const;
}

/** `target(name)` named a target that CROSS_ACCOUNT_TARGETS does not configure. */
export class UnknownTargetError extends CrossAccountError {
  override readonly name = 'UnknownTargetError' as const;
  constructor(name: string, configured: readonly string[]) {
    super(`unknown target "${name}"; configured: ${configured.join(', ') || '(none)'}`, { target: name });
  }
}

/** STS refused to let the function's role assume the target role. */
export class AssumeRoleDeniedError extends CrossAccountError {
  override readonly name = 'AssumeRoleDeniedError' as const;
  constructor(call: CallInfo & { roleArn: string }, upstream: string, sourceIdentitySent = false) {
    super(
      `STS denied sts:AssumeRole on ${call.roleArn}${call.target ? ` (target "${call.target}")` : ''} (${upstream}). ` +
        `Check (1) the target role's trust policy: it must trust the function's execution role (and require the ` +
        `configured ExternalId, if any); (2) the function's execution role policy: it must allow sts:AssumeRole on ${call.roleArn}.` +
        (sourceIdentitySent
          ? ' The request set SourceIdentity (the function name), which needs sts:SetSourceIdentity in both; this may be ' +
            'the cause: allow it, or set "sourceIdentity": false for this target.'
          : ''),
      { ...call, service: 'sts', operation: 'AssumeRole' },
      upstream,
    );
  }
}

/** The assumed role reached the service but was not allowed to do the operation. */
export class AccessDeniedError extends CrossAccountError {
  override readonly name = 'AccessDeniedError' as const;
}

/** A connection or request timed out, or the connection was lost (after the SDK's bounded retries). */
export class TimeoutError extends CrossAccountError {
  override readonly name = 'TimeoutError' as const;
}

/** The service or STS failed (throttling, 5xx, unexpected answer) after the SDK's bounded retries. */
export class UpstreamError extends CrossAccountError {
  override readonly name = 'UpstreamError' as const;
}

/** Name, HTTP status, attempts and request id of anything an SDK call threw (never its message). */
export interface ErrorInfo {
  name: string;
  status?: number | undefined;
  attempts?: number | undefined;
  requestId?: string | undefined;
}

/** The one place that reads an SDK error's name and `$metadata`. */
export function errorInfo(error: unknown): ErrorInfo {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string } };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    status: e?.$metadata?.httpStatusCode,
    attempts: e?.$metadata?.attempts,
    requestId: e?.$metadata?.requestId,
  };
}

/** "Name, HTTP 403, 2 attempt(s), AWS request id x" for messages. */
export function describeErrorInfo(info: ErrorInfo): string {
  const parts = [info.name];
  if (info.status !== undefined) parts.push(`HTTP ${info.status}`);
  if (info.attempts !== undefined) parts.push(`${info.attempts} attempt(s)`);
  if (info.requestId) parts.push(`AWS request id ${info.requestId}`);
  return parts.join(', ');
}
