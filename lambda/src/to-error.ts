/**
 * `toCrossAccountError`: maps anything an SDK call on a target threw to one of
 * the typed errors, naming target, role, service and operation (and the error
 * name, HTTP status, attempts and AWS request id; never the service's message).
 */
import { isExpiredSessionError } from './credentials/expired-session';
import {
  AccessDeniedError,
  CrossAccountError,
  TimeoutError,
  UpstreamError,
  describeErrorInfo,
  errorInfo,
} from './errors';
import type { Target } from './target';

export interface FailedCall {
  target: Pick<Target, 'name' | 'roleArn' | 'region'>;
  /** Service as users know it, e.g. `DynamoDB`, `Pinpoint`. */
  service: string;
  /** Operation, e.g. `PutItem`. */
  operation: string;
  /** What the call acted on, when it is not a secret (e.g. `table orders`). */
  resource?: string;
  /** IAM action to name when access is denied, e.g. `dynamodb:PutItem`. */
  action?: string;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'ForbiddenException', 'UnauthorizedOperation']);

/**
 * @example
 * try {
 *   await ddb.send(new PutItemCommand(input));
 * } catch (error) {
 *   throw toCrossAccountError(error, { target: analytics, service: 'DynamoDB', operation: 'PutItem' });
 * }
 */
export function toCrossAccountError(error: unknown, call: FailedCall): CrossAccountError {
  // By class, not name: the SDK's own timeout errors are also called TimeoutError.
  if (error instanceof CrossAccountError) return error;
  const info = errorInfo(error);
  const { target } = call;
  const context = { target: target.name, roleArn: target.roleArn, service: call.service, operation: call.operation };
  const where = `${call.service} ${call.operation}${call.resource ? ` on ${call.resource}` : ''} (target "${target.name}", ${target.region})`;
  // The SDK's HTTP handler reports connect/request timeouts and connection resets alike as TimeoutError.
  if (info.name === 'TimeoutError') {
    return new TimeoutError(`${where} timed out or lost its connection (${describeErrorInfo(info)}).`, context, info.name);
  }
  if (isExpiredSessionError(error)) {
    return new UpstreamError(
      `${where} rejected the session credentials even after re-assuming ${target.roleArn} (${describeErrorInfo(info)}).`,
      context,
      info.name,
    );
  }
  if (info.status === 403 || DENIED.has(info.name)) {
    return new AccessDeniedError(
      `${where} was denied to ${target.roleArn} (${describeErrorInfo(info)}).` +
        (call.action ? ` Check that the target role's permissions policy allows ${call.action}.` : ''),
      context,
      info.name,
    );
  }
  return new UpstreamError(`${where} failed (${describeErrorInfo(info)}).`, context, info.name);
}
