/**
 * Profile object types and object ingestion (PutProfileObject), as the
 * Customer Profiles admin guide describes matching ("Profile matching and
 * inferred profiles"): the object's UNIQUE key finds an object already stored
 * (an update, same profile); otherwise each PROFILE key (non-SECONDARY first)
 * is looked up and used only when exactly one profile holds it; with no match
 * and AllowProfileCreation a new profile is created. Field targets
 * `_profile.<Field>[.<Sub>]` fill the profile without overwriting values set
 * through the API.
 *
 * AWS queues ingestion and matches "shortly afterward"; the emulator matches
 * at once, inside one request, so two PutProfileObject calls for the same new
 * key never race (callers must still tolerate the delay real AWS has).
 */
import { randomUUID } from 'node:crypto';
import { CustomerProfilesStore, mergeProfileFields, type Domain, type Json, type StoredProfile } from './store';

interface KeyDefinition {
  StandardIdentifiers?: string[];
  FieldNames?: string[];
}

const IDENTIFIERS = new Set(['PROFILE', 'ASSET', 'CASE', 'ORDER', 'COMMUNICATION_RECORD', 'UNIQUE', 'SECONDARY', 'LOOKUP_ONLY', 'NEW_ONLY']);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keysOf(definition: Json): Array<[string, KeyDefinition]> {
  const keys = isObject(definition.Keys) ? definition.Keys : {};
  return Object.entries(keys).flatMap(([name, list]) => (Array.isArray(list) ? list.map((k) => [name, k as KeyDefinition] as [string, KeyDefinition]) : []));
}

/** A BadRequestException message for an invalid object type definition, or undefined when it is valid. */
export function objectTypeProblem(definition: Json): string | undefined {
  if (typeof definition.Description !== 'string' || definition.Description.length === 0) return 'Description is required';
  if (definition.TemplateId !== undefined) return undefined;
  const fields = isObject(definition.Fields) ? definition.Fields : {};
  const keys = keysOf(definition);
  if (keys.length === 0) return 'Keys: at least one key is required';
  for (const [name, key] of keys) {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) return `Keys: key name ${JSON.stringify(name.slice(0, 64))} must match ^[a-zA-Z0-9_-]+$ (1-64 characters)`;
    const bad = (key.StandardIdentifiers ?? []).find((s) => !IDENTIFIERS.has(s));
    if (bad !== undefined) return `Keys.${name}: unknown standard identifier ${JSON.stringify(bad)}`;
    const missing = (key.FieldNames ?? []).find((f) => !Object.hasOwn(fields, f));
    if (missing !== undefined) return `Keys.${name}: field ${JSON.stringify(missing)} is not defined in Fields`;
    if ((key.FieldNames ?? []).length === 0) return `Keys.${name}: FieldNames must name at least one field`;
  }
  const unique = keys.filter(([, k]) => k.StandardIdentifiers?.includes('UNIQUE'));
  if (unique.length !== 1) return `Keys: exactly one key must have the UNIQUE standard identifier (found ${unique.length})`;
  return undefined;
}

/** Reads `_source.a.b` from the object (other source forms, such as Handlebars templates, are not emulated). */
function readSource(object: Json, source: unknown): string | undefined {
  if (typeof source !== 'string' || !source.startsWith('_source.')) return undefined;
  let value: unknown = object;
  for (const part of source.slice('_source.'.length).split('.')) value = isObject(value) && Object.hasOwn(value, part) ? value[part] : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function keyValue(values: Record<string, string | undefined>, key: KeyDefinition): string | undefined {
  const parts = (key.FieldNames ?? []).map((f) => values[f]);
  return parts.every((p) => p !== undefined && p !== '') ? parts.join('_') : undefined;
}

/** `_profile.X` / `_profile.Address.City` / `_profile.Attributes.k` targets, filled only where the profile has no value. */
function applyTargets(profile: StoredProfile, fields: Json, values: Record<string, string | undefined>): void {
  const update: Json = {};
  for (const [name, field] of Object.entries(fields)) {
    const target = isObject(field) ? field.Target : undefined;
    const value = values[name];
    if (typeof target !== 'string' || !target.startsWith('_profile.') || value === undefined) continue;
    const [top, ...sub] = target.slice('_profile.'.length).split('.');
    if (top === undefined) continue;
    const current = profile.fields[top];
    if (sub.length === 0 && current === undefined) update[top] = value;
    const subName = sub.join('.');
    if (sub.length > 0 && !(isObject(current) && current[subName] !== undefined)) {
      update[top] = { ...(isObject(update[top]) ? update[top] : {}), [subName]: value };
    }
  }
  mergeProfileFields(profile.fields, update);
}

export type IngestResult = { ok: true; uniqueKey: string } | { ok: false; message: string };

/** PutProfileObject on a stored object type. */
export function ingestObject(store: CustomerProfilesStore, domain: Domain, typeName: string, definition: Json, text: string): IngestResult {
  let object: unknown;
  try {
    object = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Object: must be a JSON document' };
  }
  if (!isObject(object)) return { ok: false, message: 'Object: must be a JSON object' };
  const fields = isObject(definition.Fields) ? definition.Fields : {};
  const values: Record<string, string | undefined> = {};
  for (const [name, field] of Object.entries(fields)) values[name] = readSource(object, isObject(field) ? field.Source : undefined);

  const keys = keysOf(definition);
  const unique = keys.find(([, k]) => k.StandardIdentifiers?.includes('UNIQUE'));
  const uniqueValue = unique && keyValue(values, unique[1]);
  if (uniqueValue === undefined) return { ok: false, message: `Object: the fields of the UNIQUE key ${unique?.[0] ?? ''} are required` };

  const objectKey = `${typeName}/${uniqueValue}`;
  const stored = domain.objects.get(objectKey);
  let profile = stored?.profileId !== undefined ? domain.profiles.get(stored.profileId) : undefined;
  let created = false;
  const profileKeys = keys.filter(([, k]) => k.StandardIdentifiers?.includes('PROFILE'));
  if (!profile) {
    for (const secondary of [false, true]) {
      for (const [name, key] of profileKeys.filter(([, k]) => (k.StandardIdentifiers?.includes('SECONDARY') ?? false) === secondary)) {
        const value = keyValue(values, key);
        const matches = value === undefined ? [] : store.search(domain, name, [value]);
        if (matches.length === 1) profile = matches[0];
        if (profile) break;
      }
      if (profile) break;
    }
  }
  if (!profile && definition.AllowProfileCreation === true) {
    profile = store.createProfile(domain, {});
    created = true;
  }
  if (profile) {
    for (const [name, key] of profileKeys) {
      const value = keyValue(values, key);
      const ids = key.StandardIdentifiers ?? [];
      if (value === undefined || ids.includes('LOOKUP_ONLY') || (ids.includes('NEW_ONLY') && !created)) continue;
      CustomerProfilesStore.addKey(profile, name, value);
    }
    applyTargets(profile, fields, values);
  }
  const uniqueKey = stored?.uniqueKey ?? randomUUID();
  domain.objects.set(objectKey, { uniqueKey, object: text, ...(profile && { profileId: profile.ProfileId }) });
  return { ok: true, uniqueKey };
}
