/**
 * Amazon Connect Customer Profiles (REST-JSON, signing name `profile`), served by
 * the stack's own emulator (moto has none): routes.ts gives the IAM action,
 * resource ARN(s) and tag context of each request; handler.ts serves it from
 * the per-account store.
 */
import { errorShape } from '../errors';
import type { ServiceContext, ServicePlugin } from '../types';
import { serveCustomerProfiles } from './handler';
import { customerProfilesAuthorization, matchCustomerProfilesRoute } from './routes';
import { CustomerProfilesStore } from './store';

export function customerProfilesStore(ctx: Pick<ServiceContext, 'state'>): CustomerProfilesStore {
  let store = ctx.state.get('customer-profiles') as CustomerProfilesStore | undefined;
  if (!store) {
    store = new CustomerProfilesStore();
    ctx.state.set('customer-profiles', store);
  }
  return store;
}

export const customerProfiles: ServicePlugin = {
  name: 'customer-profiles',
  signingNames: ['profile'],
  terraformEndpoint: 'customerprofiles',
  errors: errorShape('rest-json', {
    throttle: { status: 429, code: 'ThrottlingException' },
    serverError: { status: 500, code: 'InternalServerException' },
    unsupported: { status: 400, code: 'BadRequestException' },
  }),
  operationName: (request) =>
    matchCustomerProfilesRoute(request.method, request.url.pathname)?.operation ?? `${request.method} ${request.url.pathname}`,
  parse(request, caller) {
    const route = matchCustomerProfilesRoute(request.method, request.url.pathname);
    if (!route) return undefined;
    const auth = customerProfilesAuthorization(route, request.json, request.url.searchParams, caller.account, request.region);
    return {
      name: auth.operation,
      authorizations: auth.resources.map((resource) => ({ action: auth.action, resource, context: auth.context })),
    };
  },
  serve(request, caller, ctx) {
    const input = { method: request.method, pathname: request.url.pathname, query: request.url.searchParams, body: request.body };
    return Promise.resolve(
      serveCustomerProfiles({ store: customerProfilesStore(ctx), now: () => ctx.clock.now() }, input, caller.account, request.region),
    );
  },
};
