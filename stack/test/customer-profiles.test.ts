/**
 * The Customer Profiles emulator through the real @aws-sdk/client-customer-profiles
 * client (its serializers and error parsing), on a loopback server without the
 * gateway; and its route -> IAM mapping evaluated against a least-privilege policy.
 */
import {
  CreateDomainCommand,
  CreateProfileCommand,
  CustomerProfilesClient,
  DeleteDomainCommand,
  GetDomainCommand,
  GetProfileObjectTypeCommand,
  ListDomainsCommand,
  ListTagsForResourceCommand,
  PutProfileObjectCommand,
  PutProfileObjectTypeCommand,
  SearchProfilesCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateProfileCommand,
} from '@aws-sdk/client-customer-profiles';
import { evaluate } from '../src/iam/evaluate';
import { startLocalCustomerProfiles, type LocalCustomerProfiles } from '../src/services/customer-profiles/local-server';
import { customerProfilesAuthorization, matchCustomerProfilesRoute } from '../src/services/customer-profiles/routes';

const ACCOUNT = '222222222222';
const REGION = 'eu-west-1';
let local: LocalCustomerProfiles;
let client: CustomerProfilesClient;

beforeAll(async () => {
  local = await startLocalCustomerProfiles({ account: ACCOUNT, region: REGION });
  client = new CustomerProfilesClient({ region: REGION, endpoint: local.endpoint, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await local.close();
});

const errorName = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { name: string }) => e.name);

describe('domains (what aws_customerprofiles_domain calls)', () => {
  test('create, read with stats, tag, untag, list, delete; then ResourceNotFoundException', async () => {
    const created = await client.send(new CreateDomainCommand({ DomainName: 'tf-domain', DefaultExpirationDays: 365, Tags: { team: 'crm' } }));
    expect(created).toMatchObject({ DomainName: 'tf-domain', DefaultExpirationDays: 365, Tags: { team: 'crm' } });
    expect(created.CreatedAt).toBeInstanceOf(Date);
    expect(await errorName(client.send(new CreateDomainCommand({ DomainName: 'tf-domain', DefaultExpirationDays: 1 })))).toBe('BadRequestException');

    const read = await client.send(new GetDomainCommand({ DomainName: 'tf-domain' }));
    expect(read.Stats).toEqual({ ProfileCount: 0, MeteringProfileCount: 0, ObjectCount: 0, TotalSize: 0 });

    const arn = `arn:aws:profile:${REGION}:${ACCOUNT}:domains/tf-domain`;
    await client.send(new TagResourceCommand({ resourceArn: arn, tags: { env: 'dev' } }));
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ env: 'dev' });
    expect((await client.send(new ListDomainsCommand({}))).Items?.map((d) => d.DomainName)).toContain('tf-domain');

    expect((await client.send(new DeleteDomainCommand({ DomainName: 'tf-domain' }))).Message).toMatch(/deleted/);
    expect(await errorName(client.send(new GetDomainCommand({ DomainName: 'tf-domain' })))).toBe('ResourceNotFoundException');
    expect(await errorName(client.send(new DeleteDomainCommand({ DomainName: 'tf-domain' })))).toBe('ResourceNotFoundException');
  });

  test.each([
    ['expiration out of range', { DomainName: 'd1', DefaultExpirationDays: 0 }],
    ['expiration missing', { DomainName: 'd2' }],
    ['bad domain name', { DomainName: 'a.b', DefaultExpirationDays: 1 }],
  ])('CreateDomain refuses %s with BadRequestException', async (_label, input) => {
    expect(await errorName(client.send(new CreateDomainCommand(input as never)))).toBe('BadRequestException');
  });
});

describe('profiles, object types and objects', () => {
  const DOMAIN = 'profiles-domain';
  beforeAll(async () => {
    await client.send(new CreateDomainCommand({ DomainName: DOMAIN, DefaultExpirationDays: 30 }));
  });

  test('UpdateProfile merges: absent keeps, "" removes, attributes merge by key', async () => {
    const { ProfileId } = await client.send(new CreateProfileCommand({ DomainName: DOMAIN, AccountNumber: 'acct-1', EmailAddress: 'a@example.com', Attributes: { a: '1', b: '2' } }));
    await client.send(new UpdateProfileCommand({ DomainName: DOMAIN, ProfileId, EmailAddress: '', Attributes: { a: '', c: '3' }, Address: { City: 'Berlin' } }));
    const [found] = (await client.send(new SearchProfilesCommand({ DomainName: DOMAIN, KeyName: '_account', Values: ['acct-1'] }))).Items ?? [];
    expect(found).toEqual({ ProfileId, AccountNumber: 'acct-1', Attributes: { b: '2', c: '3' }, Address: { City: 'Berlin' } });
    expect(await errorName(client.send(new UpdateProfileCommand({ DomainName: DOMAIN, ProfileId: 'f'.repeat(32) })))).toBe('ResourceNotFoundException');
    expect(await errorName(client.send(new UpdateProfileCommand({ DomainName: DOMAIN, ProfileId, Attributes: { a: 'x'.repeat(256) } })))).toBe('BadRequestException');
  });

  test('a PROFILE+UNIQUE key: concurrent puts of one new value give one profile and one object', async () => {
    await client.send(
      new PutProfileObjectTypeCommand({
        DomainName: DOMAIN,
        ObjectTypeName: 'Device',
        Description: 'devices',
        AllowProfileCreation: true,
        Fields: { deviceId: { Source: '_source.id', ContentType: 'STRING' }, owner: { Source: '_source.owner', Target: '_profile.FirstName' } },
        Keys: { deviceKey: [{ StandardIdentifiers: ['PROFILE', 'UNIQUE'], FieldNames: ['deviceId'] }] },
      }),
    );
    expect((await client.send(new GetProfileObjectTypeCommand({ DomainName: DOMAIN, ObjectTypeName: 'Device' }))).Keys).toEqual({
      deviceKey: [{ StandardIdentifiers: ['PROFILE', 'UNIQUE'], FieldNames: ['deviceId'] }],
    });
    const put = () => client.send(new PutProfileObjectCommand({ DomainName: DOMAIN, ObjectTypeName: 'Device', Object: JSON.stringify({ id: 'dev-1', owner: 'Ann' }) }));
    const keys = await Promise.all(Array.from({ length: 8 }, put));
    expect(new Set(keys.map((k) => k.ProfileObjectUniqueKey)).size).toBe(1);
    const items = (await client.send(new SearchProfilesCommand({ DomainName: DOMAIN, KeyName: 'deviceKey', Values: ['dev-1'] }))).Items ?? [];
    expect(items).toHaveLength(1);
    expect(items[0]?.FirstName).toBe('Ann');
  });

  test.each([
    ['no UNIQUE key', { deviceKey: [{ StandardIdentifiers: ['PROFILE'], FieldNames: ['deviceId'] }] }],
    ['a key on an undefined field', { deviceKey: [{ StandardIdentifiers: ['PROFILE', 'UNIQUE'], FieldNames: ['nope'] }] }],
  ])('PutProfileObjectType refuses %s', async (_label, Keys) => {
    const input = { DomainName: DOMAIN, ObjectTypeName: 'Bad', Description: 'x', Fields: { deviceId: { Source: '_source.id' } }, Keys };
    expect(await errorName(client.send(new PutProfileObjectTypeCommand(input as never)))).toBe('BadRequestException');
  });

  test('PutProfileObject on a missing object type or domain: ResourceNotFoundException', async () => {
    const input = { DomainName: DOMAIN, ObjectTypeName: 'Missing', Object: '{"id":"x"}' };
    expect(await errorName(client.send(new PutProfileObjectCommand(input)))).toBe('ResourceNotFoundException');
    expect(await errorName(client.send(new PutProfileObjectCommand({ ...input, DomainName: 'no-such-domain' })))).toBe('ResourceNotFoundException');
  });
});

describe('route -> IAM action and resource', () => {
  const P = 'arn:aws:profile:eu-west-1:222222222222:domains';
  const rows: Array<[string, string, Record<string, unknown>, string, string[]]> = [
    ['POST', '/domains/d', {}, 'profile:CreateDomain', [`${P}/d`]],
    ['GET', '/domains/d', {}, 'profile:GetDomain', [`${P}/d`]],
    ['DELETE', '/domains/d', {}, 'profile:DeleteDomain', [`${P}/d`]],
    ['GET', '/domains', {}, 'profile:ListDomains', ['*']],
    ['POST', '/domains/d/profiles/search', {}, 'profile:SearchProfiles', [`${P}/d`]],
    ['POST', '/domains/d/profiles', {}, 'profile:CreateProfile', [`${P}/d`]],
    ['PUT', '/domains/d/profiles', {}, 'profile:UpdateProfile', [`${P}/d`]],
    ['POST', '/domains/d/profiles/delete', {}, 'profile:DeleteProfile', [`${P}/d`]],
    ['PUT', '/domains/d/profiles/objects', { ObjectTypeName: 'T' }, 'profile:PutProfileObject', [`${P}/d`, `${P}/d/object-types/T`]],
    ['PUT', '/domains/d/object-types/T', {}, 'profile:PutProfileObjectType', [`${P}/d`, `${P}/d/object-types/T`]],
    ['GET', `/tags/${encodeURIComponent(`${P}/d`)}`, {}, 'profile:ListTagsForResource', [`${P}/d`]],
  ];
  test.each(rows)('%s %s', (method, path, body, action, resources) => {
    const route = matchCustomerProfilesRoute(method, path);
    expect(route).toBeDefined();
    expect(customerProfilesAuthorization(route!, body, new URLSearchParams(), '222222222222', 'eu-west-1')).toMatchObject({ action, resources });
  });

  test.each([['PATCH', '/domains/d'], ['GET', '/domains/d/profiles/search'], ['POST', '/elsewhere'], ['POST', '/domains/d/profiles/toString'], ['GET', '/domains/d/x/y/z']])('%s %s is not a route', (m, p) => {
    expect(matchCustomerProfilesRoute(m, p)).toBeUndefined();
  });

  // What the target-role `customer_profiles` preset grants for domain "crm" (see the function's README).
  const domain = `${P}/crm`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CustomerProfilesCrm', Effect: 'Allow', Action: ['profile:SearchProfiles', 'profile:UpdateProfile'], Resource: domain },
      { Sid: 'CustomerProfilesCrmObjects', Effect: 'Allow', Action: ['profile:PutProfileObject', 'profile:PutProfileObjectType'], Resource: [domain, `${domain}/object-types/PinpointEndpoint`] },
    ],
  };
  const cases: Array<[string, string, string, Record<string, unknown>, boolean]> = [
    ['search in the domain', 'POST', '/domains/crm/profiles/search', {}, true],
    ['update in the domain', 'PUT', '/domains/crm/profiles', {}, true],
    ['put the endpoint object', 'PUT', '/domains/crm/profiles/objects', { ObjectTypeName: 'PinpointEndpoint' }, true],
    ['define the endpoint object type', 'PUT', '/domains/crm/object-types/PinpointEndpoint', {}, true],
    ['search in another domain', 'POST', '/domains/crm-other/profiles/search', {}, false],
    ['put another object type', 'PUT', '/domains/crm/profiles/objects', { ObjectTypeName: 'Other' }, false],
    ['DeleteProfile', 'POST', '/domains/crm/profiles/delete', {}, false],
    ['DeleteDomain', 'DELETE', '/domains/crm', {}, false],
    ['ListDomains', 'GET', '/domains', {}, false],
    ['CreateProfile', 'POST', '/domains/crm/profiles', {}, false],
  ];
  test.each(cases)('%s (%s %s)', async (_label, method, path, body, allowed) => {
    const auth = customerProfilesAuthorization(matchCustomerProfilesRoute(method, path)!, body, new URLSearchParams(), ACCOUNT, REGION);
    const results = await Promise.all(
      auth.resources.map((resource) =>
        evaluate({ principal: `arn:aws:sts::${ACCOUNT}:assumed-role/fn/s`, action: auth.action, resource, resourceAccount: ACCOUNT, identityPolicies: [{ name: 'p', policy }], context: auth.context }),
      ),
    );
    expect(results.every((r) => r.allowed)).toBe(allowed);
  });
});
