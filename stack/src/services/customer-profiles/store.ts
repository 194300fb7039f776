/**
 * Customer Profiles state, kept per account + region + domain: domains with
 * their tags, profiles (standard fields, Attributes, key index), profile
 * object types and profile objects. UpdateProfile semantics as documented: an
 * absent field is kept, an empty string removes the value.
 */
import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;

export interface StoredProfile {
  ProfileId: string;
  /** standard fields, Address objects, Attributes, EngagementPreferences */
  fields: Json;
  /** key name -> values, from profile objects (predefined keys are derived from the fields) */
  keys: Map<string, Set<string>>;
}

export interface StoredObjectType {
  definition: Json;
  CreatedAt: Date;
  LastUpdatedAt: Date;
  Tags: Record<string, string>;
}

export interface StoredObject {
  uniqueKey: string;
  profileId?: string;
  object: string;
}

export interface Domain {
  DomainName: string;
  settings: Json;
  Tags: Record<string, string>;
  CreatedAt: Date;
  LastUpdatedAt: Date;
  profiles: Map<string, StoredProfile>;
  objectTypes: Map<string, StoredObjectType>;
  /** by `${objectTypeName}/${unique key value}` */
  objects: Map<string, StoredObject>;
}

export const STRING_FIELDS = [
  'AccountNumber', 'AdditionalInformation', 'PartyType', 'BusinessName', 'FirstName', 'MiddleName', 'LastName', 'BirthDate', 'Gender',
  'PhoneNumber', 'MobilePhoneNumber', 'HomePhoneNumber', 'BusinessPhoneNumber', 'EmailAddress', 'PersonalEmailAddress',
  'BusinessEmailAddress', 'PartyTypeString', 'GenderString', 'ProfileType',
] as const;
export const ADDRESS_FIELDS = ['Address', 'ShippingAddress', 'MailingAddress', 'BillingAddress'] as const;
const MAP_FIELDS = [...ADDRESS_FIELDS, 'Attributes'] as const;

/** Predefined search keys derived from standard fields. */
const DERIVED_KEYS: Record<string, readonly string[]> = {
  _account: ['AccountNumber'],
  _phone: ['PhoneNumber', 'MobilePhoneNumber', 'HomePhoneNumber', 'BusinessPhoneNumber'],
  _email: ['EmailAddress', 'PersonalEmailAddress', 'BusinessEmailAddress'],
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property copy that keeps "__proto__" and friends as plain keys. */
function dataCopy(source: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(source)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Applies UpdateProfile semantics to `fields`: strings set or ("") removed; maps merged per key the same way. */
export function mergeProfileFields(fields: Json, update: Json): void {
  for (const name of STRING_FIELDS) {
    const value = update[name];
    if (typeof value !== 'string') continue;
    if (value === '') delete fields[name];
    else fields[name] = value;
  }
  for (const name of MAP_FIELDS) {
    const value = update[name];
    if (!isObject(value)) continue;
    const merged = dataCopy(isObject(fields[name]) ? fields[name] : {});
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== 'string') continue;
      if (v === '') delete merged[k];
      else Object.defineProperty(merged, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    if (Object.keys(merged).length > 0) fields[name] = merged;
    else delete fields[name];
  }
  if (isObject(update.EngagementPreferences)) fields.EngagementPreferences = update.EngagementPreferences;
}

export class CustomerProfilesStore {
  private readonly domains = new Map<string, Domain>();

  private static key(account: string, region: string, name: string): string {
    return `${account}/${region}/${name}`;
  }

  getDomain(account: string, region: string, name: string): Domain | undefined {
    return this.domains.get(CustomerProfilesStore.key(account, region, name));
  }

  createDomain(account: string, region: string, name: string, settings: Json, tags: Record<string, string>, now: Date): Domain {
    const domain: Domain = {
      DomainName: name,
      settings,
      Tags: { ...tags },
      CreatedAt: now,
      LastUpdatedAt: now,
      profiles: new Map(),
      objectTypes: new Map(),
      objects: new Map(),
    };
    this.domains.set(CustomerProfilesStore.key(account, region, name), domain);
    return domain;
  }

  deleteDomain(account: string, region: string, name: string): boolean {
    return this.domains.delete(CustomerProfilesStore.key(account, region, name));
  }

  listDomains(account: string, region: string): Domain[] {
    const prefix = `${account}/${region}/`;
    return [...this.domains.entries()].filter(([k]) => k.startsWith(prefix)).map(([, d]) => d).sort((a, b) => (a.DomainName < b.DomainName ? -1 : 1));
  }

  createProfile(domain: Domain, fields: Json): StoredProfile {
    const profile: StoredProfile = { ProfileId: randomUUID().replaceAll('-', ''), fields: {}, keys: new Map() };
    mergeProfileFields(profile.fields, fields);
    domain.profiles.set(profile.ProfileId, profile);
    return profile;
  }

  /** Values of a search key on a profile (predefined keys from the standard fields, others from objects). */
  static keyValues(profile: StoredProfile, keyName: string): string[] {
    if (keyName === '_profileId') return [profile.ProfileId];
    if (keyName === '_fullName') {
      const name = ['FirstName', 'MiddleName', 'LastName'].map((f) => profile.fields[f]).filter((v) => typeof v === 'string').join(' ');
      return name ? [name] : [];
    }
    const derived = DERIVED_KEYS[keyName];
    const values = derived ? derived.map((f) => profile.fields[f]).filter((v): v is string => typeof v === 'string') : [];
    return [...values, ...(profile.keys.get(keyName) ?? [])];
  }

  static addKey(profile: StoredProfile, keyName: string, value: string): void {
    const values = profile.keys.get(keyName) ?? new Set<string>();
    values.add(value);
    profile.keys.set(keyName, values);
  }

  /** Profiles holding any of `values` under `keyName`. */
  search(domain: Domain, keyName: string, values: readonly string[]): StoredProfile[] {
    return [...domain.profiles.values()].filter((p) => CustomerProfilesStore.keyValues(p, keyName).some((v) => values.includes(v)));
  }
}

/** The Profile shape of the API. */
export function profileResponse(profile: StoredProfile): Json {
  return { ProfileId: profile.ProfileId, ...structuredClone(profile.fields) };
}
