/**
 * AWS IoT control plane (REST-JSON, signing name `iot`): only
 * DescribeEndpoint, served here. The address is per account
 * (`<account-derived prefix>-ats.iot.<region>.localhost:<port>`) and reaches
 * the stack's gateway when `*.localhost` resolves to loopback; the data plane
 * plug-in (iot-data.ts) refuses a request whose Host names another account's
 * prefix. iot:DescribeEndpoint has no resource type, so its resource is `*`.
 */
import { createHash } from 'node:crypto';
import { jsonResponse } from '../gateway/responses';
import { errorShape } from './errors';
import { fallbackName } from './protocol';
import type { ServicePlugin } from './types';

/** The account's endpoint prefix, like AWS's 14-character one. */
export function iotEndpointPrefix(account: string): string {
  return createHash('sha256').update(`iot:${account}`).digest('hex').slice(0, 14);
}

export function iotEndpointAddress(account: string, region: string, stackEndpoint: string): string {
  return `${iotEndpointPrefix(account)}-ats.iot.${region}.localhost:${new URL(stackEndpoint).port}`;
}

export const iot: ServicePlugin = {
  name: 'iot',
  signingNames: ['iot'],
  terraformEndpoint: 'iot',
  errors: errorShape('rest-json', { throttle: { status: 429, code: 'ThrottlingException' }, serverError: { status: 500, code: 'InternalFailureException' } }),
  operationName: (request) => (request.method === 'GET' && request.url.pathname === '/endpoint' ? 'DescribeEndpoint' : fallbackName(request)),
  parse(request) {
    if (request.method !== 'GET' || request.url.pathname !== '/endpoint') return undefined;
    return { name: 'DescribeEndpoint', authorizations: [{ action: 'iot:DescribeEndpoint', resource: '*' }] };
  },
  async serve(request, caller) {
    return jsonResponse('DescribeEndpoint', 200, { endpointAddress: iotEndpointAddress(caller.account, request.region, request.endpoint) });
  },
};
