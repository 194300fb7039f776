import { CHANNEL_TYPES, MAX_EVENT_BYTES } from '../../functions/pinpoint/event';
import { ONE_TARGET, coldStart, context, flush, setEnv } from '../helpers';

const ok = { ChannelType: 'SMS', Address: '+15555550100' };
const attrs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, ['v']]));
const upd = (endpoint: unknown) => ({ operation: 'updateEndpoint', endpointId: 'user-1', endpoint });

const cases: Array<[string, unknown, RegExp]> = [
  ['not an object', 'hello', /event: the event must be a JSON object/],
  ['null', null, /event: the event must be a JSON object/],
  ['unknown operation', { operation: 'deleteEndpoint', endpointId: 'a' }, /operation: must be "getEndpoint" or "updateEndpoint"/],
  ['missing endpointId', { operation: 'getEndpoint' }, /endpointId: is required/],
  ['endpointId not a string', { operation: 'getEndpoint', endpointId: 42 }, /endpointId: must be a string/],
  ['empty endpointId', { operation: 'getEndpoint', endpointId: '' }, /endpointId: must not be empty/],
  ['endpointId too long', { operation: 'getEndpoint', endpointId: 'a'.repeat(129) }, /endpointId: must be at most 128/],
  ...['a/b', '../x', 'a%2Fb', 'a b', 'a\tb', 'a\u0000b', '$x', '{x}', 'a?b', 'a#b', 'é'].map(
    (id): [string, unknown, RegExp] => [`endpointId ${JSON.stringify(id)}`, { operation: 'getEndpoint', endpointId: id }, /endpointId: may contain only/],
  ),
  ['endpointId with ..', { operation: 'getEndpoint', endpointId: 'a..b' }, /endpointId: must not contain "\.\."/],
  ['endpointId "." (a path segment the signer drops)', { operation: 'getEndpoint', endpointId: '.' }, /endpointId: must not be "\."/],
  [
    'a misplaced attribute map: key names are counted, not echoed',
    upd({ ...ok, favourite_colour: ['teal'], loyalty_tier: ['gold'] }),
    /^Invalid request: endpoint: has 2 unknown keys \(not part of the event contract\)$/,
  ],
  ['bad target name', { operation: 'getEndpoint', endpointId: 'a', target: 'eu marketing' }, /target: must match/],
  // Lambda hands the handler JSON.parse(payload): a "__proto__" key arrives as data. It used to vanish in parsing
  // (validation passed, UpdateEndpoint went out without it, the function answered ok); now it is rejected by name.
  ...(
    [
      ['Attributes', '{"Attributes": {"__proto__": ["x"]}}', 'endpoint.Attributes', '__proto__'],
      ['Metrics', '{"Metrics": {"__proto__": 1}}', 'endpoint.Metrics', '__proto__'],
      ['User.UserAttributes', '{"User": {"UserAttributes": {"__proto__": ["x"]}}}', 'endpoint.User.UserAttributes', '__proto__'],
      ['Attributes (constructor)', '{"Attributes": {"constructor": ["x"]}}', 'endpoint.Attributes', 'constructor'],
      ['Metrics (prototype)', '{"Metrics": {"prototype": 2}}', 'endpoint.Metrics', 'prototype'],
    ] as const
  ).map(([where, json, path, key]): [string, unknown, RegExp] => [
    `reserved key "${key}" in ${where}`,
    upd(JSON.parse(json)),
    new RegExp(`^Invalid request: ${path.replace(/\./g, '\\.')}: key "${key}" is reserved`),
  ]),
  ['unknown top-level key', { operation: 'getEndpoint', endpointId: 'a', extra: 1 }, /^Invalid request: event: has 1 unknown key \(not part of the event contract\)$/],
  ['endpoint on getEndpoint', { operation: 'getEndpoint', endpointId: 'a', endpoint: ok }, /event: has 1 unknown key/],
  ['missing endpoint', { operation: 'updateEndpoint', endpointId: 'a' }, /endpoint: is required/],
  ['endpoint not an object', upd('x'), /endpoint: must be an object/],
  ['unknown endpoint key', upd({ ...ok, Adress: 'x' }), /endpoint: has 1 unknown key/],
  ['bad ChannelType', upd({ ChannelType: 'FAX' }), /endpoint.ChannelType: must be one of ADM/],
  ['bad OptOut', upd({ OptOut: 'SOME' }), /endpoint.OptOut: must be ALL or NONE/],
  ['bad EndpointStatus', upd({ EndpointStatus: 'on' }), /endpoint.EndpointStatus: must be ACTIVE or INACTIVE/],
  ['bad EffectiveDate', upd({ EffectiveDate: 'yesterday' }), /endpoint.EffectiveDate: must be an ISO 8601/],
  ['attribute name too long', upd({ Attributes: { ['n'.repeat(51)]: ['v'] } }), /endpoint.Attributes.n+: attribute names must be at most 50/],
  ['attribute value too long', upd({ Attributes: { a: ['v'.repeat(101)] } }), /endpoint.Attributes.a\[0\]: attribute values must be at most 100/],
  ['too many values', upd({ Attributes: { a: Array(51).fill('v') } }), /endpoint.Attributes.a: at most 50 values per attribute/],
  ['attribute values not strings', upd({ Attributes: { a: [1] } }), /endpoint.Attributes.a\[0\]: attribute values must be strings/],
  ['user attribute value too long', upd({ User: { UserAttributes: { a: ['v'.repeat(101)] } } }), /endpoint.User.UserAttributes.a\[0\]/],
  ['unknown User key', upd({ User: { Id: 'x' } }), /endpoint.User: has 1 unknown key/],
  ['metric not a number', upd({ Metrics: { m: '1' } }), /endpoint.Metrics.m: metric values must be finite numbers/],
  ['latitude out of range', upd({ Location: { Latitude: 91 } }), /endpoint.Location.Latitude: must be -90..90/],
  ['longitude out of range', upd({ Location: { Longitude: -181 } }), /endpoint.Location.Longitude: must be -180..180/],
  ['unknown Demographic key', upd({ Demographic: { OS: 'x' } }), /endpoint.Demographic: has 1 unknown key/],
  ['too many attributes in one map', upd({ Attributes: attrs(251) }), /endpoint.Attributes: at most 250 attributes/],
  [
    'too many custom attributes across maps',
    upd({ Attributes: attrs(200), User: { UserAttributes: attrs(60) } }),
    /endpoint: at most 250 custom attributes across/,
  ],
  ['free text too long', upd({ Demographic: { Make: 'm'.repeat(1025) } }), /endpoint.Demographic.Make: must be at most 1024/],
  ['event too large', upd({ Address: 'x'.repeat(MAX_EVENT_BYTES) }), /event: must be at most 16384 bytes/],
];

describe('every validation rule rejects locally with the field and the rule, and makes no AWS call', () => {
  let env: ReturnType<typeof coldStart>;
  let handler: (e: unknown, c: ReturnType<typeof context>) => Promise<unknown>;
  beforeAll(async () => {
    setEnv(ONE_TARGET);
    env = coldStart();
    handler = env.load().handler;
    await flush();
  });

  test.each(cases)('%s', async (_label, event, message) => {
    const stsBefore = env.stsMock.calls().length;
    const error = (await handler(event, context()).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidRequestError');
    expect(error.message).toMatch(message);
    expect(env.pinpointMock.calls()).toHaveLength(0);
    expect(env.stsMock.calls().length).toBe(stsBefore);
  });

  test('a full valid EndpointRequest passes', async () => {
    env.pinpointMock.on(env.pinpoint.UpdateEndpointCommand).resolves({ MessageBody: { RequestID: 'r' } });
    const endpoint = {
      Address: 'user@example.com',
      Attributes: attrs(100),
      ChannelType: 'EMAIL',
      Demographic: { AppVersion: '1', Locale: 'en_US', Make: 'x', Model: 'y', ModelVersion: '2', Platform: 'ios', PlatformVersion: '17', Timezone: 'Europe/Berlin' },
      EffectiveDate: '2026-01-01T00:00:00.000Z',
      EndpointStatus: 'ACTIVE',
      Location: { City: 'Berlin', Country: 'DE', Latitude: 52.5, Longitude: 13.4, PostalCode: '10115', Region: 'BE' },
      Metrics: { score: 1.5 },
      OptOut: 'ALL',
      RequestId: 'req',
      User: { UserAttributes: { plan: ['pro'] }, UserId: 'user-42' },
    };
    await expect(handler({ operation: 'updateEndpoint', endpointId: 'user-42.email@example.com', endpoint }, context())).resolves.toMatchObject({ status: 'ok' });
    env.pinpointMock.reset();
  });

  test('the ChannelType enum matches the SDK', () => {
    expect([...CHANNEL_TYPES].sort()).toEqual(Object.values(env.pinpoint.ChannelType).sort());
  });
});
