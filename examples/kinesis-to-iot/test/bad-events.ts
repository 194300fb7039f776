/**
 * Malformed Kinesis event source invocations (issue 17's bad-input corpus for
 * the Kinesis function shape). Each row says what the function must do:
 *   'InvalidEventError'  the event itself is not a Kinesis batch it can answer for: a typed error, nothing sent;
 *   'all-records-failed' every record is reported in batchItemFailures (Lambda retries it a bounded number of
 *                        times, then its batch goes to the on-failure queue), nothing sent.
 * In both cases no AWS call is made, and the process keeps serving.
 */
export interface BadKinesisEvent {
  name: string;
  event: unknown;
  expect: 'InvalidEventError' | 'all-records-failed';
}

const STREAM = 'arn:aws:kinesis:us-east-1:111111111111:stream/k2iot';
let seq = 49_600_000_000_000_000_000_000_000_000_000_000_000_000_000n;
const nextSeq = (): string => String(seq++);

/** A well-formed Kinesis record around `data` (base64 given) with overrides. */
function record(data: string, over: Record<string, unknown> = {}, kinesisOver: Record<string, unknown> = {}): Record<string, unknown> {
  const sequenceNumber = nextSeq();
  return {
    kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'dev-1', sequenceNumber, data, approximateArrivalTimestamp: 1_700_000_000, ...kinesisOver },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::111111111111:role/k2iot-fn',
    awsRegion: 'us-east-1',
    eventSourceARN: STREAM,
    ...over,
  };
}
const b64 = (data: string | Buffer): string => Buffer.from(data).toString('base64');
const one = (r: unknown): { Records: unknown[] } => ({ Records: [r] });
const nested = (depth: number, open: string, close: string, inner = '1'): string => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

const recordFailures: [string, () => unknown][] = [
  // invalid base64
  ['data: not base64 (punctuation)', () => one(record('!!!not-base64!!!'))],
  ['data: base64 with a bad length', () => one(record('YWJ'))],
  ['data: base64 with misplaced padding', () => one(record('YW=j'))],
  ['data: only padding', () => one(record('===='))],
  ['data: base64 with whitespace', () => one(record('eyJh IjoxfQ=='))],
  ['data: base64url alphabet', () => one(record('eyJhIjoi-_8ifQ'))],
  ['data: non-ASCII characters', () => one(record('ëyJhIjoxfQ=='))],
  ['data: empty string', () => one(record(''))],
  // not UTF-8
  ['data: invalid UTF-8 lead byte 0xff', () => one(record(b64(Buffer.from([0x7b, 0xff, 0x7d]))))],
  ['data: overlong UTF-8 encoding', () => one(record(b64(Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d]))))],
  ['data: UTF-16 surrogate encoded in UTF-8', () => one(record(b64(Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]))))],
  ['data: truncated UTF-8 sequence', () => one(record(b64(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82]))))],
  ['data: UTF-16LE text', () => one(record(b64(Buffer.from('{"a":1}', 'utf16le'))))],
  ['data: Latin-1 text', () => one(record(b64(Buffer.from('{"a":"caf\xe9"}', 'latin1'))))],
  // not JSON, or not an object
  ['data: plain text', () => one(record(b64('hello world')))],
  ['data: truncated JSON', () => one(record(b64('{"a":')))],
  ['data: single-quoted JSON', () => one(record(b64("{'a':1}")))],
  ['data: JSON with a trailing comma', () => one(record(b64('{"a":1,}')))],
  ['data: NaN literal', () => one(record(b64('{"a":NaN}')))],
  ['data: JSON array', () => one(record(b64('[1,2,3]')))],
  ['data: JSON number', () => one(record(b64('42')))],
  ['data: JSON string', () => one(record(b64('"text"')))],
  ['data: JSON null', () => one(record(b64('null')))],
  ['data: JSON true', () => one(record(b64('true')))],
  ['data: two JSON documents', () => one(record(b64('{"a":1}{"b":2}')))],
  // prototype pollution in the payload
  ['data: __proto__ at the top', () => one(record(b64('{"__proto__":{"polluted":true}}')))],
  ['data: constructor at the top', () => one(record(b64('{"constructor":{"prototype":{"polluted":true}}}')))],
  ['data: prototype at the top', () => one(record(b64('{"prototype":1}')))],
  ['data: __proto__ nested', () => one(record(b64('{"a":{"b":{"__proto__":{"x":1}}}}')))],
  ['data: __proto__ inside an array', () => one(record(b64('{"a":[{"__proto__":null}]}')))],
  ['data: constructor nested deeply', () => one(record(b64(`{"a":${nested(10, '{"b":', '}', '{"constructor":1}')}}`)))],
  // deeply nested
  ['data: objects nested 33 deep', () => one(record(b64(nested(33, '{"a":', '}'))))],
  ['data: arrays nested 100 deep', () => one(record(b64(`{"a":${nested(100, '[', ']')}}`)))],
  ['data: arrays nested 100,000 deep', () => one(record(b64(`{"a":${nested(100_000, '[', ']')}}`)))],
  ['data: unbalanced nesting 50,000 deep', () => one(record(b64(`{"a":${'['.repeat(50_000)}`)))],
  // oversized
  ['data: just over IoT\'s 128 KB payload limit', () => one(record(b64(JSON.stringify({ pad: 'x'.repeat(128 * 1024) }))))],
  ['data: 1 MiB', () => one(record(b64(JSON.stringify({ pad: 'y'.repeat(1024 * 1024) }))))],
  // partition key (the topic key) unusable
  ['partitionKey: empty', () => one(record(b64('{"a":1}'), {}, { partitionKey: '' }))],
  ['partitionKey: 257 characters', () => one(record(b64('{"a":1}'), {}, { partitionKey: 'k'.repeat(257) }))],
  ['partitionKey: a number', () => one(record(b64('{"a":1}'), {}, { partitionKey: 7 }))],
  ['partitionKey: missing', () => one(record(b64('{"a":1}'), {}, { partitionKey: undefined }))],
  ['partitionKey: a slash (a second topic level)', () => one(record(b64('{"a":1}'), {}, { partitionKey: 'a/b' }))],
  ['partitionKey: MQTT wildcard #', () => one(record(b64('{"a":1}'), {}, { partitionKey: '#' }))],
  ['partitionKey: MQTT wildcard +', () => one(record(b64('{"a":1}'), {}, { partitionKey: 'dev+1' }))],
  ['partitionKey: traversal', () => one(record(b64('{"a":1}'), {}, { partitionKey: '../other' }))],
  ['partitionKey: non-ASCII', () => one(record(b64('{"a":1}'), {}, { partitionKey: 'gerät-1' }))],
  ['partitionKey: control character', () => one(record(b64('{"a":1}'), {}, { partitionKey: 'dev\u00001' }))],
  // data of the wrong type
  ['data: a number', () => one(record(b64('x'), {}, { data: 12 }))],
  ['data: null', () => one(record(b64('x'), {}, { data: null }))],
  ['data: an object', () => one(record(b64('x'), {}, { data: { a: 1 } }))],
  ['data: missing', () => one(record(b64('x'), {}, { data: undefined }))],
  // wrong event source on a record that has a sequence number
  ['eventSource: aws:dynamodb', () => one(record(b64('{"a":1}'), { eventSource: 'aws:dynamodb' }))],
  ['eventSource: aws:sqs', () => one(record(b64('{"a":1}'), { eventSource: 'aws:sqs' }))],
  ['eventSource: missing', () => one(record(b64('{"a":1}'), { eventSource: undefined }))],
  // prototype pollution in the envelope
  ['record: __proto__ key', () => one(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(record(b64('{"a":1}'))).slice(1)}`))],
  ['record: constructor key', () => one(record(b64('{"a":1}'), { constructor: { prototype: {} } }))],
  ['record.kinesis: __proto__ key', () => {
    const r = record(b64('{"a":1}'));
    return one({ ...r, kinesis: JSON.parse(`{"__proto__":{"partitionKey":"x"},${JSON.stringify(r.kinesis).slice(1)}`) });
  }],
  // several bad records in one event: each reported
  ['three bad records in one batch', () => ({ Records: [record('%%%'), record(b64('[]')), record(b64(Buffer.from([0xfe])))] })],
];

const eventErrors: [string, () => unknown][] = [
  ['event: null', () => null],
  ['event: a string', () => 'Records'],
  ['event: a number', () => 42],
  ['event: an array of records', () => [record(b64('{"a":1}'))]],
  ['event: empty object', () => ({})],
  ['event: Records null', () => ({ Records: null })],
  ['event: Records an object', () => ({ Records: { 0: record(b64('{"a":1}')) } })],
  ['event: Records a string', () => ({ Records: 'x' })],
  ['event: __proto__ key', () => JSON.parse('{"__proto__":{"Records":[]},"Records":[]}')],
  ['event: constructor key', () => ({ constructor: { name: 'x' }, Records: [] })],
  ['event: prototype key', () => ({ prototype: {}, Records: [] })],
  ['event: more than 10,000 records', () => ({ Records: Array.from({ length: 10_001 }, () => ({ kinesis: { sequenceNumber: '1' } })) })],
  ['record: null', () => ({ Records: [null] })],
  ['record: a string', () => ({ Records: ['x'] })],
  ['record: no kinesis object', () => ({ Records: [{ eventSource: 'aws:kinesis' }] })],
  ['record: sequenceNumber a number', () => one(record(b64('{"a":1}'), {}, { sequenceNumber: 12345 }))],
  ['record: sequenceNumber not digits', () => one(record(b64('{"a":1}'), {}, { sequenceNumber: '12ab' }))],
  ['record: sequenceNumber empty', () => one(record(b64('{"a":1}'), {}, { sequenceNumber: '' }))],
  ['record: sequenceNumber 200 digits', () => one(record(b64('{"a":1}'), {}, { sequenceNumber: '9'.repeat(200) }))],
  ['record: the same sequence number twice', () => {
    const r = record(b64('{"a":1}'));
    return { Records: [r, r] };
  }],
  ['shape: SQS event', () => ({ Records: [{ messageId: '1', receiptHandle: 'x', body: '{}', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:111111111111:q' }] })],
  ['shape: S3 event', () => ({ Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'b' }, object: { key: 'k' } } }] })],
  ['shape: SNS event', () => ({ Records: [{ EventSource: 'aws:sns', Sns: { Message: '{}' } }] })],
  ['shape: DynamoDB stream event', () => ({ Records: [{ eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: '1', Keys: {} } }] })],
  ['shape: Firehose transformation event', () => ({ invocationId: 'x', records: [{ recordId: '1', data: b64('{}') }] })],
  ['shape: EventBridge event', () => ({ 'detail-type': 'x', source: 'aws.events', detail: {} })],
  ['shape: API Gateway HTTP event', () => ({ version: '2.0', routeKey: 'POST /', rawPath: '/', body: '{}' })],
  ['shape: Kinesis record without the Records wrapper', () => record(b64('{"a":1}'))],
  ['shape: Pinpoint endpoint event', () => ({ operation: 'getEndpoint', endpointId: 'x' })],
];

export const badKinesisEvents: BadKinesisEvent[] = [
  ...recordFailures.map(([name, make]) => ({ name, event: make(), expect: 'all-records-failed' as const })),
  ...eventErrors.map(([name, make]) => ({ name, event: make(), expect: 'InvalidEventError' as const })),
];

/** The sequence numbers a per-record row must report. */
export function sequenceNumbersOf(event: unknown): string[] {
  return ((event as { Records: { kinesis: { sequenceNumber: string } }[] }).Records ?? []).map((r) => r.kinesis.sequenceNumber);
}
