/**
 * Contract parity: the SAME events through the Pinpoint function's handler
 * (lambda/functions/pinpoint, its Pinpoint client answered by the stack's Pinpoint endpoint
 * store, which models UpdateEndpoint's merge) and through this function's
 * handler on the Customer Profiles emulator give the same results: same
 * statuses and result keys, same endpoint fields, same validation errors for
 * the whole shared bad-input corpus (test/reliability/corpus).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { CustomerProfilesClient } from '@aws-sdk/client-customer-profiles';
import type { LocalCustomerProfiles } from '../../../../stack/src/services/customer-profiles/local-server';
import { PinpointStore } from '../../../../stack/src/services/pinpoint/store';
import { loadCorpus } from '../../../../test/reliability/corpus';
import { APP_EU, ONE_TARGET, awsError, coldStart, context, flush, setEnv } from '../../../test/helpers';
import { createHandler, type Handler } from '../src/handler';
import { customerProfilesTargets } from '../src/targets';
import { localTarget, startEmulator } from './local';

const TARGET = 'eu-marketing';
let local: LocalCustomerProfiles;
let client: CustomerProfilesClient;
let pinpointHandler: Handler;
let cpHandler: Handler;
let pinpointCalls: () => number;

beforeAll(async () => {
  ({ local, client } = await startEmulator(['crm']));
  setEnv(ONE_TARGET);
  const env = coldStart();
  const store = new PinpointStore();
  const app = store.createApp('222222222222', 'eu-west-1', 'parity');
  env.pinpointMock
    .on(env.pinpoint.UpdateEndpointCommand)
    .callsFake((input: { EndpointId: string; EndpointRequest: Record<string, unknown> }) => {
      store.upsertEndpoint(app, input.EndpointId, input.EndpointRequest, 'pp-request');
      return { MessageBody: { Message: 'Accepted', RequestID: 'pp-request' } };
    })
    .on(env.pinpoint.GetEndpointCommand)
    .callsFake((input: { ApplicationId: string; EndpointId: string }) => {
      expect(input.ApplicationId).toBe(APP_EU);
      const endpoint = store.getEndpoint(app, input.EndpointId);
      if (!endpoint) throw awsError('NotFoundException', 404, 'Resource not found');
      return { EndpointResponse: endpoint };
    });
  pinpointCalls = () => env.pinpointMock.calls().length;
  pinpointHandler = env.load().handler as Handler;
  await flush();
  const targets = customerProfilesTargets(new Map([[TARGET, localTarget(client, TARGET, { customerProfilesDomain: 'crm' })]]));
  cpHandler = createHandler({ targets, logger: new Logger({ logLevel: 'SILENT' }), options: { sleep: async () => undefined } });
});
afterAll(async () => {
  client.destroy();
  await local.close();
});

/** Pinpoint's response-only fields and its empty defaults have no place in the contract comparison. */
function contractView(value: unknown): unknown {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (['ApplicationId', 'CohortId', 'CreationDate', 'RequestId', 'requestId'].includes(k)) continue;
    // Both default EffectiveDate to the time of the update: compare "recent", not the millisecond.
    if (k === 'EffectiveDate' && typeof v === 'string' && Math.abs(Date.parse(v) - Date.now()) < 60_000) {
      out[k] = 'the time of the update';
      continue;
    }
    const view = contractView(v);
    if (typeof view === 'object' && view !== null && !Array.isArray(view) && Object.keys(view).length === 0) continue;
    out[k] = view;
  }
  return out;
}

const outcome = (p: Promise<unknown>) => p.then((result) => ({ result }), (e: Error) => ({ error: { name: e.name, message: e.message } }));

const SMS = { ChannelType: 'SMS', Address: '+15555550100', OptOut: 'NONE', EndpointStatus: 'ACTIVE', EffectiveDate: '2026-11-01T00:00:00.000Z' };
const sequence: Array<[string, unknown]> = [
  ['get before any update', { operation: 'getEndpoint', target: TARGET, endpointId: 'user-42-phone' }],
  ['first update (the Pinpoint tests\' SMS endpoint)', { operation: 'updateEndpoint', target: TARGET, endpointId: 'user-42-phone', endpoint: SMS }],
  ['get after the update, target omitted', { operation: 'getEndpoint', endpointId: 'user-42-phone' }],
  [
    'update with every map',
    {
      operation: 'updateEndpoint',
      endpointId: 'user-42-phone',
      endpoint: {
        Attributes: { interests: ['music', 'sport'] },
        Metrics: { score: 1.5 },
        Demographic: { Locale: 'en_US', Timezone: 'Europe/Berlin' },
        Location: { City: 'Berlin', Country: 'DE', Latitude: 52.5, Longitude: 13.4 },
        User: { UserId: 'user-42', UserAttributes: { plan: ['pro'] } },
      },
    },
  ],
  ['merge: another attribute, channel changed without address', { operation: 'updateEndpoint', endpointId: 'user-42-phone', endpoint: { Attributes: { tier: ['gold'] }, ChannelType: 'VOICE', OptOut: 'ALL' } }],
  ['get after merges', { operation: 'getEndpoint', target: TARGET, endpointId: 'user-42-phone' }],
  ['get of another id', { operation: 'getEndpoint', target: TARGET, endpointId: 'nobody' }],
  ['unknown target', { operation: 'getEndpoint', target: 'us-sales', endpointId: 'user-42-phone' }],
];

describe('the same event sequence gives the same results', () => {
  test.each(sequence)('%s', async (_label, event) => {
    const [pinpoint, cp] = [await outcome(pinpointHandler(event, context())), await outcome(cpHandler(event, context()))];
    expect(Object.keys(cp).sort()).toEqual(Object.keys(pinpoint).sort());
    if ('result' in pinpoint && 'result' in cp) {
      expect(Object.keys(cp.result as object).sort()).toEqual(Object.keys(pinpoint.result as object).sort());
      expect(contractView(cp.result)).toEqual(contractView(pinpoint.result));
    } else {
      expect(cp).toEqual(pinpoint);
    }
  });
});

describe('the shared bad-input corpus: same InvalidRequestError, and no call to either service', () => {
  const corpus = loadCorpus(TARGET);
  test.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const [pinpointBefore, cpBefore] = [pinpointCalls(), local.operations.length];
    const cp = await outcome(cpHandler(c.event, context()));
    const pinpoint = await outcome(pinpointHandler(c.event, context()));
    expect(cp).toEqual(pinpoint);
    expect('error' in cp && cp.error.name).toBe('InvalidRequestError');
    expect('error' in cp && cp.error.message).toContain(c.expectField);
    // Parity is the claim here: the same error as the Pinpoint handler, naming the same field. Whether
    // that message matches the corpus's rule (c.expectRule) is the reliability suite's check on the bundle.
    expect([pinpointCalls(), local.operations.length]).toEqual([pinpointBefore, cpBefore]);
  });
});
