/**
 * The Customer Profiles emulator: serves one request for the caller's account
 * and region from the store, with the service's REST JSON shapes (timestamps
 * as epoch seconds) and errors (`x-amzn-ErrorType` + `{"Message"}`:
 * BadRequestException 400, ResourceNotFoundException 404).
 *
 * It does not authorise: the gateway plug-in evaluates
 * customerProfilesAuthorization() (routes.ts) first and only then calls
 * serveCustomerProfiles().
 */
import { jsonError, jsonResponse, type GatewayResponse } from '../../gateway/responses';
import { ingestObject, objectTypeProblem } from './objects';
import { matchCustomerProfilesRoute, type CustomerProfilesRoute } from './routes';
import { serveDomain, serveTags } from './domains';
import { ADDRESS_FIELDS, mergeProfileFields, profileResponse, STRING_FIELDS, type Domain, type Json } from './store';
import { bad, Failure, notFound, page, parseBody, seconds, stringMap, type CustomerProfilesContext, type Served } from './wire';

export type { CustomerProfilesContext };

export interface CustomerProfilesRequest {
  method: string;
  pathname: string;
  query: URLSearchParams;
  body: Buffer;
}

const DOMAIN_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const OBJECT_TYPE_NAME = /^[a-zA-Z][a-zA-Z_-]{0,254}$/;

function checkProfileFields(body: Json): void {
  for (const name of STRING_FIELDS) {
    const v = body[name];
    if (v === undefined) continue;
    const max = name === 'AdditionalInformation' ? 1000 : 255;
    if (typeof v !== 'string' || v.length > max) throw bad(`${name}: must be a string of at most ${max} characters`);
  }
  for (const name of ADDRESS_FIELDS) stringMap(body[name], name, 255);
  stringMap(body.Attributes, 'Attributes', 255);
}

function serveInDomain(ctx: CustomerProfilesContext, route: CustomerProfilesRoute, domain: Domain, body: Json, query: URLSearchParams, now: Date): Served {
  const { store } = ctx;
  switch (route.operation) {
    case 'CreateProfile':
      checkProfileFields(body);
      return { payload: { ProfileId: store.createProfile(domain, body).ProfileId } };
    case 'UpdateProfile':
    case 'DeleteProfile': {
      if (typeof body.ProfileId !== 'string') throw bad('ProfileId: is required');
      const profile = domain.profiles.get(body.ProfileId);
      if (!profile) throw notFound(`Profile ${body.ProfileId} does not exist in domain ${domain.DomainName}`);
      if (route.operation === 'DeleteProfile') {
        domain.profiles.delete(profile.ProfileId);
        return { payload: { Message: 'Profile deleted' } };
      }
      checkProfileFields(body);
      mergeProfileFields(profile.fields, body);
      return { payload: { ProfileId: profile.ProfileId } };
    }
    case 'SearchProfiles': {
      const keys = [{ KeyName: body.KeyName, Values: body.Values }, ...(Array.isArray(body.AdditionalSearchKeys) ? body.AdditionalSearchKeys : [])] as Json[];
      for (const k of keys) {
        if (typeof k.KeyName !== 'string' || k.KeyName.length < 1 || k.KeyName.length > 255) throw bad('KeyName: is required (1-255 characters)');
        if (!Array.isArray(k.Values) || k.Values.length === 0 || !k.Values.every((v) => typeof v === 'string')) throw bad('Values: must be a non-empty list of strings');
      }
      const sets = keys.map((k) => new Set(store.search(domain, k.KeyName as string, k.Values as string[])));
      const and = body.LogicalOperator === 'AND';
      const found = [...domain.profiles.values()].filter((p) => (and ? sets.every((s) => s.has(p)) : sets.some((s) => s.has(p))));
      const { items, next } = page(found, query, 20);
      const foundBy = keys.length > 1;
      const payloadItems = items.map((p) => ({
        ...profileResponse(p),
        ...(foundBy && { FoundByItems: keys.filter((_, i) => sets[i]!.has(p)).map((k) => ({ KeyName: k.KeyName, Values: k.Values })) }),
      }));
      return { payload: { Items: payloadItems, ...(next && { NextToken: next }) } };
    }
    case 'PutProfileObjectType': {
      const name = route.objectTypeName!;
      if (!OBJECT_TYPE_NAME.test(name)) throw bad('ObjectTypeName: must match ^[a-zA-Z_][a-zA-Z_-]*$ and not start with "_" (reserved for standard types)');
      const problem = objectTypeProblem(body);
      if (problem) throw bad(problem);
      const { DomainName: _d, ObjectTypeName: _n, Tags, ...definition } = body;
      const previous = domain.objectTypes.get(name);
      const stored = { definition, CreatedAt: previous?.CreatedAt ?? now, LastUpdatedAt: now, Tags: { ...previous?.Tags, ...stringMap(Tags, 'Tags') } };
      domain.objectTypes.set(name, stored);
      return { payload: objectTypeResponse(name, stored) };
    }
    case 'GetProfileObjectType':
    case 'DeleteProfileObjectType': {
      const name = route.objectTypeName!;
      const stored = domain.objectTypes.get(name);
      if (!stored) throw notFound(`Object type ${name} does not exist in domain ${domain.DomainName}`);
      if (route.operation === 'GetProfileObjectType') return { payload: objectTypeResponse(name, stored) };
      domain.objectTypes.delete(name);
      for (const key of [...domain.objects.keys()]) if (key.startsWith(`${name}/`)) domain.objects.delete(key);
      return { payload: { Message: `Object type ${name} deleted` } };
    }
    case 'PutProfileObject': {
      if (typeof body.ObjectTypeName !== 'string') throw bad('ObjectTypeName: is required');
      if (typeof body.Object !== 'string' || body.Object.length < 1 || body.Object.length > 256_000) throw bad('Object: is required (a JSON document of at most 256000 characters)');
      const type = domain.objectTypes.get(body.ObjectTypeName);
      if (!type) throw notFound(`Object type ${body.ObjectTypeName} does not exist in domain ${domain.DomainName}`);
      const result = ingestObject(store, domain, body.ObjectTypeName, type.definition, body.Object);
      if (!result.ok) throw bad(result.message);
      return { payload: { ProfileObjectUniqueKey: result.uniqueKey } };
    }
    default:
      throw new Failure(500, 'InternalServerException', `unrouted operation ${route.operation}`);
  }
}

function objectTypeResponse(name: string, stored: { definition: Json; CreatedAt: Date; LastUpdatedAt: Date; Tags: Record<string, string> }): Json {
  return { ObjectTypeName: name, ...stored.definition, CreatedAt: seconds(stored.CreatedAt), LastUpdatedAt: seconds(stored.LastUpdatedAt), Tags: stored.Tags };
}

/** Serves one (already authorised) Customer Profiles request for `account` in `region`. */
export function serveCustomerProfiles(ctx: CustomerProfilesContext, request: CustomerProfilesRequest, account: string, region: string): GatewayResponse {
  const route = matchCustomerProfilesRoute(request.method, request.pathname);
  const action = route?.operation ?? `${request.method} ${request.pathname}`;
  try {
    if (!route) throw notFound(`The local Customer Profiles emulator does not serve ${request.method} ${request.pathname}`);
    const body = parseBody(request.body);
    const now = ctx.now?.() ?? new Date();
    let served: Served;
    if (route.resourceArn !== undefined) served = serveTags(ctx, route, body, request.query, account);
    else if (route.operation === 'ListDomains') {
      const { items, next } = page(ctx.store.listDomains(account, region), request.query, 100);
      const list = items.map((d) => ({ DomainName: d.DomainName, CreatedAt: seconds(d.CreatedAt), LastUpdatedAt: seconds(d.LastUpdatedAt), Tags: d.Tags }));
      served = { payload: { Items: list, ...(next && { NextToken: next }) } };
    } else {
      if (!DOMAIN_NAME.test(route.domainName!)) throw bad('DomainName: must match ^[a-zA-Z0-9_-]+$ (1-64 characters)');
      if (['CreateDomain', 'GetDomain', 'UpdateDomain', 'DeleteDomain'].includes(route.operation)) {
        served = serveDomain(ctx, route, body, account, region, now);
      } else {
        const domain = ctx.store.getDomain(account, region, route.domainName!);
        if (!domain) throw notFound(`Domain ${route.domainName} does not exist`);
        served = serveInDomain(ctx, route, domain, body, request.query, now);
      }
    }
    return jsonResponse(action, served.status ?? 200, served.payload);
  } catch (error) {
    if (error instanceof Failure) return jsonError(action, error.status, error.type, { Message: error.message });
    throw error;
  }
}
