/**
 * SSM Parameter Store (JSON protocol, `AmazonSSM.*`). Resource: each
 * parameter the call names (`parameter/<name without leading slash>`), the
 * path for GetParametersByPath, `*` for DescribeParameters.
 *
 * A read WithDecryption of a SecureString under a customer managed key also
 * asks what SSM asks KMS on the caller's behalf on AWS: kms:Decrypt on the
 * key, by the caller, with kms:ViaService = ssm.<region>.amazonaws.com,
 * kms:CallerAccount and kms:EncryptionContext:PARAMETER_ARN, evaluated like
 * any KMS call (identity policies + the key policy). moto decrypts internally,
 * so this is the only place the check can happen; a refusal is SSM's
 * AccessDeniedException, as on AWS. The AWS managed key (alias/aws/ssm) is
 * not asked: its key policy lets every principal of the account use it
 * through SSM, whatever their identity policies say.
 */
import { errorShape } from './errors';
import { keyArn, keyPolicy } from './kms';
import { motoJson } from './moto-call';
import { fallbackName, field, targetOperation } from './protocol';
import type { Authorization, ParsedRequest, ServiceContext, ServicePlugin } from './types';

/** The reads that decrypt SecureStrings when WithDecryption is true. */
const DECRYPTING = new Set(['GetParameter', 'GetParameters', 'GetParametersByPath', 'GetParameterHistory']);
const AWS_MANAGED_KEY = 'alias/aws/ssm';

interface Described {
  Name?: string;
  Type?: string;
  KeyId?: string;
}

/** The parameters a read names (or the path covers), as moto describes them: name, type, key. */
async function describe(ctx: ServiceContext, request: ParsedRequest, account: string, names: string[], path?: { path: string; recursive: boolean }): Promise<Described[]> {
  const filters = path
    ? [{ Key: 'Path', Option: path.recursive ? 'Recursive' : 'OneLevel', Values: [path.path] }]
    : [{ Key: 'Name', Option: 'Equals', Values: names.map((n) => n.split(':')[0]!) }];
  const found: Described[] = [];
  let token: string | undefined;
  do {
    const body = { ParameterFilters: filters, MaxResults: 50, ...(token ? { NextToken: token } : {}) };
    const page = await motoJson<{ Parameters?: Described[]; NextToken?: string }>(ctx, { service: 'ssm', region: request.region, account, target: 'AmazonSSM.DescribeParameters', body });
    found.push(...(page?.Parameters ?? []));
    token = page?.NextToken;
  } while (token);
  return found;
}

/** kms:Decrypt as SSM asks it for each SecureString under a customer managed key. */
async function decryptAuthorizations(ctx: ServiceContext, request: ParsedRequest, account: string, names: string[], arn: (name: string) => string): Promise<Authorization[]> {
  const path = field(request, 'Path');
  if (names.length === 0 && path === undefined) return [];
  const parameters = await describe(ctx, request, account, names, path === undefined ? undefined : { path, recursive: request.json.Recursive === true });
  const out: Authorization[] = [];
  for (const p of parameters) {
    if (p.Type !== 'SecureString' || !p.Name || !p.KeyId || p.KeyId === AWS_MANAGED_KEY) continue;
    const key = (await keyArn(ctx, request.region, account, p.KeyId)) ?? `arn:aws:kms:${request.region}:${account}:key/${p.KeyId}`;
    out.push({
      action: 'kms:Decrypt',
      resource: key,
      resourcePolicy: keyPolicy(ctx, request.region, key),
      context: {
        'kms:ViaService': `ssm.${request.region}.amazonaws.com`,
        'kms:CallerAccount': account,
        'kms:EncryptionContext:PARAMETER_ARN': arn(p.Name),
      },
    });
  }
  return out;
}

export const ssm: ServicePlugin = {
  name: 'ssm',
  signingNames: ['ssm'],
  terraformEndpoint: 'ssm',
  errors: errorShape('json'),
  operationName: (request) => targetOperation(request) ?? fallbackName(request),
  async parse(request, caller, ctx) {
    const name = targetOperation(request);
    if (!name) return undefined;
    const arn = (parameter: string) => `arn:aws:ssm:${request.region}:${caller.account}:parameter/${parameter.replace(/^\//, '')}`;
    const listed = Array.isArray(request.json.Names) ? request.json.Names.filter((n): n is string => typeof n === 'string') : [];
    const one = field(request, 'Name') ?? field(request, 'Path') ?? (field(request, 'ResourceType') === 'Parameter' ? field(request, 'ResourceId') : undefined);
    const targets = listed.length > 0 ? listed.map(arn) : one !== undefined ? [arn(one)] : ['*'];
    const authorizations: Authorization[] = targets.map((resource) => ({ action: `ssm:${name}`, resource }));
    if (DECRYPTING.has(name) && request.json.WithDecryption === true) {
      const named = listed.length > 0 ? listed : field(request, 'Name') !== undefined ? [field(request, 'Name')!] : [];
      authorizations.push(...(await decryptAuthorizations(ctx, request, caller.account, named, (n) => arn(n.split(':')[0]!))));
    }
    return { name, authorizations };
  },
};
