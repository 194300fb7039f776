/** Upstream failures become the function's typed errors, naming target, role, domain and operation. */
import { toFunctionError } from '../src/errors';
import { AssumeRoleFailure } from '../src/runtime';

const target = { name: 'eu-crm', roleArn: 'arn:aws:iam::222222222222:role/customer-profiles', region: 'eu-west-1', domain: 'crm' };
const sdkError = (name: string, status: number, operation?: string) =>
  Object.defineProperty(Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status, attempts: 1, requestId: 'aws-req-1' } }), 'customerProfilesOperation', {
    value: operation,
  });

test.each([
  [sdkError('AccessDeniedException', 403, 'UpdateProfile'), 'AccessDeniedError', /profile:UpdateProfile on this domain.*customer_profiles preset/],
  [sdkError('ResourceNotFoundException', 404, 'SearchProfiles'), 'ConfigurationError', /domain "crm".*does not exist in eu-west-1.*customerProfilesDomain/],
  [sdkError('ThrottlingException', 429, 'SearchProfiles'), 'UpstreamError', /ThrottlingException, HTTP 429, 1 attempt\(s\), AWS request id aws-req-1/],
  [sdkError('ExpiredTokenException', 400, 'SearchProfiles'), 'UpstreamError', /rejected the session credentials even after re-assuming/],
  [Object.assign(new Error('t'), { name: 'TimeoutError' }), 'TimeoutError', /^Customer Profiles updateEndpoint \(updateEndpoint\) in domain "crm" \(target "eu-crm", eu-west-1\) timed out/],
  [new AssumeRoleFailure(target.roleArn, 'AccessDenied', 403), 'AssumeRoleDeniedError', /trust policy/],
  [new AssumeRoleFailure(target.roleArn, 'RegionDisabledException', 403), 'ConfigurationError', /STS is not activated/],
])('%p -> %s', (error, name, message) => {
  const mapped = toFunctionError(error, { operation: 'updateEndpoint', target });
  expect(mapped.name).toBe(name);
  expect(mapped.message).toMatch(message);
});
