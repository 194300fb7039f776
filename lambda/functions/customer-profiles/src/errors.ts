/**
 * Maps anything thrown while serving a request to the function's typed errors
 * (the same classes and names as the Pinpoint function). Messages name the
 * target, role, domain and Customer Profiles operation; never values.
 */
import { operationOf, ProfileNotReadyError } from './profiles';
import {
  AccessDeniedError,
  AssumeRoleDeniedError,
  AssumeRoleFailure,
  ConfigurationError,
  FunctionError,
  isExpiredCredentialsError,
  TimeoutError,
  UpstreamError,
} from './runtime';

export interface ErrorContext {
  operation: string;
  target: { name: string; roleArn: string; region: string; domain: string };
}

export function upstreamName(error: unknown): string {
  if (error instanceof AssumeRoleFailure) return `sts:${error.upstreamName}`;
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : 'Error';
}

function detail(error: unknown): string {
  const m = (error as { $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string } }).$metadata ?? {};
  const parts = [upstreamName(error)];
  if (m.httpStatusCode !== undefined) parts.push(`HTTP ${m.httpStatusCode}`);
  if (m.attempts !== undefined) parts.push(`${m.attempts} attempt(s)`);
  if (m.requestId) parts.push(`AWS request id ${m.requestId}`);
  return parts.join(', ');
}

function fromAssumeRole(error: AssumeRoleFailure, target: ErrorContext['target']): Error {
  if (error.upstreamName === 'RegionDisabledException') {
    return new ConfigurationError(`STS is not activated in the function's region; cannot assume ${error.roleArn}.`);
  }
  if (error.upstreamName === 'AccessDenied' || error.httpStatusCode === 403) return new AssumeRoleDeniedError(error.roleArn, error.upstreamName);
  if (error.upstreamName === 'TimeoutError') {
    return new TimeoutError(`sts:AssumeRole on ${error.roleArn} timed out or lost its connection (target "${target.name}").`);
  }
  return new UpstreamError(
    `sts:AssumeRole on ${error.roleArn} failed for target "${target.name}" (${error.upstreamName}` +
      `${error.httpStatusCode !== undefined ? `, HTTP ${error.httpStatusCode}` : ''}).`,
  );
}

export function toFunctionError(error: unknown, { operation, target }: ErrorContext): Error {
  if (error instanceof FunctionError) return error;
  if (error instanceof AssumeRoleFailure) return fromAssumeRole(error, target);
  const call = operationOf(error);
  const where =
    `Customer Profiles ${call ?? operation} (${operation}) in domain "${target.domain}" ` +
    `(target "${target.name}", ${target.region})`;
  if (error instanceof ProfileNotReadyError) return new UpstreamError(`${where}: ${error.message}.`);
  const name = upstreamName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (name === 'TimeoutError') return new TimeoutError(`${where} timed out or lost its connection (${detail(error)}).`);
  if (isExpiredCredentialsError(error)) {
    return new UpstreamError(`${where} rejected the session credentials even after re-assuming ${target.roleArn} (${detail(error)}).`);
  }
  if (status === 403 || name === 'AccessDeniedException') {
    return new AccessDeniedError(
      `${where} was denied to ${target.roleArn} (${detail(error)}). Check that the target role's permissions policy ` +
        `allows profile:${call ?? 'SearchProfiles'} on this domain (the customer_profiles preset of modules/target-role).`,
    );
  }
  if (name === 'ResourceNotFoundException' && call !== 'PutProfileObject') {
    return new ConfigurationError(
      `${where}: the domain (or, on UpdateProfile, the endpoint's profile) does not exist in ${target.region} ` +
        `(${detail(error)}); check the target's customerProfilesDomain setting.`,
    );
  }
  return new UpstreamError(`${where} failed (${detail(error)}).`);
}
