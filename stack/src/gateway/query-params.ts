/** Query-protocol parameters of a request: the query string plus a form-encoded body. */
import type { IncomingHttpHeaders } from 'node:http';

export function queryParams(url: URL, headers: IncomingHttpHeaders, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(url.search);
  const type = String(headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded') || (body.length > 0 && !type)) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
  }
  return params;
}
