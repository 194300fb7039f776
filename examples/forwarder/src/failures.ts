/**
 * A failed target call as the HTTP caller sees it: 504 when the target timed
 * out or the connection was lost, 502 for any other target failure (refused,
 * throttled past the retries, 5xx), 503 when the SSM configuration could not
 * be loaded. The body names the service and operation, and the request id;
 * never the role, the resource values or the upstream message.
 */
import { TimeoutError, toCrossAccountError, type CrossAccountError, type Target } from 'cross-account-lambda';

import { ConfigUnavailableError } from './config';
import { problem, type HttpResponse } from './responses';

export interface Call {
  service: 'SSM' | 'SQS' | 'DynamoDB';
  operation: string;
  action: string;
}

export function typed(error: unknown, target: Pick<Target, 'name' | 'roleArn' | 'region'>, call: Call): CrossAccountError {
  return toCrossAccountError(error, { target, service: call.service, operation: call.operation, action: call.action });
}

export function failureResponse(error: unknown, requestId: string): HttpResponse {
  if (error instanceof ConfigUnavailableError) {
    return problem(503, requestId, 'ConfigUnavailable', `The forwarder's configuration could not be loaded from SSM: ${error.message}. Retry later.`, { 'retry-after': '1' });
  }
  const call = (error as Partial<CrossAccountError>).call;
  const where = call?.service ? `${call.service} ${call.operation ?? ''}`.trim() : 'the target';
  if (error instanceof TimeoutError) return problem(504, requestId, 'TargetTimeout', `${where} did not answer in time; the request may or may not have been applied.`);
  const name = (error as Error)?.name ?? 'Error';
  return problem(502, requestId, 'TargetError', `${where} failed (${name}).`);
}
