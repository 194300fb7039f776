/**
 * Lambda (REST-JSON): Terraform's function, permission and event source
 * mapping calls, and Invoke. The route gives the operation; the resource is
 * the function the path names (name or ARN, qualifier dropped), the event
 * source mapping's ARN, or `*` for the account-wide calls. CreateFunction and
 * a role change also ask iam:PassRole, as AWS does.
 */
import { errorShape } from './errors';
import { fallbackName, field, segments } from './protocol';
import type { Authorization, Operation, ParsedRequest, ServicePlugin } from './types';

/** [method, path after the API version with `{fn}` / `{id}` placeholders, operation, IAM action if different] */
export const ROUTES: readonly [string, string, string, string?][] = [
  ['POST', 'functions', 'CreateFunction'],
  ['GET', 'functions', 'ListFunctions'],
  ['GET', 'functions/{fn}', 'GetFunction'],
  ['DELETE', 'functions/{fn}', 'DeleteFunction'],
  ['GET', 'functions/{fn}/configuration', 'GetFunctionConfiguration'],
  ['PUT', 'functions/{fn}/configuration', 'UpdateFunctionConfiguration'],
  ['PUT', 'functions/{fn}/code', 'UpdateFunctionCode'],
  ['POST', 'functions/{fn}/invocations', 'Invoke', 'InvokeFunction'],
  ['GET', 'functions/{fn}/versions', 'ListVersionsByFunction'],
  ['POST', 'functions/{fn}/versions', 'PublishVersion'],
  ['GET', 'functions/{fn}/policy', 'GetPolicy'],
  ['POST', 'functions/{fn}/policy', 'AddPermission'],
  ['DELETE', 'functions/{fn}/policy/{id}', 'RemovePermission'],
  ['GET', 'functions/{fn}/aliases', 'ListAliases'],
  ['POST', 'functions/{fn}/aliases', 'CreateAlias'],
  ['GET', 'functions/{fn}/aliases/{id}', 'GetAlias'],
  ['PUT', 'functions/{fn}/aliases/{id}', 'UpdateAlias'],
  ['DELETE', 'functions/{fn}/aliases/{id}', 'DeleteAlias'],
  ['GET', 'functions/{fn}/concurrency', 'GetFunctionConcurrency'],
  ['PUT', 'functions/{fn}/concurrency', 'PutFunctionConcurrency'],
  ['DELETE', 'functions/{fn}/concurrency', 'DeleteFunctionConcurrency'],
  ['GET', 'functions/{fn}/event-invoke-config', 'GetFunctionEventInvokeConfig'],
  ['PUT', 'functions/{fn}/event-invoke-config', 'PutFunctionEventInvokeConfig'],
  ['POST', 'functions/{fn}/event-invoke-config', 'UpdateFunctionEventInvokeConfig'],
  ['DELETE', 'functions/{fn}/event-invoke-config', 'DeleteFunctionEventInvokeConfig'],
  ['GET', 'functions/{fn}/code-signing-config', 'GetFunctionCodeSigningConfig'],
  ['GET', 'functions/{fn}/url', 'GetFunctionUrlConfig'],
  ['POST', 'functions/{fn}/url', 'CreateFunctionUrlConfig'],
  ['PUT', 'functions/{fn}/url', 'UpdateFunctionUrlConfig'],
  ['DELETE', 'functions/{fn}/url', 'DeleteFunctionUrlConfig'],
  ['GET', 'functions/{fn}/recursion-config', 'GetFunctionRecursionConfig'],
  ['GET', 'functions/{fn}/runtime-management-config', 'GetRuntimeManagementConfig'],
  ['GET', 'functions/{fn}/provisioned-concurrency', 'GetProvisionedConcurrencyConfig'],
  ['GET', 'tags/{arn}', 'ListTags'],
  ['POST', 'tags/{arn}', 'TagResource'],
  ['DELETE', 'tags/{arn}', 'UntagResource'],
  ['GET', 'event-source-mappings', 'ListEventSourceMappings'],
  ['POST', 'event-source-mappings', 'CreateEventSourceMapping'],
  ['GET', 'event-source-mappings/{id}', 'GetEventSourceMapping'],
  ['PUT', 'event-source-mappings/{id}', 'UpdateEventSourceMapping'],
  ['DELETE', 'event-source-mappings/{id}', 'DeleteEventSourceMapping'],
  ['GET', 'account-settings', 'GetAccountSettings'],
];

interface Matched {
  operation: string;
  action: string;
  fn?: string;
  id?: string;
  arn?: string;
}

function match(request: ParsedRequest): Matched | undefined {
  const [version, ...rest] = segments(request.url.pathname);
  if (!version || !/^\d{4}-\d{2}-\d{2}$/.test(version)) return undefined;
  for (const [method, pattern, operation, action] of ROUTES) {
    const parts = pattern.split('/');
    if (method !== request.method || parts.length !== rest.length) continue;
    const found: Matched = { operation, action: action ?? operation };
    const ok = parts.every((p, i) => {
      if (p === '{fn}') found.fn = rest[i];
      else if (p === '{id}') found.id = rest[i];
      else if (p === '{arn}') found.arn = rest[i];
      else return p === rest[i];
      return true;
    });
    if (ok) return found;
  }
  return undefined;
}

/** A function name, partial or full ARN → the unqualified function ARN. */
function functionArn(nameOrArn: string, region: string, account: string): string {
  const m = /^(?:arn:[\w-]+:lambda:([\w-]+):(\d{12}):function:)?([\w-]+)(?::[\w$-]+)?$/.exec(nameOrArn);
  const partial = /^(\d{12}):function:([\w-]+)/.exec(nameOrArn);
  if (partial) return `arn:aws:lambda:${region}:${partial[1]}:function:${partial[2]}`;
  return m ? `arn:aws:lambda:${m[1] ?? region}:${m[2] ?? account}:function:${m[3]}` : nameOrArn;
}

export const lambda: ServicePlugin = {
  name: 'lambda',
  signingNames: ['lambda'],
  terraformEndpoint: 'lambda',
  errors: errorShape('rest-json', { unsupported: { status: 404, code: 'ResourceNotFoundException' } }),
  operationName: (request) => match(request)?.operation ?? fallbackName(request),
  parse(request, caller): Operation | undefined {
    const m = match(request);
    if (!m) return undefined;
    const { region } = request;
    const bodyFunction = field(request, 'FunctionName');
    const fn = m.fn ?? (m.operation === 'CreateFunction' ? bodyFunction : undefined);
    const resource = fn
      ? functionArn(fn, region, caller.account)
      : m.arn
        ? m.arn
        : m.id && m.operation.includes('EventSourceMapping')
          ? `arn:aws:lambda:${region}:${caller.account}:event-source-mapping:${m.id}`
          : '*';
    const context: Record<string, string> = {};
    if (m.operation.includes('EventSourceMapping') && bodyFunction) context['lambda:FunctionArn'] = functionArn(bodyFunction, region, caller.account);
    const authorizations: Authorization[] = [{ action: `lambda:${m.action}`, resource, context }];
    const role = field(request, 'Role');
    if (role && (m.operation === 'CreateFunction' || m.operation === 'UpdateFunctionConfiguration')) {
      authorizations.push({ action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } });
    }
    return { name: m.operation, authorizations };
  },
};
