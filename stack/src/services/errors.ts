/**
 * How a service's errors look on the wire, so the SDK raises the name AWS
 * would: query XML (STS, IAM, SQS query), JSON `__type` (DynamoDB, KMS, SSM,
 * Kinesis, Logs, SQS JSON), REST-JSON `x-amzn-ErrorType` (Lambda, Pinpoint,
 * IoT) and REST-XML `<Error>` (S3). A plug-in picks one and names its codes.
 */
import { jsonError, queryError, requestId, type GatewayResponse } from '../gateway/responses';
import type { Decision } from '../types';

export type Protocol = 'query' | 'json' | 'rest-json' | 'rest-xml';

export interface ErrorCode {
  status: number;
  code: string;
}

export interface ErrorShape {
  protocol: Protocol;
  /** query protocol: the XML namespace of the ErrorResponse */
  namespace?: string;
  accessDenied: ErrorCode;
  throttle: ErrorCode;
  serverError: ErrorCode;
  expiredToken: ErrorCode;
  unknownKey: ErrorCode;
  /** a request the plug-in does not recognise */
  unsupported: ErrorCode;
  /** SQS JSON: `x-amzn-query-error` carries the query-protocol code the SDK reports */
  queryCompatible?: boolean;
}

const SHAPES: Record<Protocol, Omit<ErrorShape, 'protocol'>> = {
  query: {
    accessDenied: { status: 403, code: 'AccessDenied' },
    throttle: { status: 400, code: 'Throttling' },
    serverError: { status: 500, code: 'InternalFailure' },
    expiredToken: { status: 403, code: 'ExpiredToken' },
    unknownKey: { status: 403, code: 'InvalidClientTokenId' },
    unsupported: { status: 400, code: 'InvalidAction' },
  },
  json: {
    accessDenied: { status: 400, code: 'AccessDeniedException' },
    throttle: { status: 400, code: 'ThrottlingException' },
    serverError: { status: 500, code: 'InternalFailure' },
    expiredToken: { status: 400, code: 'ExpiredTokenException' },
    unknownKey: { status: 400, code: 'UnrecognizedClientException' },
    unsupported: { status: 400, code: 'UnknownOperationException' },
  },
  'rest-json': {
    accessDenied: { status: 403, code: 'AccessDeniedException' },
    throttle: { status: 429, code: 'TooManyRequestsException' },
    serverError: { status: 500, code: 'InternalServerErrorException' },
    expiredToken: { status: 403, code: 'ExpiredTokenException' },
    unknownKey: { status: 403, code: 'UnrecognizedClientException' },
    unsupported: { status: 404, code: 'NotFoundException' },
  },
  'rest-xml': {
    accessDenied: { status: 403, code: 'AccessDenied' },
    throttle: { status: 503, code: 'SlowDown' },
    serverError: { status: 500, code: 'InternalError' },
    expiredToken: { status: 400, code: 'ExpiredToken' },
    unknownKey: { status: 403, code: 'InvalidAccessKeyId' },
    unsupported: { status: 501, code: 'NotImplemented' },
  },
};

/** The defaults of a protocol, with a plug-in's own codes on top. */
export function errorShape(protocol: Protocol, overrides: Partial<Omit<ErrorShape, 'protocol'>> = {}): ErrorShape {
  return { protocol, ...SHAPES[protocol], ...overrides };
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** An error answer in the shape's wire form. */
export function errorResponse(shape: ErrorShape, which: ErrorCode, action: string, message: string, decision?: Decision): GatewayResponse {
  const { status, code } = which;
  const withDecision = (r: GatewayResponse): GatewayResponse => (decision ? { ...r, decision } : r);
  switch (shape.protocol) {
    case 'query':
      return queryError(action, status, code, message, { ...(shape.namespace ? { namespace: shape.namespace } : {}), ...(decision ? { decision } : {}) });
    case 'rest-json':
      return jsonError(action, status, code, { Message: message, message, RequestID: requestId() }, decision);
    case 'json': {
      const id = requestId();
      const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': id };
      if (shape.queryCompatible) headers['x-amzn-query-error'] = `${code};Sender`;
      return withDecision({ status, headers, body: JSON.stringify({ __type: code, message }), action });
    }
    case 'rest-xml': {
      const id = requestId();
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message><RequestId>${id}</RequestId></Error>`;
      return withDecision({ status, headers: { 'content-type': 'application/xml', 'x-amz-request-id': id }, body, action });
    }
  }
}
