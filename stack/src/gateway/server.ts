/**
 * The gateway in front of moto, one pipeline for every request:
 * parse SigV4 → plug-in by signing name → injected fault? → token checks →
 * the plug-in's IAM questions, each evaluated (identity policies, boundary,
 * resource policy) → the plug-in serves it or moto does. A service without a
 * plug-in is refused, never proxied unchecked. Every request is logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PolicyEvaluationError } from '../iam/evaluate';
import type { RequestLog } from '../request-log';
import { errorResponse, type ErrorShape } from '../services/errors';
import { pluginFor } from '../services/registry';
import type { ParsedRequest, ServiceContext, ServicePlugin } from '../services/types';
import type { Latency } from '../types';
import { authorizeAll } from './authorize-request';
import { queryParams } from './query-params';
import { FAULT_ANSWERS, type FaultPlan } from './faults';
import { forwardToMoto } from './proxy';
import { requestContext } from './request-context';
import { EXPIRED_TOKEN_MESSAGE, INVALID_TOKEN_MESSAGE, jsonError, queryError, type GatewayResponse } from './responses';
import { parseSigV4 } from './sigv4';

export interface GatewayContext extends ServiceContext {
  log: RequestLog;
  latency: Latency;
  faults: FaultPlan;
  /** the gateway's own URL, known once it listens */
  endpoint: () => string;
}

interface Routed {
  service: string;
  accessKeyId?: string;
  response: GatewayResponse;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The session token that came with the request (header, or query string when presigned). */
function sessionToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-amz-security-token'];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('X-Amz-Security-Token') ?? undefined;
}

function jsonBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0 || body[0] !== 0x7b) return {};
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function shapeOf(plugin: ServicePlugin, request: ParsedRequest): ErrorShape {
  return typeof plugin.errors === 'function' ? plugin.errors(request) : plugin.errors;
}

async function route(ctx: GatewayContext, req: IncomingMessage, body: Buffer): Promise<Routed> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  const scope = parseSigV4(req.headers.authorization, url);
  if (!scope) {
    // AWS refuses unsigned calls; forwarding them would let moto answer (an unsigned
    // AssumeRole would get credentials without any trust-policy check).
    return { service: 'unsigned', response: queryError(`${method} ${url.pathname}`, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token') };
  }
  const { accessKeyId } = scope;
  const plugin = pluginFor(scope.service);
  if (!plugin) {
    const message = `the local stack does not emulate ${scope.service}`;
    return { service: scope.service, accessKeyId, response: jsonError(`${method} ${url.pathname}`, 403, 'AccessDeniedException', { message, Message: message }) };
  }
  const request: ParsedRequest = {
    method,
    url,
    rawPath: req.url ?? '/',
    headers: req.headers,
    body,
    params: queryParams(url, req.headers, body),
    json: jsonBody(body),
    region: scope.region,
    endpoint: ctx.endpoint(),
    context: requestContext(req, accessKeyId, scope.region, ctx.clock, ctx.credentials),
  };
  const shape = shapeOf(plugin, request);
  const name = plugin.operationName(request);
  const ret = (response: GatewayResponse): Routed => ({ service: plugin.name, accessKeyId, response });

  const latency = ctx.latency[plugin.name];
  if (latency) await sleep(latency);
  const fault = ctx.faults.take(plugin.name, url.pathname);
  if (fault) return ret(errorResponse(shape, shape[FAULT_ANSWERS[fault].code], name, FAULT_ANSWERS[fault].message));

  if (ctx.credentials.isExpired(accessKeyId)) return ret(errorResponse(shape, shape.expiredToken, name, EXPIRED_TOKEN_MESSAGE));
  if (!ctx.credentials.tokenMatches(accessKeyId, sessionToken(req, url))) return ret(errorResponse(shape, shape.unknownKey, name, INVALID_TOKEN_MESSAGE));
  const caller = await ctx.identities.identity(accessKeyId);
  if (!caller) return ret(errorResponse(shape, shape.unknownKey, name, INVALID_TOKEN_MESSAGE));

  const operation = await plugin.parse(request, caller, ctx);
  if (!operation) {
    return ret(errorResponse(shape, shape.unsupported, name, `The local stack's ${plugin.name} plug-in does not serve ${name} (${method} ${url.pathname})`));
  }
  let verdict;
  try {
    verdict = await authorizeAll(ctx.identities, caller, operation.authorizations, request.context);
  } catch (error) {
    if (!(error instanceof PolicyEvaluationError)) throw error;
    // Not an outage: a policy the engine cannot read (or an action/ARN it does not know).
    // Refuse in the service's own form, without inviting retries, and say why.
    ctx.logger?.(`gateway: ${error.message}`);
    const message = `local stack could not evaluate the policies: ${error.message}`;
    return ret({ ...errorResponse(shape, shape.accessDenied, operation.name, message), reason: message });
  }
  if (!verdict.allowed) {
    const denied = errorResponse(shape, shape.accessDenied, operation.name, verdict.message, verdict.decision);
    return ret({ ...denied, reason: verdict.message });
  }
  const decision = verdict.decision;
  const served = plugin.serve ? await plugin.serve(request, caller, ctx, operation) : undefined;
  if (served) return ret(served.decision || !decision ? served : { ...served, decision });

  // The account comes from the key the stack issued (or the resource's owner), never from the caller's header.
  const { 'x-moto-account-id': _callerSupplied, ...headers } = req.headers;
  const account = operation.motoAccount ?? caller.account;
  const upstream = await forwardToMoto(ctx.motoEndpoint, method, request.rawPath, { ...headers, 'x-moto-account-id': account }, body);
  const answer: GatewayResponse = { ...upstream, action: operation.name, ...(decision ? { decision } : {}) };
  plugin.afterForward?.(request, operation, ctx, answer);
  return ret(answer);
}

async function handle(ctx: GatewayContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = Date.now();
  let service = 'unknown';
  let accessKeyId: string | undefined;
  let response: GatewayResponse;
  try {
    const body = await readBody(req);
    ({ service, accessKeyId, response } = await route(ctx, req, body));
  } catch (error) {
    if (error instanceof PolicyEvaluationError) {
      // Not an outage: a policy the engine cannot read (or an action/ARN it does not know).
      // Refuse without inviting retries, and say why.
      ctx.logger?.(`gateway: ${error.message}`);
      response = jsonError('PolicyEvaluation', 403, 'AccessDeniedException', {
        message: `local stack could not evaluate the policies: ${error.message}`,
      });
    } else {
      ctx.logger?.(`gateway: internal error on ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}: ${(error as Error).message}`);
      response = jsonError('InternalError', 500, 'InternalFailure', { message: `local stack gateway error: ${(error as Error).message}` });
    }
  }
  ctx.log.add({
    at,
    service,
    action: response.action,
    ...(accessKeyId ? { accessKeyId } : {}),
    status: response.status,
    ...(response.decision ? { decision: response.decision } : {}),
    ...(response.reason ? { reason: response.reason } : {}),
  });
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

export function createGateway(ctx: GatewayContext): Server {
  const server = createServer((req, res) => void handle(ctx, req, res));
  server.keepAliveTimeout = 5_000;
  return server;
}
