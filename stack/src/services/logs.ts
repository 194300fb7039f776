/**
 * CloudWatch Logs (JSON protocol, `Logs_20140328.*`): Terraform's log group
 * calls and the function's log writes. Resource: the log group (or its
 * stream) the call names, the ARN it names, or every group of the account for
 * the listing calls.
 */
import { errorShape } from './errors';
import { fallbackName, field, targetOperation } from './protocol';
import type { ServicePlugin } from './types';

export const logs: ServicePlugin = {
  name: 'logs',
  signingNames: ['logs'],
  terraformEndpoint: 'logs',
  errors: errorShape('json'),
  operationName: (request) => targetOperation(request) ?? fallbackName(request),
  parse(request, caller) {
    const name = targetOperation(request);
    if (!name) return undefined;
    const groups = `arn:aws:logs:${request.region}:${caller.account}:log-group:`;
    const group = field(request, 'logGroupName') ?? field(request, 'logGroupIdentifier');
    const stream = field(request, 'logStreamName');
    const arn = field(request, 'resourceArn') ?? field(request, 'logGroupArn');
    const resource = arn
      ? arn
      : group?.startsWith('arn:')
        ? group
        : group !== undefined
          ? `${groups}${group}${stream !== undefined ? `:log-stream:${stream}` : ''}`
          : `${groups}*`;
    return { name, authorizations: [{ action: `logs:${name}`, resource }] };
  },
};
