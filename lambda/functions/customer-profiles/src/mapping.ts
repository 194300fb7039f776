/**
 * Pinpoint endpoint <-> Customer Profiles profile (one profile per endpoint id).
 * The table in ../README.md ("Field mapping") is this file in prose; keep both in step.
 *
 * - Address goes to the standard field of its channel (SMS -> MobilePhoneNumber,
 *   VOICE -> PhoneNumber, EMAIL -> EmailAddress); push and custom addresses have
 *   no standard field and go to the attribute `pinpoint.Address`.
 * - User.UserId -> AccountNumber (searchable with the predefined key `_account`).
 * - Location City/Country/PostalCode/Region -> Address.City/Country/PostalCode/State.
 * - Everything else goes to the profile's `Attributes` map under `pinpoint.` keys;
 *   multi-valued attributes as a JSON array, metrics and coordinates as numbers in text.
 *
 * UpdateProfile merges: an absent field keeps its value, an empty string removes
 * it (https://docs.aws.amazon.com/customerprofiles/latest/APIReference/API_UpdateProfile.html),
 * so attribute maps merge by key as Pinpoint's UpdateEndpoint does.
 */
import type { Profile, UpdateAddress, UpdateProfileCommandInput } from '@aws-sdk/client-customer-profiles';
import type { ChannelType, EndpointResponse } from '@aws-sdk/client-pinpoint';
import { InvalidRequestError } from '../../pinpoint/errors';
import type { EndpointRequestInput } from '../../pinpoint/event';

export const ATTR = {
  endpointId: 'pinpoint.EndpointId',
  channelType: 'pinpoint.ChannelType',
  address: 'pinpoint.Address',
  optOut: 'pinpoint.OptOut',
  endpointStatus: 'pinpoint.EndpointStatus',
  effectiveDate: 'pinpoint.EffectiveDate',
  latitude: 'pinpoint.Location.Latitude',
  longitude: 'pinpoint.Location.Longitude',
} as const;

export const PREFIX = {
  Attributes: 'pinpoint.Attributes.',
  UserAttributes: 'pinpoint.UserAttributes.',
  Metrics: 'pinpoint.Metrics.',
  Demographic: 'pinpoint.Demographic.',
} as const;

/** Channel types whose address has a standard profile field. */
export const ADDRESS_FIELD = { SMS: 'MobilePhoneNumber', VOICE: 'PhoneNumber', EMAIL: 'EmailAddress' } as const;
type AddressField = (typeof ADDRESS_FIELD)[keyof typeof ADDRESS_FIELD];

const LOCATION_FIELD = { City: 'City', Country: 'Country', PostalCode: 'PostalCode', Region: 'State' } as const;

/** Customer Profiles stores at most 255 characters per profile field and attribute value. */
export const MAX_PROFILE_VALUE_LENGTH = 255;

export type ProfileFields = Omit<UpdateProfileCommandInput, 'DomainName' | 'ProfileId'>;

function addressFieldOf(channel: string | undefined): AddressField | undefined {
  return channel !== undefined && Object.hasOwn(ADDRESS_FIELD, channel) ? ADDRESS_FIELD[channel as keyof typeof ADDRESS_FIELD] : undefined;
}

/** The endpoint's address as the profile holds it (standard field of its channel, or the attribute). */
function storedAddress(profile: Profile): string | undefined {
  const field = addressFieldOf(profile.Attributes?.[ATTR.channelType]);
  return field ? profile[field] : profile.Attributes?.[ATTR.address];
}

/**
 * The UpdateProfile fields for an UpdateEndpoint request (EffectiveDate
 * defaults to `now`, as in Pinpoint). `existing` is the
 * endpoint's profile when it already has one (to move the address when only
 * the channel type changes, and to clear the previous channel's field).
 * Throws InvalidRequestError naming the field when a value exceeds what
 * Customer Profiles can store (never echoing the value).
 */
export function toProfileFields(endpointId: string, request: EndpointRequestInput, existing?: Profile, now: Date = new Date()): ProfileFields {
  const attributes: Record<string, string> = { [ATTR.endpointId]: endpointId };
  const fields: ProfileFields = {};
  const problems: string[] = [];
  const put = (key: string, value: string, path: string) => {
    if (value.length > MAX_PROFILE_VALUE_LENGTH) {
      problems.push(`${path}: must be at most ${MAX_PROFILE_VALUE_LENGTH} characters as stored in Customer Profiles (got ${value.length})`);
    }
    attributes[key] = value;
  };

  const previousChannel = existing?.Attributes?.[ATTR.channelType];
  const channel = request.ChannelType ?? previousChannel;
  const address = request.Address ?? (request.ChannelType !== undefined && existing ? storedAddress(existing) : undefined);
  if (request.ChannelType !== undefined) put(ATTR.channelType, request.ChannelType, 'endpoint.ChannelType');
  if (address !== undefined) {
    const field = addressFieldOf(channel);
    if (address.length > MAX_PROFILE_VALUE_LENGTH) {
      problems.push(`endpoint.Address: must be at most ${MAX_PROFILE_VALUE_LENGTH} characters as stored in Customer Profiles (got ${address.length})`);
    }
    if (field) {
      fields[field] = address;
      if (existing?.Attributes?.[ATTR.address] !== undefined) attributes[ATTR.address] = '';
    } else {
      attributes[ATTR.address] = address;
    }
    const previousField = addressFieldOf(previousChannel);
    if (previousField && previousField !== field) fields[previousField] = '';
  }
  if (request.OptOut !== undefined) put(ATTR.optOut, request.OptOut, 'endpoint.OptOut');
  if (request.EndpointStatus !== undefined) put(ATTR.endpointStatus, request.EndpointStatus, 'endpoint.EndpointStatus');
  // As Pinpoint does: without an EffectiveDate the endpoint is effective from this update.
  put(ATTR.effectiveDate, request.EffectiveDate ?? now.toISOString(), 'endpoint.EffectiveDate');

  for (const [name, value] of Object.entries(request.Demographic ?? {})) {
    if (value !== undefined) put(`${PREFIX.Demographic}${name}`, value, `endpoint.Demographic.${name}`);
  }
  const location = request.Location ?? {};
  const postal: UpdateAddress = {};
  for (const [from, to] of Object.entries(LOCATION_FIELD) as Array<[keyof typeof LOCATION_FIELD, keyof UpdateAddress]>) {
    const value = location[from];
    if (value === undefined) continue;
    if (value.length > MAX_PROFILE_VALUE_LENGTH) {
      problems.push(`endpoint.Location.${from}: must be at most ${MAX_PROFILE_VALUE_LENGTH} characters as stored in Customer Profiles (got ${value.length})`);
    }
    postal[to] = value;
  }
  if (Object.keys(postal).length > 0) fields.Address = postal;
  if (location.Latitude !== undefined) attributes[ATTR.latitude] = String(location.Latitude);
  if (location.Longitude !== undefined) attributes[ATTR.longitude] = String(location.Longitude);

  for (const [name, value] of Object.entries(request.Metrics ?? {})) attributes[`${PREFIX.Metrics}${name}`] = String(value);
  for (const [name, values] of Object.entries(request.Attributes ?? {})) {
    put(`${PREFIX.Attributes}${name}`, JSON.stringify(values), `endpoint.Attributes.${name}`);
  }
  for (const [name, values] of Object.entries(request.User?.UserAttributes ?? {})) {
    put(`${PREFIX.UserAttributes}${name}`, JSON.stringify(values), `endpoint.User.UserAttributes.${name}`);
  }
  if (request.User?.UserId !== undefined) {
    if (request.User.UserId.length > MAX_PROFILE_VALUE_LENGTH) {
      problems.push(`endpoint.User.UserId: must be at most ${MAX_PROFILE_VALUE_LENGTH} characters as stored in Customer Profiles (got ${request.User.UserId.length})`);
    }
    fields.AccountNumber = request.User.UserId;
  }

  if (problems.length > 0) throw new InvalidRequestError(`Invalid request: ${problems.slice(0, 5).join('; ')}`);
  fields.Attributes = attributes;
  return fields;
}

/** Attribute values under `prefix`, by the name after it. */
function withPrefix<T>(attributes: Record<string, string>, prefix: string, read: (value: string) => T): Record<string, T> | undefined {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!key.startsWith(prefix)) continue;
    // Defined as data: a name such as "__proto__" stays a plain key.
    Object.defineProperty(out, key.slice(prefix.length), { value: read(value), enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function stringList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
  } catch {
    // written by something else: keep the raw text as the one value
  }
  return [value];
}

function defined<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/** The endpoint (Pinpoint's EndpointResponse shape) a profile written by toProfileFields holds. */
export function toEndpoint(endpointId: string, profile: Profile): EndpointResponse {
  const attributes = profile.Attributes ?? {};
  const number = (key: string) => (attributes[key] !== undefined ? Number(attributes[key]) : undefined);
  const location = defined({
    City: profile.Address?.City,
    Country: profile.Address?.Country,
    Latitude: number(ATTR.latitude),
    Longitude: number(ATTR.longitude),
    PostalCode: profile.Address?.PostalCode,
    Region: profile.Address?.State,
  });
  const user = defined({
    UserId: profile.AccountNumber,
    UserAttributes: withPrefix(attributes, PREFIX.UserAttributes, stringList),
  });
  return {
    Id: endpointId,
    ...defined({
      Address: storedAddress(profile),
      ChannelType: attributes[ATTR.channelType] as ChannelType | undefined,
      // Pinpoint's defaults for an endpoint created without them: NONE and ACTIVE.
      OptOut: attributes[ATTR.optOut] ?? 'NONE',
      EndpointStatus: attributes[ATTR.endpointStatus] ?? 'ACTIVE',
      EffectiveDate: attributes[ATTR.effectiveDate],
      Attributes: withPrefix(attributes, PREFIX.Attributes, stringList),
      Metrics: withPrefix(attributes, PREFIX.Metrics, Number),
      Demographic: withPrefix(attributes, PREFIX.Demographic, String),
      Location: location,
      User: user,
    }),
  };
}

/** True when the profile holds an endpoint this function wrote (its first UpdateProfile completed). */
export function holdsEndpoint(profile: Profile, endpointId: string): boolean {
  return profile.Attributes?.[ATTR.endpointId] === endpointId;
}
