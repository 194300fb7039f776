/**
 * KMS (JSON protocol, `TrentService.*`). Resource: the key the call names
 * (key id, key ARN, alias name or alias ARN, resolved through moto), or, for
 * Decrypt without KeyId, the key moto wrote into the ciphertext (its first 36
 * bytes are the key id); alias calls also ask on the alias. Every key call is
 * evaluated against the key policy too, so another account needs both its
 * identity policy and the key policy (AWS's rule); `*` for CreateKey,
 * ListKeys, ListAliases. kms:ViaService is never set here: a direct call is
 * not made through a service. The KMS call SSM makes on the caller's behalf is
 * asked by the SSM plug-in (ssm.ts, with kms:ViaService = ssm.<region>…);
 * SQS calls KMS inside moto, not through the gateway.
 */
import { decodePolicyDocument } from '../iam/policy-document';
import { arnAccount } from '../gateway/authorize-request';
import { errorShape } from './errors';
import { motoJson } from './moto-call';
import { fallbackName, field, targetOperation } from './protocol';
import type { PolicyDocument } from '../iam/evaluate';
import type { Authorization, ParsedRequest, ServiceContext, ServicePlugin } from './types';

const ACCOUNT_WIDE = new Set(['CreateKey', 'ListKeys', 'ListAliases', 'GenerateRandom', 'ListRetirableGrants']);

/** The key's ARN, asking moto in each account the reference can live in. */
export async function keyArn(ctx: ServiceContext, region: string, callerAccount: string, reference: string): Promise<string | undefined> {
  const accounts = arnAccount(reference) ? [arnAccount(reference)!] : [callerAccount, ...ctx.accounts.filter((a) => a !== callerAccount)];
  for (const account of accounts) {
    const out = await motoJson<{ KeyMetadata?: { Arn?: string } }>(ctx, { service: 'kms', region, account, target: 'TrentService.DescribeKey', body: { KeyId: reference } });
    if (out?.KeyMetadata?.Arn) return out.KeyMetadata.Arn;
    if (!/^[0-9a-f-]{36}$/.test(reference)) break; // names and aliases only mean something in the caller's account
  }
  return undefined;
}

/** The key policy of `arn`, read from moto in the key's account (what AWS evaluates besides identity policies). */
export function keyPolicy(ctx: ServiceContext, region: string, arn: string): () => Promise<PolicyDocument | undefined> {
  return async () => {
    const out = await motoJson<{ Policy?: string }>(ctx, { service: 'kms', region, account: arnAccount(arn)!, target: 'TrentService.GetKeyPolicy', body: { KeyId: arn, PolicyName: 'default' } });
    return decodePolicyDocument(out?.Policy);
  };
}

function ciphertextKey(request: ParsedRequest): string | undefined {
  const blob = field(request, 'CiphertextBlob');
  const id = blob ? Buffer.from(blob, 'base64').subarray(0, 36).toString('latin1') : '';
  return /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}

export const kms: ServicePlugin = {
  name: 'kms',
  signingNames: ['kms'],
  terraformEndpoint: 'kms',
  errors: errorShape('json'),
  operationName: (request) => targetOperation(request) ?? fallbackName(request),
  async parse(request, caller, ctx) {
    const name = targetOperation(request);
    if (!name) return undefined;
    const action = `kms:${name}`;
    if (ACCOUNT_WIDE.has(name)) return { name, authorizations: [{ action, resource: '*' }] };
    const reference = field(request, 'KeyId') ?? field(request, 'TargetKeyId') ?? field(request, 'DestinationKeyId') ?? ciphertextKey(request);
    const alias = field(request, 'AliasName');
    const authorizations: Authorization[] = [];
    if (alias) authorizations.push({ action, resource: `arn:aws:kms:${request.region}:${caller.account}:${alias}` });
    const arn = reference ? await keyArn(ctx, request.region, caller.account, reference) : undefined;
    if (reference && !arn) {
      // An unknown key: ask on the ARN the caller named, so an identity policy still decides; moto answers NotFound.
      authorizations.push({ action, resource: reference.startsWith('arn:') ? reference : `arn:aws:kms:${request.region}:${caller.account}:key/${reference}` });
    }
    if (arn) {
      authorizations.push({ action, resource: arn, resourcePolicy: keyPolicy(ctx, request.region, arn) });
      return { name, authorizations, motoAccount: arnAccount(arn)! };
    }
    return authorizations.length > 0 ? { name, authorizations } : undefined;
  },
};
