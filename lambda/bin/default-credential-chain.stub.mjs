// Stands in for @aws-sdk/credential-provider-node (the SDK's default credential
// chain: env, ini, SSO, process, token file, container HTTP, IMDS) in bundles
// built with the 'defaultCredentialChain' stub (bundle.mjs). Every SDK client's
// runtimeConfig imports the chain, but a client given explicit `credentials`
// never calls it: the runtime gives every client it builds explicit credentials
// (AssumeRole for targets, fromEnv() for STS). Were the chain ever used, the
// client fails with this error instead of silently picking other credentials.
const MESSAGE =
  'The default AWS credential chain (@aws-sdk/credential-provider-node) is not in this bundle ' +
  '(bundled with the defaultCredentialChain stub): give this client explicit credentials, e.g. ' +
  'target.client(...) or credentials: fromEnv(), or bundle without that stub.';

export class DefaultCredentialChainRemovedError extends Error {
  constructor() {
    super(MESSAGE);
    this.name = 'DefaultCredentialChainRemovedError';
  }
}

/** Same signature as the real one: building the provider is fine, calling it throws. */
export const defaultProvider = () => async () => {
  throw new DefaultCredentialChainRemovedError();
};

export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
