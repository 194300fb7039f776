/**
 * Maps anything thrown while serving a request to the runtime's typed errors
 * (toCrossAccountError), naming target, role, domain and the Customer Profiles
 * operation; never values. STS failures arrive already typed from the client.
 * Two cases are this function's own: a missing domain (ConfigurationError) and a
 * profile that did not appear after its object was put (UpstreamError).
 */
import { ConfigurationError, CrossAccountError, UpstreamError, errorInfo, toCrossAccountError } from '../../../src/index';
import { operationOf, ProfileNotReadyError } from './profiles';
import type { CustomerProfilesTarget } from './targets';

export interface ErrorContext {
  /** The function's operation (getEndpoint, updateEndpoint). */
  operation: string;
  target: Pick<CustomerProfilesTarget, 'target' | 'domain'>;
}

export const SERVICE = 'Customer Profiles';

export function toFunctionError(error: unknown, { operation, target: { target, domain } }: ErrorContext): CrossAccountError {
  if (error instanceof CrossAccountError) return error;
  const call = operationOf(error) ?? operation;
  const context = { target: target.name, roleArn: target.roleArn, service: SERVICE, operation: call };
  const where = `${SERVICE} ${call} on domain "${domain}" (target "${target.name}", ${target.region})`;
  const { name } = errorInfo(error);
  if (error instanceof ProfileNotReadyError) return new UpstreamError(`${where}: ${error.message}.`, context, name);
  if (name === 'ResourceNotFoundException' && call !== 'PutProfileObject') {
    return new ConfigurationError(
      `${where}: the domain (or, on UpdateProfile, the endpoint's profile) does not exist in ${target.region} ` +
        `(${name}); check the target's customerProfilesDomain setting.`,
      context,
      name,
    );
  }
  return toCrossAccountError(error, {
    target,
    service: SERVICE,
    operation: call,
    resource: `domain "${domain}"`,
    action: `profile:${operationOf(error) ?? 'SearchProfiles'} on this domain (the customer_profiles preset of modules/target-role)`,
  });
}
