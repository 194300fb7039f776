import { ATTR, toEndpoint, toProfileFields } from '../src/mapping';
import type { EndpointRequestInput } from '../../pinpoint/event';
import type { Profile } from '@aws-sdk/client-customer-profiles';

/** What UpdateProfile does with the fields (the merge the service documents), for pure round trips. */
function apply(profile: Profile, fields: ReturnType<typeof toProfileFields>): Profile {
  const next: Profile = structuredClone(profile);
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string') {
      if (v === '') delete (next as Record<string, unknown>)[k];
      else (next as Record<string, unknown>)[k] = v;
    } else if (v && typeof v === 'object') {
      const merged = { ...((next as Record<string, Record<string, string>>)[k] ?? {}) };
      for (const [mk, mv] of Object.entries(v as Record<string, string>)) {
        if (mv === '') delete merged[mk];
        else merged[mk] = mv;
      }
      (next as Record<string, unknown>)[k] = merged;
    }
  }
  return next;
}

const full: EndpointRequestInput = {
  Address: '+15555550100',
  ChannelType: 'SMS',
  OptOut: 'NONE',
  EndpointStatus: 'ACTIVE',
  EffectiveDate: '2026-01-01T00:00:00.000Z',
  Attributes: { interests: ['music', 'sport'], 'dotted.name': ['x'] },
  Metrics: { score: 1.5, visits: 3 },
  Demographic: { Locale: 'en_US', Platform: 'ios', Timezone: 'Europe/Berlin' },
  Location: { City: 'Berlin', Country: 'DE', PostalCode: '10115', Region: 'BE', Latitude: 52.5, Longitude: 13.4 },
  User: { UserId: 'user-42', UserAttributes: { plan: ['pro'] } },
};

describe('round trip: every Pinpoint field comes back from the profile', () => {
  const cases: Array<[string, EndpointRequestInput]> = [
    ['full SMS endpoint', full],
    ['voice', { ChannelType: 'VOICE', Address: '+15555550101' }],
    ['email', { ChannelType: 'EMAIL', Address: 'user@example.com', OptOut: 'ALL' }],
    ['push (no standard field)', { ChannelType: 'APNS', Address: 'a'.repeat(64) }],
    ['address without a channel', { Address: 'somewhere' }],
    ['a "__proto__" attribute stays data', JSON.parse('{"Attributes":{"__proto__":["kept"]}}') as EndpointRequestInput],
  ];
  test.each(cases)('%s', (_label, request) => {
    const now = new Date('2026-11-30T00:00:00.000Z');
    const profile = apply({ ProfileId: 'p1' }, toProfileFields('ep-1', request, undefined, now));
    const { RequestId: _r, ...expected } = request;
    // OptOut and EndpointStatus default to Pinpoint's values for a new endpoint (NONE, ACTIVE).
    expect(toEndpoint('ep-1', profile)).toEqual({ Id: 'ep-1', EffectiveDate: now.toISOString(), OptOut: 'NONE', EndpointStatus: 'ACTIVE', ...expected });
  });
});

describe('where fields go', () => {
  test('standard fields by channel, the rest under pinpoint.* attributes', () => {
    const fields = toProfileFields('ep-1', full);
    expect(fields).toMatchObject({
      MobilePhoneNumber: '+15555550100',
      AccountNumber: 'user-42',
      Address: { City: 'Berlin', Country: 'DE', PostalCode: '10115', State: 'BE' },
    });
    expect(fields.Attributes).toMatchObject({
      [ATTR.endpointId]: 'ep-1',
      [ATTR.channelType]: 'SMS',
      'pinpoint.Attributes.interests': '["music","sport"]',
      'pinpoint.Metrics.score': '1.5',
      'pinpoint.UserAttributes.plan': '["pro"]',
      'pinpoint.Demographic.Locale': 'en_US',
    });
  });

  test('changing only the channel moves the address and clears the old field', () => {
    const sms = apply({ ProfileId: 'p1' }, toProfileFields('ep-1', { ChannelType: 'SMS', Address: '+15555550100' }));
    const fields = toProfileFields('ep-1', { ChannelType: 'VOICE' }, sms);
    expect(fields).toMatchObject({ PhoneNumber: '+15555550100', MobilePhoneNumber: '' });
    expect(toEndpoint('ep-1', apply(sms, fields))).toMatchObject({ ChannelType: 'VOICE', Address: '+15555550100' });
  });

  test('later updates merge maps by key, as Pinpoint does', () => {
    const first = apply({ ProfileId: 'p1' }, toProfileFields('ep-1', { Attributes: { a: ['1'] }, Metrics: { m: 1 } }));
    const second = apply(first, toProfileFields('ep-1', { Attributes: { b: ['2'] } }, first));
    expect(toEndpoint('ep-1', second)).toMatchObject({ Attributes: { a: ['1'], b: ['2'] }, Metrics: { m: 1 } });
  });
});

describe('values Customer Profiles cannot hold are refused before any call, naming the field', () => {
  test.each([
    ['attribute JSON over 255', { Attributes: { long: Array(3).fill('v'.repeat(100)) } }, /endpoint\.Attributes\.long: must be at most 255 characters/],
    ['user id over 255', { User: { UserId: 'u'.repeat(256) } }, /endpoint\.User\.UserId: must be at most 255/],
    ['address over 255', { ChannelType: 'EMAIL', Address: `${'a'.repeat(250)}@example.com` }, /endpoint\.Address: must be at most 255/],
  ] as Array<[string, EndpointRequestInput, RegExp]>)('%s', (_label, request, message) => {
    expect(() => toProfileFields('ep-1', request)).toThrow(message);
    try {
      toProfileFields('ep-1', request);
    } catch (e) {
      expect((e as Error).name).toBe('InvalidRequestError');
      expect((e as Error).message).not.toContain('vvvv');
    }
  });
});
