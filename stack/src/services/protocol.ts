/** Small readers shared by plug-ins: the operation of a query / JSON request, string fields of a JSON body. */
import type { ParsedRequest } from './types';

/** Query protocol: the `Action` parameter (query string or form body). */
export function queryOperation(request: ParsedRequest): string | undefined {
  return request.params.get('Action') ?? undefined;
}

/** JSON protocol: the operation after the dot in `X-Amz-Target` (`DynamoDB_20120810.GetItem` → `GetItem`). */
export function targetOperation(request: ParsedRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' ? target.split('.').pop() : undefined;
}

export function fallbackName(request: ParsedRequest): string {
  return `${request.method} ${request.url.pathname}`;
}

/** A string field of the JSON body, or undefined. */
export function field(request: ParsedRequest, name: string): string | undefined {
  const value = request.json[name];
  return typeof value === 'string' ? value : undefined;
}

/** Path segments, URL-decoded. */
export function segments(pathname: string): string[] {
  return pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
}
