/**
 * "The session expired or was invalidated" from any service, and the client
 * middleware that answers it: replace the target's shared credentials once,
 * retry the request once. Handlers call plain `send()`.
 */
import { SMITHY_CONTEXT_KEY, type HandlerExecutionContext, type InitializeMiddleware, type Pluggable } from '@smithy/types';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { RenewingProvider } from './renew-ahead';

/**
 * Error names services give a request signed with an expired or unknown
 * session, by protocol (names from the SDK models and the services' docs):
 * - query / XML services (STS, IAM, SNS, SQS query, EC2-style): `ExpiredToken`, `InvalidClientTokenId`;
 * - JSON and REST-JSON services (DynamoDB, Kinesis, SSM, SQS JSON, Lambda, Pinpoint...):
 *   `ExpiredTokenException`, `UnrecognizedClientException`;
 * - S3: `ExpiredToken` ("The provided token has expired."), `InvalidToken` ("...malformed or
 *   otherwise invalid."), `TokenRefreshRequired` ("The provided token must be refreshed.").
 * Not here: `RequestExpired`, `RequestTimeTooSkewed`, `SignatureDoesNotMatch` are clock-skew errors that
 * the SDK's retry strategy already corrects; `AccessDenied` from a revoked session (aws:TokenIssueTime deny)
 * cannot be told apart from a real denial.
 */
export const EXPIRED_SESSION_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'InvalidToken',
  'TokenRefreshRequired',
  'UnrecognizedClientException',
]);

/** Services that answer with a generic name but this message (e.g. a REST service's 403). */
const EXPIRED_SESSION_MESSAGE = /security token included in the request is (expired|invalid)|provided token (has expired|is malformed)/i;

/**
 * True when a service answered that the session credentials are expired or not recognised.
 * @example
 * if (isExpiredSessionError(error)) console.warn('the session was rejected even after re-assuming');
 */
export function isExpiredSessionError(error: unknown): boolean {
  const e = error as { name?: unknown; Code?: unknown; message?: unknown };
  return (
    (typeof e?.name === 'string' && EXPIRED_SESSION_ERROR_NAMES.has(e.name)) ||
    (typeof e?.Code === 'string' && EXPIRED_SESSION_ERROR_NAMES.has(e.Code)) ||
    (typeof e?.message === 'string' && EXPIRED_SESSION_MESSAGE.test(e.message))
  );
}

/** The identity the SDK signed the failed request with (set by its httpAuthSchemeMiddleware). */
function signedIdentity(context: HandlerExecutionContext): AwsCredentialIdentity | undefined {
  const smithy = (context as Record<string, unknown>)[SMITHY_CONTEXT_KEY] as
    | { selectedHttpAuthScheme?: { identity?: AwsCredentialIdentity } }
    | undefined;
  return smithy?.selectedHttpAuthScheme?.identity;
}

export const EXPIRED_SESSION_MIDDLEWARE = 'crossAccountExpiredSessionRetry';

/**
 * Outermost middleware (initialize step): on an expired-session answer it asks
 * the shared provider to replace exactly the credentials the request was signed
 * with (so N clients seeing one revoked session cause one AssumeRole), then
 * runs the request once more. A second expired answer is thrown as is.
 */
export function expiredSessionRetry(credentials: RenewingProvider): Pluggable<object, object> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const middleware: InitializeMiddleware<any, any> = (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      if (!isExpiredSessionError(error)) throw error;
      await credentials.replace(signedIdentity(context));
      return next(args);
    }
  };
  return {
    applyToStack: (stack) => stack.add(middleware, { step: 'initialize', name: EXPIRED_SESSION_MIDDLEWARE, override: true }),
  };
}
