/**
 * SSM Parameter Store (JSON protocol, `AmazonSSM.*`). Resource: each
 * parameter the call names (`parameter/<name without leading slash>`), the
 * path for GetParametersByPath, `*` for DescribeParameters. SecureString
 * decryption happens inside moto, so the KMS call SSM makes on the caller's
 * behalf (kms:ViaService = ssm) is not seen or checked here.
 */
import { errorShape } from './errors';
import { fallbackName, field, targetOperation } from './protocol';
import type { ServicePlugin } from './types';

export const ssm: ServicePlugin = {
  name: 'ssm',
  signingNames: ['ssm'],
  terraformEndpoint: 'ssm',
  errors: errorShape('json'),
  operationName: (request) => targetOperation(request) ?? fallbackName(request),
  parse(request, caller) {
    const name = targetOperation(request);
    if (!name) return undefined;
    const arn = (parameter: string) => `arn:aws:ssm:${request.region}:${caller.account}:parameter/${parameter.replace(/^\//, '')}`;
    const names = request.json.Names;
    const one = field(request, 'Name') ?? field(request, 'Path') ?? (field(request, 'ResourceType') === 'Parameter' ? field(request, 'ResourceId') : undefined);
    const targets = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string').map(arn) : one !== undefined ? [arn(one)] : ['*'];
    return { name, authorizations: targets.map((resource) => ({ action: `ssm:${name}`, resource })) };
  },
};
