/** Domains (what aws_customerprofiles_domain calls) and tagging of domains and object types. */
import type { CustomerProfilesRoute } from './routes';
import type { Domain, Json } from './store';
import { bad, notFound, seconds, stringMap, type CustomerProfilesContext, type Served } from './wire';

const ARN = /^arn:aws[a-z-]*:profile:([a-z0-9-]+):(\d{12}):domains\/([a-zA-Z0-9_-]{1,64})(?:\/object-types\/([a-zA-Z_-]+))?$/;
const DOMAIN_SETTINGS = ['DefaultExpirationDays', 'DefaultEncryptionKey', 'DeadLetterQueueUrl', 'Matching', 'RuleBasedMatching', 'DataStore'];

export function domainResponse(domain: Domain, withStats: boolean): Json {
  return {
    DomainName: domain.DomainName,
    ...domain.settings,
    CreatedAt: seconds(domain.CreatedAt),
    LastUpdatedAt: seconds(domain.LastUpdatedAt),
    Tags: domain.Tags,
    ...(withStats && { Stats: { ProfileCount: domain.profiles.size, MeteringProfileCount: domain.profiles.size, ObjectCount: domain.objects.size, TotalSize: 0 } }),
  };
}

export function serveTags(ctx: CustomerProfilesContext, route: CustomerProfilesRoute, body: Json, query: URLSearchParams, account: string): Served {
  const match = ARN.exec(route.resourceArn ?? '');
  if (!match || match[2] !== account) throw bad('resourceArn: must be a Customer Profiles domain or object type ARN in this account');
  const [, region, , domainName, typeName] = match;
  const domain = ctx.store.getDomain(account, region!, domainName!);
  const holder = typeName === undefined ? domain : domain?.objectTypes.get(typeName);
  if (!holder) throw notFound(`Resource ${route.resourceArn} does not exist`);
  if (route.operation === 'TagResource') Object.assign(holder.Tags, stringMap(body.tags, 'tags'));
  if (route.operation === 'UntagResource') for (const k of query.getAll('tagKeys')) delete holder.Tags[k];
  return { payload: route.operation === 'ListTagsForResource' ? { tags: holder.Tags } : {} };
}

export function serveDomain(ctx: CustomerProfilesContext, route: CustomerProfilesRoute, body: Json, account: string, region: string, now: Date): Served {
  const name = route.domainName!;
  const existing = ctx.store.getDomain(account, region, name);
  const settings = Object.fromEntries(DOMAIN_SETTINGS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
  const days = body.DefaultExpirationDays;
  if (days !== undefined && (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 1098)) throw bad('DefaultExpirationDays: must be 1..1098');
  if (route.operation === 'CreateDomain') {
    if (existing) throw bad(`Domain ${name} already exists`);
    if (days === undefined) throw bad('DefaultExpirationDays: is required');
    return { payload: domainResponse(ctx.store.createDomain(account, region, name, settings, stringMap(body.Tags, 'Tags'), now), false) };
  }
  if (!existing) throw notFound(`Domain ${name} does not exist`);
  if (route.operation === 'GetDomain') return { payload: domainResponse(existing, true) };
  if (route.operation === 'DeleteDomain') {
    ctx.store.deleteDomain(account, region, name);
    return { payload: { Message: `Domain ${name} deleted` } };
  }
  for (const [k, v] of Object.entries(settings)) {
    if (v === '') delete existing.settings[k];
    else existing.settings[k] = v;
  }
  Object.assign(existing.Tags, stringMap(body.Tags, 'Tags'));
  existing.LastUpdatedAt = now;
  return { payload: domainResponse(existing, false) };
}

