/**
 * AWS IoT data plane (REST-JSON, signing name `iotdata`). Publish
 * (`POST /topics/{topic}`) is authorised on `topic/<name>` and recorded here
 * (account, topic, payload, qos, time) for tests to read
 * (`stack.services.iot.published()`); device shadow calls are authorised on
 * the thing and served by moto. A Host naming another account's endpoint
 * prefix (see iot.ts) is refused.
 */
import { jsonResponse } from '../gateway/responses';
import type { PublishedMessage } from '../types';
import { errorShape } from './errors';
import { iotEndpointPrefix } from './iot';
import { fallbackName, segments } from './protocol';
import type { ParsedRequest, ServiceContext, ServicePlugin } from './types';


export function publishedMessages(ctx: Pick<ServiceContext, 'state'>): PublishedMessage[] {
  let log = ctx.state.get('iot-data') as PublishedMessage[] | undefined;
  if (!log) {
    log = [];
    ctx.state.set('iot-data', log);
  }
  return log;
}

const SHADOW: Record<string, string> = { GET: 'GetThingShadow', POST: 'UpdateThingShadow', DELETE: 'DeleteThingShadow' };

function route(request: ParsedRequest): { name: string; resource: (region: string, account: string) => string } | undefined {
  const [kind, name, sub, ...rest] = segments(request.url.pathname);
  if (kind === 'topics' && name && request.method === 'POST') {
    const topic = segments(request.url.pathname).slice(1).join('/');
    return { name: 'Publish', resource: (region, account) => `arn:aws:iot:${region}:${account}:topic/${topic}` };
  }
  if (kind === 'things' && name && sub === 'shadow' && rest.length === 0 && SHADOW[request.method]) {
    return { name: SHADOW[request.method]!, resource: (region, account) => `arn:aws:iot:${region}:${account}:thing/${name}` };
  }
  return undefined;
}

export const iotData: ServicePlugin = {
  name: 'iot-data',
  signingNames: ['iotdata'],
  errors: errorShape('rest-json', { accessDenied: { status: 403, code: 'ForbiddenException' } }),
  operationName: (request) => route(request)?.name ?? fallbackName(request),
  parse(request, caller) {
    const r = route(request);
    const host = String(request.headers.host ?? '');
    const prefix = /^([0-9a-f]{14})-ats\.iot\./.exec(host)?.[1];
    if (!r || (prefix !== undefined && prefix !== iotEndpointPrefix(caller.account))) return undefined;
    return { name: r.name, authorizations: [{ action: `iot:${r.name}`, resource: r.resource(request.region, caller.account) }] };
  },
  async serve(request, caller, ctx, operation) {
    if (operation.name !== 'Publish') return undefined;
    const qos = Number(request.url.searchParams.get('qos') ?? '0');
    const topic = segments(request.url.pathname).slice(1).join('/');
    publishedMessages(ctx).push({ account: caller.account, region: request.region, topic, payload: request.body, qos, at: ctx.clock.now() });
    return jsonResponse('Publish', 200, {});
  },
};
