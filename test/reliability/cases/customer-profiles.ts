/** Amazon Connect Customer Profiles: the shipped function's switch off Pinpoint. */
import { CreateDomainCommand, CreateProfileCommand, CustomerProfilesClient, SearchProfilesCommand } from '@aws-sdk/client-customer-profiles';
import { defineService } from './service-types';

interface Fixture {
  domain: string;
  email: string;
}

export const customerProfilesService = defineService<Fixture>({
  service: 'customer-profiles',
  label: 'Customer Profiles',
  signingName: 'profile',
  actions: ['profile:SearchProfiles', 'profile:CreateProfile'],
  async setup({ clientConfig, prefix }) {
    const cp = new CustomerProfilesClient(clientConfig);
    const fixture = { domain: `${prefix}-domain`, email: `${prefix}@example.com` };
    await cp.send(new CreateDomainCommand({ DomainName: fixture.domain, DefaultExpirationDays: 30 }));
    await cp.send(new CreateProfileCommand({ DomainName: fixture.domain, EmailAddress: fixture.email, FirstName: 'Seed' }));
    return fixture;
  },
  operations: [
    {
      name: 'SearchProfiles',
      call: async (t, f) =>
        (await t.client(CustomerProfilesClient).send(new SearchProfilesCommand({ DomainName: f.domain, KeyName: '_email', Values: [f.email] }))).Items?.length,
      check: (found) => (found === 1 ? undefined : `${String(found)} profiles found, expected 1`),
    },
    {
      name: 'CreateProfile',
      call: async (t, f) =>
        (await t.client(CustomerProfilesClient).send(new CreateProfileCommand({ DomainName: f.domain, FirstName: 'Written' }))).ProfileId,
      check: (id) => (typeof id === 'string' && id.length > 0 ? undefined : 'no ProfileId'),
    },
  ],
});
