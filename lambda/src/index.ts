/**
 * cross-account-lambda: AWS SDK v3 clients for roles in other accounts, from
 * any Lambda handler. One credential source per target, renewed ahead of
 * expiry; one re-assume and retry when a session is rejected. See README.md.
 */
export { target, targets, createTargets, type TargetsOptions } from './registry';
export type { Target, ClientClass, ClientOptions, SdkClient } from './target';
export { toCrossAccountError, type FailedCall } from './to-error';
export { isExpiredSessionError, EXPIRED_SESSION_ERROR_NAMES } from './credentials/expired-session';
export {
  CrossAccountError,
  ConfigurationError,
  UnknownTargetError,
  AssumeRoleDeniedError,
  AccessDeniedError,
  TimeoutError,
  UpstreamError,
  errorInfo,
  type CallInfo,
  type ErrorInfo,
} from './errors';
export type { RuntimeLogger } from './logger';
