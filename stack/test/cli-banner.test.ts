/** What `make stack` prints: export lines per account and a provider block naming every Terraform endpoint. */
import { banner } from '../src/cli-banner';
import { PLUGINS } from '../src/services/registry';

const ENDPOINT = 'http://127.0.0.1:4566';
const accounts = ['111111111111', '222222222222'].map((id, i) => ({
  label: `a${i}`,
  id,
  credentials: { accessKeyId: `ASIA${id}`, secretAccessKey: `secret-${id}`, sessionToken: `token-${id}`, expiration: new Date(0) },
}));
const text = banner(ENDPOINT, 'us-east-1', accounts);

it.each(accounts)('prints ready-to-paste credentials for $id', ({ id }) => {
  expect(text).toContain(`export AWS_ACCESS_KEY_ID=ASIA${id}\nexport AWS_SECRET_ACCESS_KEY=secret-${id}\nexport AWS_SESSION_TOKEN=token-${id}`);
});

it.each(PLUGINS.filter((p) => p.terraformEndpoint).map((p) => p.terraformEndpoint!))('points the provider endpoint %s at the stack', (key) => {
  expect(text).toMatch(new RegExp(`\\n    ${key} += "${ENDPOINT}"\\n`));
});
