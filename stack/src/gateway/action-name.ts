/** The operation a proxied request asks for, for the request log. */
import type { IncomingHttpHeaders } from 'node:http';

export function queryParams(url: URL, headers: IncomingHttpHeaders, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(url.search);
  const type = String(headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded') || (body.length > 0 && !type)) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

export function actionName(method: string, url: URL, headers: IncomingHttpHeaders, params: URLSearchParams): string {
  const fromQuery = params.get('Action');
  if (fromQuery) return fromQuery;
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  return `${method} ${url.pathname}`;
}

/** IAM actions that change state (the policy cache must forget what it read). */
export function isIamWrite(action: string): boolean {
  return !/^(Get|List|Simulate|Generate)/.test(action);
}
