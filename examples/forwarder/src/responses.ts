/** The function URL / HTTP API v2 response: JSON body, the request id in a header and in every body. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function json(statusCode: number, requestId: string, body: Record<string, unknown>, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ ...body, requestId }),
  };
}

export function problem(statusCode: number, requestId: string, code: string, message: string, headers?: Record<string, string>): HttpResponse {
  return json(statusCode, requestId, { error: { code, message } }, headers);
}
