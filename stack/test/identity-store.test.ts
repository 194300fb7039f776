/**
 * A session the stack issues itself is known to the gateway from its first
 * request: no lookup in moto (which this store cannot reach here), the
 * identity IAM conditions see (aws:PrincipalArn with the role's path,
 * aws:userid = RoleId:SessionName). invalidate() forgets it like any other.
 */
import { createClock } from '../src/clock';
import { CredentialRegistry } from '../src/gateway/credential-registry';
import { IdentityStore } from '../src/iam/identity-store';

const UNREACHABLE_MOTO = 'http://127.0.0.1:9';

const role = { arn: 'arn:aws:iam::222222222222:role/team/publisher', id: 'AROAEXAMPLEROLEID0001', name: 'publisher', account: '222222222222', maxSessionDuration: 3600 };
const session = { arn: 'arn:aws:sts::222222222222:assumed-role/publisher/fn-session', assumedRoleId: 'AROAEXAMPLEROLEID0001:fn-session' };

test('a remembered session resolves without moto, as IAM conditions expect it', async () => {
  const store = new IdentityStore(UNREACHABLE_MOTO, new CredentialRegistry(createClock()));
  store.rememberSession('ASIAEXAMPLESESSION01', role, session);
  await expect(store.identity('ASIAEXAMPLESESSION01')).resolves.toEqual({
    accessKeyId: 'ASIAEXAMPLESESSION01',
    account: '222222222222',
    arn: session.arn,
    principalArn: role.arn,
    kind: 'role',
    name: 'publisher',
    userId: session.assumedRoleId,
  });
});

test('invalidate() forgets it: the next request asks moto', async () => {
  const store = new IdentityStore(UNREACHABLE_MOTO, new CredentialRegistry(createClock()));
  store.rememberSession('ASIAEXAMPLESESSION02', role, session);
  store.invalidate();
  await expect(store.identity('ASIAEXAMPLESESSION02')).rejects.toThrow();
});
