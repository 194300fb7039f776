/** The function core against the Customer Profiles emulator, through the real SDK client. */
import {
  CreateProfileCommand,
  GetProfileObjectTypeCommand,
  SearchProfilesCommand,
  type CustomerProfilesClient,
} from '@aws-sdk/client-customer-profiles';
import type { LocalCustomerProfiles } from '../../../../stack/src/services/customer-profiles/local-server';
import { ENDPOINT_KEY, ENDPOINT_OBJECT_TYPE } from '../src/object-type';
import { CUSTOMER_PROFILES_ACTIONS, getEndpoint, updateEndpoint } from '../src/profiles';
import { startEmulator } from './local';

let local: LocalCustomerProfiles;
let client: CustomerProfilesClient;
const noWait = { sleep: async () => undefined };

beforeEach(async () => {
  ({ local, client } = await startEmulator());
});
afterEach(async () => {
  client.destroy();
  await local.close();
});

const profilesOf = async (id: string) =>
  (await client.send(new SearchProfilesCommand({ DomainName: 'crm', KeyName: ENDPOINT_KEY, Values: [id] }))).Items ?? [];

test('get of an unknown endpoint: undefined (not_found), one SearchProfiles, nothing written', async () => {
  await expect(getEndpoint(client, 'crm', 'nobody')).resolves.toBeUndefined();
  expect(local.operations).toEqual(['SearchProfiles']);
});

test('create when absent: the object type is defined once, the service creates the profile, then UpdateProfile', async () => {
  const result = await updateEndpoint(client, 'crm', 'user-42-phone', { ChannelType: 'SMS', Address: '+15555550100', OptOut: 'NONE' }, noWait);
  expect(result).toMatchObject({ created: true, profileId: expect.stringMatching(/^[0-9a-f]{32}$/), requestId: expect.any(String) });
  expect(local.operations).toEqual(['SearchProfiles', 'PutProfileObject', 'PutProfileObjectType', 'PutProfileObject', 'SearchProfiles', 'UpdateProfile']);
  expect((await client.send(new GetProfileObjectTypeCommand({ DomainName: 'crm', ObjectTypeName: ENDPOINT_OBJECT_TYPE }))).AllowProfileCreation).toBe(true);
  await expect(getEndpoint(client, 'crm', 'user-42-phone')).resolves.toEqual({ Id: 'user-42-phone', ChannelType: 'SMS', Address: '+15555550100', OptOut: 'NONE', EndpointStatus: 'ACTIVE', EffectiveDate: expect.any(String) });

  local.operations.length = 0;
  await updateEndpoint(client, 'crm', 'user-43-phone', { ChannelType: 'SMS', Address: '+15555550199' }, noWait);
  expect(local.operations).toEqual(['SearchProfiles', 'PutProfileObject', 'SearchProfiles', 'UpdateProfile']);
});

test('update when present: one SearchProfiles and one UpdateProfile, fields merged into the same profile', async () => {
  const first = await updateEndpoint(client, 'crm', 'ep-1', { ChannelType: 'EMAIL', Address: 'a@example.com', Attributes: { a: ['1'] } }, noWait);
  local.operations.length = 0;
  const second = await updateEndpoint(client, 'crm', 'ep-1', { Attributes: { b: ['2'] }, User: { UserId: 'u-1' } }, noWait);
  expect(second).toMatchObject({ created: false, profileId: first.profileId });
  expect(local.operations).toEqual(['SearchProfiles', 'UpdateProfile']);
  await expect(getEndpoint(client, 'crm', 'ep-1')).resolves.toEqual({
    Id: 'ep-1',
    ChannelType: 'EMAIL',
    Address: 'a@example.com',
    Attributes: { a: ['1'], b: ['2'] },
    User: { UserId: 'u-1' },
    OptOut: 'NONE', // Pinpoint's defaults for a new endpoint
    EndpointStatus: 'ACTIVE',
    EffectiveDate: expect.any(String),
  });
  expect(await profilesOf('ep-1')).toHaveLength(1);
});

test('concurrent updates of one NEW endpoint id create exactly one profile holding every update', async () => {
  const updates = Array.from({ length: 10 }, (_, i) => updateEndpoint(client, 'crm', 'new-id', { Attributes: { [`k${i}`]: [`v${i}`] } }, noWait));
  const results = await Promise.all(updates);
  expect(new Set(results.map((r) => r.profileId)).size).toBe(1);
  expect(await profilesOf('new-id')).toHaveLength(1);
  expect(local.store.getDomain('222222222222', 'eu-west-1', 'crm')?.profiles.size).toBe(1);
  const endpoint = await getEndpoint(client, 'crm', 'new-id');
  expect(Object.keys(endpoint?.Attributes ?? {}).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
});

test('the emulator does not hide the race: search-then-CreateProfile gives duplicates', async () => {
  // The strategy the function avoids, on the same emulator: proves the test above can fail.
  const naive = async () => {
    const found = await client.send(new SearchProfilesCommand({ DomainName: 'crm', KeyName: '_account', Values: ['naive-id'] }));
    if ((found.Items ?? []).length === 0) {
      await client.send(new CreateProfileCommand({ DomainName: 'crm', AccountNumber: 'naive-id' }));
    }
  };
  await Promise.all(Array.from({ length: 5 }, naive));
  const created = [...(local.store.getDomain('222222222222', 'eu-west-1', 'crm')?.profiles.values() ?? [])];
  expect(created.filter((p) => p.fields.AccountNumber === 'naive-id').length).toBeGreaterThan(1);
});

test('a profile that does not appear after its object was put: ProfileNotReadyError after the bounded searches', async () => {
  const sleeps: number[] = [];
  const blind = {
    send: (command: { constructor: { name: string } }) =>
      command.constructor.name === 'SearchProfilesCommand' ? Promise.resolve({ Items: [], $metadata: {} }) : client.send(command as never),
  } as unknown as CustomerProfilesClient;
  const settle = { attempts: 4, delayMs: 10 };
  await expect(updateEndpoint(blind, 'crm', 'slow', { Address: 'x' }, { settle, sleep: async (ms) => void sleeps.push(ms) })).rejects.toMatchObject({
    name: 'ProfileNotReadyError',
  });
  expect(sleeps).toEqual([10, 20, 40]);
});

test('a profile whose first update never completed is not an endpoint yet', async () => {
  const failing = { ...client, send: (command: { constructor: { name: string } }) => {
    if (command.constructor.name === 'UpdateProfileCommand') return Promise.reject(Object.assign(new Error('boom'), { name: 'InternalServerException' }));
    return client.send(command as never);
  } } as unknown as CustomerProfilesClient;
  await expect(updateEndpoint(failing, 'crm', 'half', { Address: 'x' }, noWait)).rejects.toMatchObject({ name: 'InternalServerException', customerProfilesOperation: 'UpdateProfile' });
  expect(await profilesOf('half')).toHaveLength(1);
  await expect(getEndpoint(client, 'crm', 'half')).resolves.toBeUndefined();
});

test('a value Customer Profiles cannot hold: InvalidRequestError before any write', async () => {
  await expect(updateEndpoint(client, 'crm', 'ep-2', { User: { UserId: 'u'.repeat(300) } }, noWait)).rejects.toMatchObject({ name: 'InvalidRequestError' });
  expect(local.operations).toEqual(['SearchProfiles']);
});

test('a missing domain surfaces as ResourceNotFoundException from SearchProfiles', async () => {
  await expect(getEndpoint(client, 'no-such-domain', 'ep')).rejects.toMatchObject({ name: 'ResourceNotFoundException', customerProfilesOperation: 'SearchProfiles' });
});

test('the calls made are exactly the documented actions', async () => {
  await updateEndpoint(client, 'crm', 'ep-3', { Address: 'x' }, noWait);
  await updateEndpoint(client, 'crm', 'ep-3', { Address: 'y' }, noWait);
  await getEndpoint(client, 'crm', 'ep-3');
  const used = new Set(local.operations);
  expect(used.size).toBe(4);
  for (const op of used) expect(CUSTOMER_PROFILES_ACTIONS.updateEndpoint).toContain(`profile:${op}`);
});
