/**
 * The bad-input corpus against the forwarder's handler with counting calls
 * (no stack, well under a second): what the reliability document reports as
 * bad_input for the function URL shape (events, AWS calls, unexpected
 * answers). The unit test asserts the same; forwarder.test.ts runs the corpus
 * on the real bundle on the stack.
 */
import type { GetParametersCommandOutput } from '@aws-sdk/client-ssm';

import { createForwarder } from '../src/forwarder';
import { BAD_EVENTS } from './bad-events';
import { urlEvent } from './deploy';

export interface BadEventOutcome {
  events: number;
  /** AWS calls the corpus caused (after the warm-up request): must be 0 */
  awsCalls: number;
  /** events answered with another status than the corpus expects, or "still serving" when the handler stopped serving */
  unexpected: string[];
}

export async function runBadEvents(): Promise<BadEventOutcome> {
  let calls = 0;
  const counted = <T>(out: T) => async (): Promise<T> => {
    calls += 1;
    return out;
  };
  const parameters: GetParametersCommandOutput = {
    $metadata: {},
    Parameters: [
      { Name: '/fwd/config', Type: 'String', Value: '{"source":"corpus"}' },
      { Name: '/fwd/credential', Type: 'SecureString', Value: 'corpus-credential-0123456789' },
    ],
  };
  const handler = createForwarder({
    target: { name: 'forwarder', roleArn: 'arn:aws:iam::222222222222:role/forwarder-target', region: 'us-east-1' },
    settings: {
      configParameter: '/fwd/config',
      credentialParameter: '/fwd/credential',
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/222222222222/fwd-requests',
      fifo: false,
      tableName: 'fwd-items',
      tableKey: 'id',
      indexName: 'by-status',
      indexKey: 'status',
      configTtlMs: 300_000,
    },
    calls: {
      getParameters: counted(parameters),
      sendMessage: counted({ $metadata: {}, MessageId: 'm-1' }),
      getItem: counted({ $metadata: {}, Item: { id: { S: 'i-1' } } }),
      query: counted({ $metadata: {}, Items: [] }),
    },
    log: () => undefined,
  });
  const unexpected: string[] = [];
  if ((await handler(urlEvent('GET', '/items/i-1'))).statusCode !== 200) unexpected.push('warm-up');
  calls = 0;
  for (const bad of BAD_EVENTS) {
    const r = await handler(bad.event);
    if (r.statusCode !== bad.status) unexpected.push(`${bad.name}: ${r.statusCode} (expected ${bad.status})`);
  }
  const awsCalls = calls;
  if ((await handler(urlEvent('POST', '/items', { body: '{"a":1}' }))).statusCode !== 202) unexpected.push('still serving');
  return { events: BAD_EVENTS.length, awsCalls, unexpected };
}
