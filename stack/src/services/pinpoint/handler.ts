/**
 * The Pinpoint endpoint emulator: serves an (already authorised) call from the
 * store with Pinpoint's status codes and error shapes.
 */
import type { CallerIdentity } from '../../iam/identity-store';
import { jsonError, jsonResponse, requestId, type GatewayResponse } from '../../gateway/responses';
import type { StackClock } from '../../types';
import { parseEndpointRequest } from './endpoint-request';
import type { PinpointRoute } from './routes';
import { applicationResponse, type PinpointStore } from './store';

export interface PinpointContext {
  store: PinpointStore;
  clock: StackClock;
}

function pinpointError(action: string, status: number, type: string, message: string): GatewayResponse {
  return jsonError(action, status, type, { Message: message, RequestID: requestId() });
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (body.length === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

export async function handlePinpoint(
  ctx: PinpointContext,
  caller: CallerIdentity,
  region: string,
  route: PinpointRoute,
  body: Buffer,
): Promise<GatewayResponse> {
  const action = route.operation;
  const json = parseJson(body);
  if (!json.ok) return pinpointError(action, 400, 'BadRequestException', 'Request body is not valid JSON');

  if (route.operation === 'CreateApp') {
    const req = json.value as { Name?: unknown; tags?: unknown };
    if (typeof req.Name !== 'string' || req.Name.length === 0) {
      return pinpointError(action, 400, 'BadRequestException', 'Name is required');
    }
    const tags = (req.tags ?? {}) as Record<string, string>;
    const app = ctx.store.createApp(caller.account, region, req.Name, tags, ctx.clock.now());
    return jsonResponse(action, 201, applicationResponse(app));
  }

  const app = ctx.store.getApp(caller.account, region, route.appId!);
  if (!app) return pinpointError(action, 404, 'NotFoundException', 'Resource not found');

  switch (route.operation) {
    case 'GetApp':
      return jsonResponse(action, 200, applicationResponse(app));
    case 'DeleteApp':
      ctx.store.deleteApp(caller.account, region, app.Id);
      return jsonResponse(action, 200, applicationResponse(app));
    case 'GetEndpoint': {
      const endpoint = ctx.store.getEndpoint(app, route.endpointId!);
      if (!endpoint) return pinpointError(action, 404, 'NotFoundException', 'Resource not found');
      return jsonResponse(action, 200, endpoint);
    }
    case 'UpdateEndpoint': {
      const parsed = parseEndpointRequest(json.value);
      if (!parsed.ok) return pinpointError(action, 400, 'BadRequestException', parsed.message);
      const id = requestId();
      ctx.store.upsertEndpoint(app, route.endpointId!, parsed.value, id, ctx.clock.now());
      return jsonResponse(action, 202, { Message: 'Accepted', RequestID: id });
    }
    case 'DeleteEndpoint': {
      const endpoint = ctx.store.deleteEndpoint(app, route.endpointId!);
      if (!endpoint) return pinpointError(action, 404, 'NotFoundException', 'Resource not found');
      return jsonResponse(action, 202, endpoint);
    }
  }
}
