/**
 * Everything this function takes from today's `lambda/src`, in one place.
 *
 * TODO(lead): after the runtime merge (issue 11) these come from the
 * `cross-account-lambda` package (and the Pinpoint function's folder for the
 * event contract); only this file and src/targets.ts change.
 */
export { parseEvent, type FunctionEvent, type EndpointRequestInput } from '../../../src/event';
/** The Pinpoint function's result type: this function answers in exactly these shapes. */
export type { Result } from '../../../src/handler';
export {
  AccessDeniedError,
  AssumeRoleDeniedError,
  ConfigurationError,
  FunctionError,
  InvalidRequestError,
  TimeoutError,
  UpstreamError,
} from '../../../src/errors';
export {
  AssumeRoleFailure,
  assumeRoleCredentials,
  isExpiredCredentialsError,
  prefetchCredentials,
  renewAhead,
  withCredentialRetry,
} from '../../../src/credentials';
export { boundedHttpHandler } from '../../../src/http';
export { formatIssues } from '../../../src/issues';
export { TARGET_NAME_PATTERN } from '../../../src/config';
