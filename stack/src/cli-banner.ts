/**
 * What `make stack` prints for people using the stack without Node: the
 * endpoint, per account `export` lines with operator credentials, and a
 * Terraform provider block whose endpoints cover every plug-in the provider
 * knows. No secrets are logged anywhere else.
 */
import { PLUGINS } from './services/registry';
import type { Credentials } from './types';

export interface BannerAccount {
  label: string;
  id: string;
  credentials: Credentials;
}

export function banner(endpoint: string, region: string, accounts: readonly BannerAccount[]): string {
  const exports = accounts.map(({ label, id, credentials }) =>
    [
      `# ${label} account ${id} (AdministratorAccess session, expires ${credentials.expiration?.toISOString() ?? 'never'})`,
      `export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`,
      credentials.sessionToken ? `export AWS_SESSION_TOKEN=${credentials.sessionToken}` : 'unset AWS_SESSION_TOKEN',
      `export AWS_REGION=${region} AWS_ENDPOINT_URL=${endpoint}`,
    ].join('\n'),
  );
  const keys = PLUGINS.flatMap((p) => (p.terraformEndpoint ? [p.terraformEndpoint] : []));
  const width = Math.max(...keys.map((k) => k.length));
  const provider = [
    'provider "aws" {',
    `  region                      = "${region}"`,
    '  skip_credentials_validation = true',
    '  skip_metadata_api_check     = true',
    '  skip_region_validation      = true',
    '  s3_use_path_style           = true',
    '',
    '  endpoints {',
    ...keys.map((k) => `    ${k.padEnd(width)} = "${endpoint}"`),
    '  }',
    '}',
  ].join('\n');
  return [
    `Local AWS stack ready: ${endpoint} (every service below, IAM enforced; anything else is refused)`,
    '',
    'Paste one account\'s lines into a shell (AWS CLI, SDKs, Terraform read them):',
    ...exports.map((e) => `\n${e}`),
    '',
    'Terraform provider block (credentials from the exports above):',
    provider,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
