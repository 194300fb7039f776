/**
 * Kinesis Data Streams (JSON protocol, `Kinesis_20131202.*`). Resource: the
 * stream named by StreamName / StreamARN, the consumer by ConsumerARN, or,
 * for GetRecords, the stream inside moto's shard iterator
 * (base64 `stream:shard:sequence`); `*` for ListStreams / DescribeLimits.
 */
import { errorShape } from './errors';
import { fallbackName, field, targetOperation } from './protocol';
import type { ServicePlugin } from './types';

function streamOfIterator(iterator: string | undefined): string | undefined {
  if (!iterator) return undefined;
  const decoded = Buffer.from(iterator, 'base64').toString('utf8');
  return /^([\w.-]+):shardId-/.exec(decoded)?.[1];
}

export const kinesis: ServicePlugin = {
  name: 'kinesis',
  signingNames: ['kinesis'],
  terraformEndpoint: 'kinesis',
  errors: errorShape('json', { accessDenied: { status: 400, code: 'AccessDeniedException' } }),
  operationName: (request) => targetOperation(request) ?? fallbackName(request),
  parse(request, caller) {
    const name = targetOperation(request);
    if (!name) return undefined;
    const streamName = field(request, 'StreamName') ?? streamOfIterator(field(request, 'ShardIterator'));
    const resource =
      field(request, 'ConsumerARN') ??
      field(request, 'StreamARN') ??
      field(request, 'ResourceARN') ??
      (streamName ? `arn:aws:kinesis:${request.region}:${caller.account}:stream/${streamName}` : '*');
    return { name, authorizations: [{ action: `kinesis:${name}`, resource }] };
  },
};
