/**
 * Reads a Kinesis event source invocation (Lambda's `{ Records: [...] }`).
 * - A malformed EVENT (not the Kinesis shape, or a record without a usable
 *   sequence number, which could not be reported back) throws
 *   `InvalidEventError`: Lambda then retries or bisects the batch, and nothing
 *   was sent.
 * - A malformed RECORD (data not base64, not UTF-8, not a JSON object, too big,
 *   too deep, a reserved key, no usable topic key) becomes a `RecordProblem`:
 *   the handler reports it in `batchItemFailures` without any AWS call, so the
 *   bad record is retried a bounded number of times and then reaches the
 *   on-failure queue instead of vanishing.
 */

/** IoT Core's message payload limit (128 KB). */
export const MAX_PAYLOAD_BYTES = 128 * 1024;
/** Deeper JSON is refused before it is walked any further. */
export const MAX_JSON_DEPTH = 32;
/** IoT Core: topic names up to 256 bytes. */
export const MAX_TOPIC_BYTES = 256;
/** One topic level taken from the record: the characters the iot_publish preset accepts, no `/`, `+`, `#`. */
export const TOPIC_KEY_PATTERN = /^[A-Za-z0-9_.:=@$-]{1,128}$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SEQUENCE_NUMBER = /^\d{1,128}$/;

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export interface ParsedRecord {
  sequenceNumber: string;
  partitionKey: string;
  /** the record's data, decoded (what is published) */
  payload: Buffer;
  /** the payload's JSON object */
  json: Record<string, unknown>;
}

export interface RecordProblem {
  sequenceNumber: string;
  /** the rule the record broke (never its content) */
  problem: string;
}

export type RecordResult = { ok: true; record: ParsedRecord } | { ok: false; failure: RecordProblem };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first reserved key (`__proto__`, `constructor`, `prototype`) at any depth, or a depth problem. */
function checkTree(value: unknown, depth: number): string | undefined {
  if (depth > MAX_JSON_DEPTH) return `data: JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (const v of value) {
      const p = checkTree(v, depth + 1);
      if (p) return p;
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) return `data: key "${key}" is reserved (__proto__, constructor and prototype are rejected)`;
      const p = checkTree(value[key], depth + 1);
      if (p) return p;
    }
  }
  return undefined;
}

/** Checks the raw text's bracket depth before JSON.parse builds anything. */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === '}' || c === ']') depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseData(data: string): { payload: Buffer; json: Record<string, unknown> } | string {
  if (!BASE64.test(data)) return 'data: not valid base64';
  const payload = Buffer.from(data, 'base64');
  if (payload.length === 0) return 'data: empty';
  if (payload.length > MAX_PAYLOAD_BYTES) return `data: ${payload.length} bytes, more than IoT's ${MAX_PAYLOAD_BYTES}-byte payload limit`;
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return 'data: not UTF-8';
  }
  if (tooDeep(text)) return `data: JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'data: not JSON';
  }
  if (!isObject(json)) return 'data: JSON, but not an object';
  const problem = checkTree(json, 1);
  return problem ?? { payload, json };
}

function sequenceNumberOf(record: unknown, index: number): string {
  const kinesis = isObject(record) ? record.kinesis : undefined;
  const seq = isObject(kinesis) ? kinesis.sequenceNumber : undefined;
  if (typeof seq !== 'string' || !SEQUENCE_NUMBER.test(seq)) {
    throw new InvalidEventError(`Records[${index}].kinesis.sequenceNumber: expected a decimal string (the record cannot be reported back without it)`);
  }
  return seq;
}

function checkRecord(record: unknown, index: number, sequenceNumber: string): RecordResult {
  const fail = (problem: string): RecordResult => ({ ok: false, failure: { sequenceNumber, problem: `Records[${index}].${problem}` } });
  if (!isObject(record)) return fail('not an object');
  const reserved = Object.keys(record).find((k) => RESERVED_KEYS.has(k));
  if (reserved) return fail(`key "${reserved}" is reserved`);
  if (record.eventSource !== 'aws:kinesis') return fail('eventSource: expected "aws:kinesis"');
  const kinesis = record.kinesis as Record<string, unknown>;
  const reservedInner = Object.keys(kinesis).find((k) => RESERVED_KEYS.has(k));
  if (reservedInner) return fail(`kinesis: key "${reservedInner}" is reserved`);
  const { partitionKey, data } = kinesis;
  if (typeof partitionKey !== 'string' || partitionKey.length < 1 || partitionKey.length > 256) return fail('kinesis.partitionKey: expected 1-256 characters');
  if (typeof data !== 'string') return fail('kinesis.data: expected a base64 string');
  const parsed = parseData(data);
  if (typeof parsed === 'string') return fail(`kinesis.${parsed}`);
  return { ok: true, record: { sequenceNumber, partitionKey, ...parsed } };
}

/** The event's records, each parsed or with its problem; throws InvalidEventError when the event itself is malformed. */
export function readKinesisEvent(event: unknown): RecordResult[] {
  if (!isObject(event)) throw new InvalidEventError('event: expected an object { Records: [...] } from a Kinesis event source mapping');
  const reserved = Object.keys(event).find((k) => RESERVED_KEYS.has(k));
  if (reserved) throw new InvalidEventError(`event: key "${reserved}" is reserved`);
  if (!Array.isArray(event.Records)) throw new InvalidEventError('event.Records: expected an array (a Kinesis event source mapping invocation)');
  if (event.Records.length > 10_000) throw new InvalidEventError('event.Records: more than 10,000 records (the largest Kinesis batch)');
  const seqs = event.Records.map(sequenceNumberOf);
  if (new Set(seqs).size !== seqs.length) throw new InvalidEventError('event.Records: a sequence number appears twice');
  return event.Records.map((r, i) => checkRecord(r, i, seqs[i]!));
}
