/**
 * The runtime under fan-out, for the AssumeRole counts: every target of
 * CROSS_ACCOUNT_TARGETS gets BENCH_CLIENTS_PER_TARGET Pinpoint clients (distinct
 * configurations, so distinct instances), and every invocation reads the
 * endpoint through each client of each target. The runtime promises one
 * AssumeRole per target per session lifetime however many clients share it.
 */
import { GetEndpointCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { targets } from '../../lambda/src/index';
import type { BaselineEvent } from './target-config';

const perTarget = Number(process.env.BENCH_CLIENTS_PER_TARGET ?? '5');
const readers = [...targets().values()].flatMap((t) =>
  Array.from({ length: perTarget }, (_, i) => ({
    appId: t.setting('pinpointAppId'),
    client: t.client(PinpointClient, { customUserAgent: `bench-fanout-${i}` }),
  })),
);

export async function handler(event: BaselineEvent): Promise<Record<string, unknown>> {
  const reads = await Promise.all(readers.map((r) => r.client.send(new GetEndpointCommand({ ApplicationId: r.appId, EndpointId: event.endpointId }))));
  return { status: 'ok', operation: 'getEndpoint', clients: reads.length };
}
