/**
 * Loads the bad-input corpus (corpus/bad-events.json) and expands its compact
 * placeholders into the large payloads they describe.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface BadEventCase {
  name: string;
  category: string;
  event: unknown;
  /** The field the error message must name (as the function formats paths, e.g. "endpoint.Attributes"). */
  expectField: string;
  /** Case-insensitive regular expression the message must match (the rule). */
  expectRule: string;
}

interface RawCase extends Omit<BadEventCase, 'event'> {
  event: unknown;
}

export const corpusPath = path.join(__dirname, 'corpus', 'bad-events.json');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nests `leaf` `depth` times: in objects under `key`, or in arrays when there is no key (built iteratively). */
function nest(depth: number, key: string | undefined, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = key === undefined ? [value] : { [key]: value };
  return value;
}

/** Expands {"$repeat"}, {"$object"}, {"$array"} and {"$nest"} placeholders and %TARGET%. */
export function expand(value: unknown, target: string): unknown {
  if (typeof value === 'string') return value.replaceAll('%TARGET%', target);
  if (Array.isArray(value)) return value.map((v) => expand(v, target));
  if (!isRecord(value)) return value;
  if (typeof value.$repeat === 'string' && typeof value.times === 'number') return value.$repeat.repeat(value.times);
  if (isRecord(value.$object)) {
    const { count, keyPrefix, value: item } = value.$object as { count: number; keyPrefix: string; value: unknown };
    const out: Record<string, unknown> = {};
    for (let i = 0; i < count; i += 1) out[`${keyPrefix}${String(i).padStart(4, '0')}`] = expand(item, target);
    return out;
  }
  if (isRecord(value.$nest)) {
    const { depth, key, leaf } = value.$nest as { depth: number; key?: string; leaf: unknown };
    return nest(depth, key, expand(leaf, target));
  }
  if (isRecord(value.$array)) {
    const { count, item } = value.$array as { count: number; item: unknown };
    return Array.from({ length: count }, () => expand(item, target));
  }
  // Own keys only, and defined as data so a "__proto__" key stays a plain key.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: expand(v, target), enumerable: true, writable: true, configurable: true });
  return out;
}

export function loadCorpus(target: string): BadEventCase[] {
  const raw = JSON.parse(fs.readFileSync(corpusPath, 'utf8')) as { cases: RawCase[] };
  return raw.cases.map((c) => ({ ...c, event: expand(c.event, target) }));
}

/** Marker prefix for values that must never reach a log line or an error message. */
export const secretMarker = 'rlb-secret';
