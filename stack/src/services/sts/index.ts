/**
 * STS (query protocol). AssumeRole is enforced here (assume-role.ts);
 * GetCallerIdentity needs no permission, as on AWS; the other
 * credential-issuing calls are refused with NotImplemented rather than
 * handing out credentials nobody checks.
 */
import { queryError } from '../../gateway/responses';
import { errorShape } from '../errors';
import type { ServicePlugin } from '../types';
import { assumeRole } from './assume-role';

/** Credential-issuing calls the stack does not emulate. */
const NOT_IMPLEMENTED = new Set(['GetSessionToken', 'GetFederationToken', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML', 'AssumeRoot']);

export const sts: ServicePlugin = {
  name: 'sts',
  signingNames: ['sts'],
  terraformEndpoint: 'sts',
  errors: errorShape('query'),
  operationName: (request) => request.params.get('Action') ?? `${request.method} ${request.url.pathname}`,
  parse(request) {
    const name = request.params.get('Action') ?? '';
    if (name === 'GetCallerIdentity' || name === 'AssumeRole' || NOT_IMPLEMENTED.has(name)) return { name, authorizations: [] };
    if (name === 'GetAccessKeyInfo') return { name, authorizations: [{ action: 'sts:GetAccessKeyInfo', resource: '*' }] };
    return undefined;
  },
  async serve(request, caller, ctx, operation) {
    if (operation.name === 'AssumeRole') return assumeRole(ctx, caller, request);
    if (NOT_IMPLEMENTED.has(operation.name)) {
      return queryError(operation.name, 501, 'NotImplemented', `The local stack does not issue credentials with ${operation.name}; use AssumeRole (enforced) instead.`);
    }
    return undefined;
  },
};
