/**
 * Pinpoint (REST-JSON, signing name `mobiletargeting`), served by the
 * stack's own emulator (moto has no Pinpoint endpoints): the route gives the
 * IAM action and resource; handler.ts serves it from the store.
 */
import { errorShape } from '../errors';
import type { ServiceContext, ServicePlugin } from '../types';
import { handlePinpoint } from './handler';
import { matchPinpointRoute, pinpointResourceArn } from './routes';
import { PinpointStore } from './store';

export function pinpointStore(ctx: Pick<ServiceContext, 'state'>): PinpointStore {
  let store = ctx.state.get('pinpoint') as PinpointStore | undefined;
  if (!store) {
    store = new PinpointStore();
    ctx.state.set('pinpoint', store);
  }
  return store;
}

export const pinpoint: ServicePlugin = {
  name: 'pinpoint',
  signingNames: ['mobiletargeting'],
  terraformEndpoint: 'pinpoint',
  errors: errorShape('rest-json'),
  operationName: (request) => matchPinpointRoute(request.method, request.url.pathname)?.operation ?? `${request.method} ${request.url.pathname}`,
  parse(request, caller) {
    const route = matchPinpointRoute(request.method, request.url.pathname);
    if (!route) return undefined;
    const resource = pinpointResourceArn(route, request.region, caller.account);
    return { name: route.operation, authorizations: [{ action: `mobiletargeting:${route.operation}`, resource }] };
  },
  serve(request, caller, ctx) {
    const route = matchPinpointRoute(request.method, request.url.pathname)!;
    return handlePinpoint({ store: pinpointStore(ctx), clock: ctx.clock }, caller, request.region, route, request.body);
  },
};
