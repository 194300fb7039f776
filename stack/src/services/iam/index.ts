/**
 * IAM (query protocol; Terraform's role, policy and attachment calls, and
 * the stack's own reads). The resource is the entity the call names, in the
 * order the Service Authorization Reference gives (instance profile, role,
 * group, user, then the policy); calls naming none are account-wide (`*`).
 * Role and user ARNs are built without a path unless the call sends one.
 * Every write drops the gateway's policy cache. Trust policies are checked
 * and stored as IAM does (trust.ts).
 */
import { errorShape } from '../errors';
import { fallbackName, queryOperation } from '../protocol';
import type { ServicePlugin } from '../types';
import { TRUST_PARAMETER, writeTrust } from './trust';

/** IAM actions that change state (the policy cache must forget what it read). */
const isIamWrite = (operation: string): boolean => !/^(Get|List|Simulate|Generate)/.test(operation);

const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** Parameter → resource type, first match wins. */
const NAMED: readonly [param: string, type: string][] = [
  ['InstanceProfileName', 'instance-profile'],
  ['RoleName', 'role'],
  ['GroupName', 'group'],
  ['UserName', 'user'],
  ['ServerCertificateName', 'server-certificate'],
];
const BY_ARN = ['PolicyArn', 'OpenIDConnectProviderArn', 'SAMLProviderArn'];

export const iam: ServicePlugin = {
  name: 'iam',
  signingNames: ['iam'],
  terraformEndpoint: 'iam',
  errors: errorShape('query', { namespace: IAM_NAMESPACE }),
  operationName: (request) => queryOperation(request) ?? fallbackName(request),
  parse(request, caller) {
    const name = queryOperation(request);
    if (!name) return undefined;
    const { params } = request;
    const path = params.get('Path') ?? '/';
    const base = `arn:aws:iam::${caller.account}:`;
    const context: Record<string, string> = {};
    if (params.has('PolicyArn')) context['iam:PolicyARN'] = params.get('PolicyArn')!;
    if (params.has('PermissionsBoundary')) context['iam:PermissionsBoundary'] = params.get('PermissionsBoundary')!;
    const named = NAMED.find(([param]) => params.has(param));
    const byArn = BY_ARN.find((param) => params.has(param));
    const resource = named
      ? `${base}${named[1]}${name.startsWith('Create') ? path : '/'}${params.get(named[0])}`
      : name === 'CreatePolicy'
        ? `${base}policy${path}${params.get('PolicyName') ?? ''}`
        : byArn
          ? params.get(byArn)!
          : '*';
    return { name, authorizations: [{ action: `iam:${name}`, resource, context }] };
  },
  serve(request, caller, ctx, operation) {
    return operation.name in TRUST_PARAMETER ? writeTrust(ctx, request, operation.name, caller.account) : Promise.resolve(undefined);
  },
  afterForward(_request, operation, ctx) {
    if (isIamWrite(operation.name)) ctx.identities.invalidate();
  },
};
