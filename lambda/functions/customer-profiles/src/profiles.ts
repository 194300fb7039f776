/**
 * The endpoint operations on Amazon Connect Customer Profiles, for any
 * CustomerProfilesClient and one domain:
 *
 * - getEndpoint: SearchProfiles(pinpointEndpointId = id) -> the endpoint, or undefined.
 * - updateEndpoint: SearchProfiles; when absent, PutProfileObject (the service
 *   creates the one profile for the id, see object-type.ts) and search again
 *   until it appears; then UpdateProfile with the mapped fields (a merge).
 *
 * Every call the function makes is one of CUSTOMER_PROFILES_ACTIONS: the
 * target role's `customer_profiles` preset grants exactly these.
 */
import {
  PutProfileObjectCommand,
  PutProfileObjectTypeCommand,
  SearchProfilesCommand,
  UpdateProfileCommand,
  type CustomerProfilesClient,
  type Profile,
} from '@aws-sdk/client-customer-profiles';
import type { EndpointResponse } from '@aws-sdk/client-pinpoint';
import { holdsEndpoint, toEndpoint, toProfileFields } from './mapping';
import { ENDPOINT_KEY, ENDPOINT_OBJECT_TYPE, endpointObject, endpointObjectTypeDefinition } from './object-type';
import type { EndpointRequestInput } from '../../pinpoint/event';

/** IAM actions per endpoint operation, and the resource each needs (see the README's "Permissions"). */
export const CUSTOMER_PROFILES_ACTIONS = {
  getEndpoint: ['profile:SearchProfiles'],
  updateEndpoint: ['profile:SearchProfiles', 'profile:PutProfileObject', 'profile:PutProfileObjectType', 'profile:UpdateProfile'],
} as const;

export type CustomerProfilesOperation = 'SearchProfiles' | 'PutProfileObject' | 'PutProfileObjectType' | 'UpdateProfile';

/** The Customer Profiles operation a thrown SDK error came from (set by `call`). */
export function operationOf(error: unknown): CustomerProfilesOperation | undefined {
  return (error as { customerProfilesOperation?: CustomerProfilesOperation } | undefined)?.customerProfilesOperation;
}

async function call<T>(operation: CustomerProfilesOperation, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (typeof error === 'object' && error !== null) {
      Object.defineProperty(error, 'customerProfilesOperation', { value: operation, enumerable: false, configurable: true });
    }
    throw error;
  }
}

export interface UpdateOptions {
  objectTypeName?: string;
  /** How long to wait for the service to attach a newly put object to its profile (ingestion is queued). */
  settle?: { attempts: number; delayMs: number };
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_SETTLE = { attempts: 6, delayMs: 50 };
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ProfileNotReadyError extends Error {
  override readonly name = 'ProfileNotReadyError';
}

function isNotFound(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'ResourceNotFoundException';
}

/**
 * The profile holding the endpoint id. Should the domain ever hold several
 * (written outside this function), every caller picks the same one: the
 * smallest ProfileId.
 */
export async function findEndpointProfile(client: CustomerProfilesClient, domainName: string, endpointId: string): Promise<Profile | undefined> {
  const output = await call('SearchProfiles', () =>
    client.send(new SearchProfilesCommand({ DomainName: domainName, KeyName: ENDPOINT_KEY, Values: [endpointId] })),
  );
  const items = (output.Items ?? []).filter((p) => typeof p.ProfileId === 'string');
  items.sort((a, b) => (a.ProfileId! < b.ProfileId! ? -1 : a.ProfileId! > b.ProfileId! ? 1 : 0));
  return items[0];
}

/** The endpoint, or undefined when no profile holds it (or its first update never completed). */
export async function getEndpoint(client: CustomerProfilesClient, domainName: string, endpointId: string): Promise<EndpointResponse | undefined> {
  const profile = await findEndpointProfile(client, domainName, endpointId);
  return profile && holdsEndpoint(profile, endpointId) ? toEndpoint(endpointId, profile) : undefined;
}

/** Has the service create (or find) the endpoint's one profile; returns it once searchable. */
async function ensureProfile(client: CustomerProfilesClient, domainName: string, endpointId: string, options: UpdateOptions): Promise<Profile> {
  const objectTypeName = options.objectTypeName ?? ENDPOINT_OBJECT_TYPE;
  const put = () =>
    call('PutProfileObject', () =>
      client.send(new PutProfileObjectCommand({ DomainName: domainName, ObjectTypeName: objectTypeName, Object: endpointObject(endpointId) })),
    );
  try {
    await put();
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // The object type does not exist yet (first write in this domain): define it, then put again.
    await call('PutProfileObjectType', () => client.send(new PutProfileObjectTypeCommand(endpointObjectTypeDefinition(domainName, objectTypeName))));
    await put();
  }
  const settle = options.settle ?? DEFAULT_SETTLE;
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 0; attempt < settle.attempts; attempt += 1) {
    if (attempt > 0) await sleep(settle.delayMs * 2 ** (attempt - 1));
    const profile = await findEndpointProfile(client, domainName, endpointId);
    if (profile) return profile;
  }
  throw new ProfileNotReadyError(
    `Customer Profiles accepted the endpoint's profile object but no profile holds it after ${settle.attempts} searches; retry the update`,
  );
}

export interface UpdateResult {
  profileId: string;
  /** AWS request id of the UpdateProfile call. */
  requestId?: string;
  created: boolean;
}

/** Creates or merges the endpoint's profile (Pinpoint UpdateEndpoint semantics). */
export async function updateEndpoint(
  client: CustomerProfilesClient,
  domainName: string,
  endpointId: string,
  request: EndpointRequestInput,
  options: UpdateOptions = {},
): Promise<UpdateResult> {
  const existing = await findEndpointProfile(client, domainName, endpointId);
  // Validate (and map) before the first write, so a request Customer Profiles cannot hold creates nothing.
  toProfileFields(endpointId, request, existing);
  const profile = existing ?? (await ensureProfile(client, domainName, endpointId, options));
  const fields = toProfileFields(endpointId, request, existing ?? profile);
  const output = await call('UpdateProfile', () =>
    client.send(new UpdateProfileCommand({ DomainName: domainName, ProfileId: profile.ProfileId, ...fields })),
  );
  return {
    profileId: output.ProfileId ?? profile.ProfileId!,
    ...(output.$metadata.requestId && { requestId: output.$metadata.requestId }),
    created: existing === undefined,
  };
}
