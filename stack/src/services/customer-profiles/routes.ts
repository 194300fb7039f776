/**
 * Customer Profiles REST paths the emulator serves (restJson1, signing name
 * `profile`), with the IAM action, resource ARN(s) and condition context of
 * each (Service Authorization Reference: resource types `domains` and
 * `object-types`; ListDomains has no resource type, so `*`). Where the
 * reference lists both `domains` and `object-types` as required, both ARNs
 * are returned and each must be allowed.
 */
export type CustomerProfilesOperation =
  | 'ListDomains'
  | 'CreateDomain'
  | 'GetDomain'
  | 'UpdateDomain'
  | 'DeleteDomain'
  | 'CreateProfile'
  | 'UpdateProfile'
  | 'SearchProfiles'
  | 'DeleteProfile'
  | 'PutProfileObject'
  | 'PutProfileObjectType'
  | 'GetProfileObjectType'
  | 'DeleteProfileObjectType'
  | 'TagResource'
  | 'UntagResource'
  | 'ListTagsForResource';

export interface CustomerProfilesRoute {
  operation: CustomerProfilesOperation;
  domainName?: string;
  objectTypeName?: string;
  /** TagResource / UntagResource / ListTagsForResource: the ARN in the path. */
  resourceArn?: string;
}

type ByMethod = Partial<Record<string, CustomerProfilesOperation>>;

/** Own entries only: "toString" or "constructor" in a path or method is no operation. */
function lookup<T>(table: Partial<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

const DOMAIN: ByMethod = { POST: 'CreateDomain', GET: 'GetDomain', PUT: 'UpdateDomain', DELETE: 'DeleteDomain' };
const PROFILES: ByMethod = { POST: 'CreateProfile', PUT: 'UpdateProfile' };
const OBJECT_TYPE: ByMethod = { PUT: 'PutProfileObjectType', GET: 'GetProfileObjectType', DELETE: 'DeleteProfileObjectType' };
const TAGS: ByMethod = { POST: 'TagResource', DELETE: 'UntagResource', GET: 'ListTagsForResource' };

/** The operation for a method and path (path segments percent-decoded, as the SDK encodes labels). */
export function matchCustomerProfilesRoute(method: string, pathname: string): CustomerProfilesRoute | undefined {
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [root, name, sub, leaf, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (root === 'tags' && name !== undefined && sub === undefined) {
    const operation = lookup(TAGS, method);
    return operation && { operation, resourceArn: name };
  }
  if (root !== 'domains') return undefined;
  if (name === undefined) return method === 'GET' ? { operation: 'ListDomains' } : undefined;
  const pick = (table: ByMethod, extra: Partial<CustomerProfilesRoute> = {}) => {
    const operation = lookup(table, method);
    return operation && { operation, domainName: name, ...extra };
  };
  if (sub === undefined) return pick(DOMAIN);
  if (sub === 'object-types' && leaf !== undefined) return pick(OBJECT_TYPE, { objectTypeName: leaf });
  if (sub !== 'profiles') return undefined;
  if (leaf === undefined) return pick(PROFILES);
  if (method !== (leaf === 'objects' ? 'PUT' : 'POST')) return undefined;
  const operation = lookup<CustomerProfilesOperation>({ search: 'SearchProfiles', delete: 'DeleteProfile', objects: 'PutProfileObject' }, leaf);
  return operation && { operation, domainName: name };
}

export function domainArn(region: string, account: string, domainName: string): string {
  return `arn:aws:profile:${region}:${account}:domains/${domainName}`;
}

export function objectTypeArn(region: string, account: string, domainName: string, objectTypeName: string): string {
  return `${domainArn(region, account, domainName)}/object-types/${objectTypeName}`;
}

export interface CustomerProfilesAuthorization {
  operation: CustomerProfilesOperation;
  action: string;
  /** Every ARN must be allowed. */
  resources: string[];
  context: Record<string, string | string[]>;
}

function tagContext(tags: unknown): Record<string, string | string[]> {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return {};
  const entries = Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (entries.length === 0) return {};
  return { 'aws:TagKeys': entries.map(([k]) => k), ...Object.fromEntries(entries.map(([k, v]) => [`aws:RequestTag/${k}`, v])) };
}

/**
 * What IAM evaluates for one request. `body` is the parsed JSON body (PutProfileObject
 * names its object type there), `query` the URL's search parameters.
 */
export function customerProfilesAuthorization(
  route: CustomerProfilesRoute,
  body: Record<string, unknown>,
  query: URLSearchParams,
  account: string,
  region: string,
): CustomerProfilesAuthorization {
  const action = `profile:${route.operation}`;
  const base = { operation: route.operation, action };
  if (route.resourceArn !== undefined) {
    const context = route.operation === 'TagResource' ? tagContext(body.tags) : route.operation === 'UntagResource' ? { 'aws:TagKeys': query.getAll('tagKeys') } : {};
    return { ...base, resources: [route.resourceArn], context };
  }
  if (route.domainName === undefined) return { ...base, resources: ['*'], context: {} };
  const domain = domainArn(region, account, route.domainName);
  const typeName = route.objectTypeName ?? (route.operation === 'PutProfileObject' && typeof body.ObjectTypeName === 'string' ? body.ObjectTypeName : undefined);
  const resources = typeName !== undefined ? [domain, objectTypeArn(region, account, route.domainName, typeName)] : [domain];
  const tags = route.operation === 'CreateDomain' || route.operation === 'PutProfileObjectType' ? tagContext(body.Tags) : {};
  return { ...base, resources, context: tags };
}
