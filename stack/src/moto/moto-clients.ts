/**
 * SDK clients that talk to moto directly (no enforcement). moto picks the
 * account of a request from the `x-moto-account-id` header, else from the
 * access key in the Authorization header (IAM user keys and assumed-role keys
 * belong to the account that issued them), else 123456789012.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';

/** Credentials for talking to moto as "the stack itself": moto never verifies them. */
export const MOTO_INTERNAL_CREDENTIALS = { accessKeyId: 'AKIAMOTOSTACKINTERNAL', secretAccessKey: 'stack-internal' };

const REGION = 'us-east-1';

/** An IAM client acting inside `accountId` (account vending / policy reads). */
export function motoIamClient(motoEndpoint: string, accountId: string): IAMClient {
  const client = new IAMClient({ endpoint: motoEndpoint, region: REGION, credentials: MOTO_INTERNAL_CREDENTIALS, maxAttempts: 1 });
  addAccountHeader(client, accountId);
  return client;
}

/** `x-moto-account-id` tells moto the account outright (it would otherwise search every backend for the key). */
function addAccountHeader(client: IAMClient | STSClient, accountId: string): void {
  (client as IAMClient).middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { headers?: Record<string, string> };
      if (req.headers) req.headers['x-moto-account-id'] = accountId;
      return next(args);
    },
    { step: 'build', name: 'motoAccountHeader' },
  );
}

/** An STS client signing with `accessKeyId`, so moto answers as that key's owner. */
export function motoStsClientFor(motoEndpoint: string, accessKeyId: string, account?: string): STSClient {
  const client = new STSClient({ endpoint: motoEndpoint, region: REGION, credentials: { accessKeyId, secretAccessKey: 'unused-by-moto' }, maxAttempts: 1 });
  if (account) addAccountHeader(client, account);
  return client;
}
