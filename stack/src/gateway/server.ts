/**
 * The gateway in front of moto: routes by the SigV4 credential scope's
 * service. `sts` is checked for expired keys and AssumeRole is enforced;
 * `mobiletargeting` goes to the Pinpoint emulator after enforcement;
 * everything else is proxied to moto unchanged. Every request is logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { IdentityStore } from '../iam/identity-store';
import { handlePinpoint } from '../pinpoint/handler';
import { matchPinpointRoute } from '../pinpoint/routes';
import type { PinpointStore } from '../pinpoint/store';
import type { RequestLog } from '../request-log';
import type { Latency, StackClock } from '../types';
import { actionName, isIamWrite, queryParams } from './action-name';
import type { CredentialRegistry } from './credential-registry';
import type { FaultPlan } from './faults';
import { forwardToMoto } from './proxy';
import { PolicyEvaluationError } from '../iam/evaluate';
import { EXPIRED_TOKEN_MESSAGE, INVALID_TOKEN_MESSAGE, jsonError, queryError, type GatewayResponse } from './responses';
import { parseSigV4 } from './sigv4';
import { assumeRole } from './sts';

export interface GatewayContext {
  motoEndpoint: string;
  clock: StackClock;
  log: RequestLog;
  latency: Latency;
  identities: IdentityStore;
  credentials: CredentialRegistry;
  pinpoint: PinpointStore;
  faults: FaultPlan;
  logger?: (line: string) => void;
}

const QUERY_PROTOCOL = new Set(['sts', 'iam']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function expired(service: string, action: string): GatewayResponse {
  return QUERY_PROTOCOL.has(service)
    ? queryError(action, 403, 'ExpiredToken', EXPIRED_TOKEN_MESSAGE)
    : jsonError(action, 403, 'ExpiredTokenException', { message: EXPIRED_TOKEN_MESSAGE });
}

/** The session token that came with the request (header, or query string when presigned). */
function sessionToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-amz-security-token'];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('X-Amz-Security-Token') ?? undefined;
}

function unknownKey(service: string, action: string): GatewayResponse {
  return QUERY_PROTOCOL.has(service)
    ? queryError(action, 403, 'InvalidClientTokenId', INVALID_TOKEN_MESSAGE)
    : jsonError(action, 403, 'UnrecognizedClientException', { message: INVALID_TOKEN_MESSAGE });
}

async function route(ctx: GatewayContext, req: IncomingMessage, body: Buffer): Promise<{ service: string; accessKeyId?: string; response: GatewayResponse }> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  const scope = parseSigV4(req.headers.authorization, url);
  const pinpointRoute = matchPinpointRoute(method, url.pathname);
  const service = scope?.service ?? (pinpointRoute ? 'mobiletargeting' : 'unsigned');
  const accessKeyId = scope?.accessKeyId;
  const logService = service === 'mobiletargeting' ? 'pinpoint' : service;
  const ret = (response: GatewayResponse) => ({ service: logService, ...(accessKeyId ? { accessKeyId } : {}), response });

  const latency = service === 'sts' ? ctx.latency.sts : service === 'mobiletargeting' ? ctx.latency.pinpoint : undefined;
  if (latency) await sleep(latency);

  if (service === 'mobiletargeting') {
    const action = pinpointRoute?.operation ?? `${method} ${url.pathname}`;
    const fault = ctx.faults.take('pinpoint', action);
    if (fault) return ret(fault);
    if (!scope) return ret(jsonError(action, 403, 'MissingAuthenticationTokenException', { message: 'Missing Authentication Token' }));
    if (ctx.credentials.isExpired(scope.accessKeyId)) return ret(expired(service, action));
    if (!ctx.credentials.tokenMatches(scope.accessKeyId, sessionToken(req, url))) return ret(unknownKey(service, action));
    if (!pinpointRoute) {
      return ret(jsonError(action, 404, 'NotFoundException', { Message: `The local Pinpoint emulator does not serve ${method} ${url.pathname}` }));
    }
    const caller = await ctx.identities.identity(scope.accessKeyId);
    if (!caller) return ret(unknownKey(service, action));
    return ret(await handlePinpoint({ store: ctx.pinpoint, identities: ctx.identities, clock: ctx.clock }, caller, scope.region, pinpointRoute, body));
  }

  const params = queryParams(url, req.headers, body);
  const action = actionName(method, url, req.headers, params);
  const fault = ctx.faults.take(service, action);
  if (fault) return ret(fault);
  if (accessKeyId && ctx.credentials.isExpired(accessKeyId)) return ret(expired(service, action));
  if (accessKeyId && !ctx.credentials.tokenMatches(accessKeyId, sessionToken(req, url))) return ret(unknownKey(service, action));
  if (!scope && !url.pathname.startsWith('/moto-api')) {
    // AWS refuses unsigned calls; forwarding them would let moto answer (an unsigned
    // AssumeRole would get credentials without any trust-policy check).
    return ret(queryError(action, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'));
  }

  if (service === 'sts' && action === 'AssumeRole' && accessKeyId) {
    const caller = await ctx.identities.identity(accessKeyId);
    if (!caller) return ret(unknownKey(service, action));
    const raw = { method, path: req.url ?? '/', headers: req.headers, body };
    return ret(await assumeRole({ motoEndpoint: ctx.motoEndpoint, store: ctx.identities, credentials: ctx.credentials }, caller, params, raw));
  }

  const account = accessKeyId ? ctx.credentials.accountOf(accessKeyId) : undefined;
  // The account comes from the key the stack issued, never from the caller's own header.
  const { 'x-moto-account-id': _callerSupplied, ...callerHeaders } = req.headers;
  const headers = account ? { ...callerHeaders, 'x-moto-account-id': account } : callerHeaders;
  const upstream = await forwardToMoto(ctx.motoEndpoint, method, req.url ?? '/', headers, body);
  if (service === 'iam' && isIamWrite(action)) ctx.identities.invalidate();
  return ret({ ...upstream, action });
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
