/**
 * Typed errors the function throws. Lambda reports `name` as `errorType`, so
 * callers (and alarms) can tell the cases apart. Messages are written for
 * humans and never contain credentials, session tokens, endpoint addresses or
 * user attributes.
 */

export type FunctionErrorName =
  | 'InvalidRequestError'
  | 'ConfigurationError'
  | 'AssumeRoleDeniedError'
  | 'AccessDeniedError'
  | 'UpstreamError'
  | 'TimeoutError';

/** Base of every error the function throws on purpose (mapping keeps these as they are). */
export abstract class FunctionError extends Error {
  abstract override readonly name: FunctionErrorName;
}

/** The event broke the contract. Names the field and the rule; no AWS call was made. */
export class InvalidRequestError extends FunctionError {
  override readonly name = 'InvalidRequestError' as const;
}

/** The function's environment is wrong (thrown at init, or for a target that cannot work). */
export class ConfigurationError extends FunctionError {
  override readonly name = 'ConfigurationError' as const;
}

/** STS refused to let the function's role assume the target role. */
export class AssumeRoleDeniedError extends FunctionError {
  override readonly name = 'AssumeRoleDeniedError' as const;
  constructor(readonly roleArn: string, upstreamName: string) {
    super(
      `STS denied sts:AssumeRole on ${roleArn} (${upstreamName}). Check (1) the target role's trust policy: ` +
        `it must trust the function's execution role (and require the configured ExternalId, if any); ` +
        `(2) the function's execution role policy: it must allow sts:AssumeRole on ${roleArn}.`,
    );
  }
}

/** The assumed role reached the target service but was not allowed to do the operation. */
export class AccessDeniedError extends FunctionError {
  override readonly name = 'AccessDeniedError' as const;
}

/** The target service or STS failed (throttling, 5xx, unexpected answer) after the SDK's bounded retries. */
export class UpstreamError extends FunctionError {
  override readonly name = 'UpstreamError' as const;
}

/** A connection or request timed out, or the connection was lost (after the SDK's bounded retries). */
export class TimeoutError extends FunctionError {
  override readonly name = 'TimeoutError' as const;
}
