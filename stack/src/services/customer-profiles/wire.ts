/**
 * Wire helpers of the Customer Profiles emulator: request bodies, the
 * service's errors (BadRequestException 400, ResourceNotFoundException 404,
 * each with `{"Message"}`), epoch-second timestamps and page tokens.
 */
import type { CustomerProfilesStore, Json } from './store';

export interface CustomerProfilesContext {
  store: CustomerProfilesStore;
  now?: () => Date;
}

/** What an operation answers (status 200 unless given). */
export type Served = { status?: number; payload: unknown };

export class Failure extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}
export const bad = (message: string) => new Failure(400, 'BadRequestException', message);
export const notFound = (message: string) => new Failure(404, 'ResourceNotFoundException', message);

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export const seconds = (d: Date) => d.getTime() / 1000;

export function parseBody(body: Buffer): Json {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw bad('Request body is not valid JSON');
  }
  if (!isObject(value)) throw bad('Request body must be a JSON object');
  return value;
}

export function stringMap(value: unknown, field: string, maxValue = 256): Record<string, string> {
  if (value === undefined) return {};
  if (!isObject(value)) throw bad(`${field}: must be a map of strings`);
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || k.length < 1 || k.length > 255 || v.length > maxValue) {
      throw bad(`${field}: keys must be 1-255 characters and values strings of at most ${maxValue} characters`);
    }
  }
  return value as Record<string, string>;
}

/** CreateProfile / UpdateProfile field limits (standard fields 255, AdditionalInformation 1000). */

export function page<T>(items: T[], query: URLSearchParams, fallback: number): { items: T[]; next?: string } {
  const max = query.has('max-results') ? Number(query.get('max-results')) : fallback;
  if (!Number.isInteger(max) || max < 1 || max > 100) throw bad('MaxResults: must be 1..100');
  const start = query.has('next-token') ? Number(Buffer.from(query.get('next-token')!, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw bad('NextToken: is invalid');
  const end = start + max;
  return { items: items.slice(start, end), ...(end < items.length && { next: Buffer.from(String(end)).toString('base64url') }) };
}

