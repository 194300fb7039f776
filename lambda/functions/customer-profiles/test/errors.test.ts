/** Upstream failures become the runtime's typed errors, naming target, role, domain and operation. */
import { AssumeRoleDeniedError, type Target } from '../../../src/index';
import { toFunctionError } from '../src/errors';
import { ProfileNotReadyError } from '../src/profiles';

const ROLE = 'arn:aws:iam::222222222222:role/customer-profiles';
const target = { target: { name: 'eu-crm', roleArn: ROLE, region: 'eu-west-1' } as Target, domain: 'crm' };
const sdkError = (name: string, status: number, operation?: string) =>
  Object.defineProperty(Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status, attempts: 1, requestId: 'aws-req-1' } }), 'customerProfilesOperation', {
    value: operation,
  });
const where = (operation: string) => `Customer Profiles ${operation} on domain "crm" (target "eu-crm", eu-west-1)`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test.each([
  [sdkError('AccessDeniedException', 403, 'UpdateProfile'), 'AccessDeniedError', 'UpdateProfile', /profile:UpdateProfile on this domain.*customer_profiles preset/],
  [sdkError('ResourceNotFoundException', 404, 'SearchProfiles'), 'ConfigurationError', 'SearchProfiles', /domain "crm".*does not exist in eu-west-1.*customerProfilesDomain/],
  [sdkError('ResourceNotFoundException', 404, 'PutProfileObject'), 'UpstreamError', 'PutProfileObject', /PutProfileObject .* failed \(ResourceNotFoundException, HTTP 404/],
  [sdkError('ThrottlingException', 429, 'SearchProfiles'), 'UpstreamError', 'SearchProfiles', /ThrottlingException, HTTP 429, 1 attempt\(s\), AWS request id aws-req-1/],
  [sdkError('ExpiredTokenException', 400, 'SearchProfiles'), 'UpstreamError', 'SearchProfiles', /rejected the session credentials even after re-assuming/],
  [Object.assign(new Error('t'), { name: 'TimeoutError' }), 'TimeoutError', 'updateEndpoint', new RegExp(`^${escape(where('updateEndpoint'))} timed out`)],
  [new ProfileNotReadyError('no profile holds it; retry the update'), 'UpstreamError', 'updateEndpoint', new RegExp(`^${escape(where('updateEndpoint'))}: no profile holds it`)],
])('%p -> %s', (error, name, operation, message) => {
  const mapped = toFunctionError(error, { operation: 'updateEndpoint', target });
  expect(mapped.name).toBe(name);
  expect(mapped.message).toMatch(message);
  expect(mapped.call).toEqual({ target: 'eu-crm', roleArn: ROLE, service: 'Customer Profiles', operation });
});

test('STS errors arrive typed from the client and pass through unchanged', () => {
  const denied = new AssumeRoleDeniedError({ target: 'eu-crm', roleArn: ROLE }, 'AccessDenied', true);
  expect(toFunctionError(denied, { operation: 'getEndpoint', target })).toBe(denied);
});
