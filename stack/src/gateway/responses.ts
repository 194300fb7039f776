/** The gateway's answer to one request, before it is written (and logged). */
import { randomUUID } from 'node:crypto';
import type { Decision } from '../types';

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** operation name for the request log */
  action: string;
  decision?: Decision;
  /** why the gateway refused, for the request log only (the wire answer stays AWS's) */
  reason?: string;
}

export function requestId(): string {
  return randomUUID();
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** The AWS query-protocol error form (STS, IAM). */
export function queryError(
  action: string,
  status: number,
  code: string,
  message: string,
  opts: { namespace?: string; decision?: Decision } = {},
): GatewayResponse {
  const id = requestId();
  const ns = opts.namespace ?? 'https://sts.amazonaws.com/doc/2011-06-15/';
  const body =
    `<ErrorResponse xmlns="${ns}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${xmlEscape(code)}</Code>\n` +
    `    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${id}</RequestId>\n</ErrorResponse>\n`;
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': id },
    body,
    action,
    ...(opts.decision ? { decision: opts.decision } : {}),
  };
}

/** The REST-JSON error form: `x-amzn-ErrorType` names the exception, the body carries the message. */
export function jsonError(
  action: string,
  status: number,
  type: string,
  body: Record<string, string>,
  decision?: Decision,
): GatewayResponse {
  const id = body.RequestID ?? requestId();
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': id },
    body: JSON.stringify(body),
    action,
    ...(decision ? { decision } : {}),
  };
}

export function jsonResponse(action: string, status: number, payload: unknown, decision?: Decision): GatewayResponse {
  const id = requestId();
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': id },
    body: JSON.stringify(payload),
    action,
    ...(decision ? { decision } : {}),
  };
}

export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';

export function notAuthorizedMessage(callerArn: string, action: string, resource: string): string {
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`;
}
