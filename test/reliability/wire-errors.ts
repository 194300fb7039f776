/**
 * What the fault proxy borrows from the local stack's service plug-ins, so it
 * needs no per-service code of its own: the operation name of a request
 * (`GetObject`, `Publish`, `SendMessage`) and a service error in the plug-in's
 * wire form (query XML, JSON `__type`, REST-JSON `x-amzn-ErrorType`, REST-XML),
 * the same answers the gateway gives for its injected faults (stack injectFault).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { FAULT_ANSWERS, type FaultKind } from '../../stack/src/gateway/faults';
import { queryParams } from '../../stack/src/gateway/query-params';
import { errorResponse, type ErrorShape } from '../../stack/src/services/errors';
import { pluginFor } from '../../stack/src/services/registry';
import type { ParsedRequest, ServicePlugin } from '../../stack/src/services/types';

/** The service errors every plug-in defines, by what they mean: the stack's own fault kinds (gateway/faults.ts). */
export type WireErrorKind = FaultKind;

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0 || body[0] !== 0x7b) return {};
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function parsed(method: string, rawPath: string, headers: IncomingHttpHeaders, body: Buffer): ParsedRequest {
  const url = new URL(rawPath, 'http://fault-proxy.local');
  return { method, url, rawPath, headers, body, params: queryParams(url, headers, body), json: jsonBody(body), region: '', endpoint: '', context: {} };
}

function shapeOf(plugin: ServicePlugin, request: ParsedRequest): ErrorShape {
  return typeof plugin.errors === 'function' ? plugin.errors(request) : plugin.errors;
}

/** The operation as the stack's plug-in for this signing service names it; undefined for a service it does not emulate. */
export function operationOf(signingService: string, method: string, rawPath: string, headers: IncomingHttpHeaders, body: Buffer): string | undefined {
  const plugin = pluginFor(signingService);
  return plugin?.operationName(parsed(method, rawPath, headers, body));
}

/** The service's own error of this kind for this request (status, headers, body). */
export function wireError(
  signingService: string,
  kind: WireErrorKind,
  method: string,
  rawPath: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  action: string,
): { status: number; headers: Record<string, string>; body: string } {
  const plugin = pluginFor(signingService);
  if (!plugin) throw new Error(`fault proxy: no stack plug-in for signing service "${signingService}", so no wire form for a ${kind} error`);
  const shape = shapeOf(plugin, parsed(method, rawPath, headers, body));
  const { code, message } = FAULT_ANSWERS[kind];
  const answer = errorResponse(shape, shape[code], action, message);
  return { status: answer.status, headers: answer.headers, body: typeof answer.body === 'string' ? answer.body : answer.body.toString('utf8') };
}
