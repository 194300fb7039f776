/**
 * The sts:AssumeRole provider of one target (not memoized: `renewAhead` wraps it).
 *
 * Master credentials are taken explicitly from the Lambda environment
 * (`fromEnv()`, the execution role), never from a previously assumed role, so
 * role chaining through a target cannot happen. The STS client inside gets the
 * function's region, bounded retries and connect/request timeouts.
 * Failures are thrown as the runtime's typed errors, naming target and role.
 */
import { createHash } from 'node:crypto';
import { fromEnv, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import {
  AssumeRoleDeniedError,
  ConfigurationError,
  TimeoutError,
  UpstreamError,
  errorInfo,
  type CallInfo,
} from '../errors';
import { boundedHttpHandler } from '../http';

export interface AssumeRoleOptions {
  /** Target name: used in the role session name and in errors. */
  target: string;
  roleArn: string;
  externalId?: string | undefined;
  sessionDurationSeconds?: number | undefined;
  /** Sent as SourceIdentity (CloudTrail in the target account names it); undefined = not sent. */
  sourceIdentity?: string | undefined;
  /** STS region: the function's own region (AWS_REGION). */
  stsRegion: string;
  functionName: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

const SESSION_NAME_MAX = 64;
const SESSION_NAME_INVALID = /[^\w+=,.@-]/g;
/** STS's rule for SourceIdentity (and RoleSessionName). */
export const SOURCE_IDENTITY_PATTERN = /^[\w+=,.@-]{2,64}$/;

/**
 * RoleSessionName "<function>@<target>" in STS's charset [\w+=,.@-], 2..64 chars.
 * When too long, the function part is shortened and a short hash keeps names distinct.
 */
export function roleSessionName(functionName: string, targetName: string): string {
  const fn = functionName.replace(SESSION_NAME_INVALID, '-');
  const target = targetName.replace(SESSION_NAME_INVALID, '-');
  const full = `${fn}@${target}`;
  if (full.length <= SESSION_NAME_MAX) return full.length >= 2 ? full : `${full}--`.slice(0, 2);
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const room = Math.max(0, SESSION_NAME_MAX - target.length - hash.length - 2);
  return `${fn.slice(0, room)}.${hash}@${target}`.slice(0, SESSION_NAME_MAX);
}

/** Maps what sts:AssumeRole threw to a typed error naming target and role (never the STS message). */
export function assumeRoleError(error: unknown, call: CallInfo & { roleArn: string }, sourceIdentitySent: boolean): Error {
  const { name, status } = errorInfo(error);
  const where = `sts:AssumeRole on ${call.roleArn} (target "${call.target}")`;
  const sts = { ...call, service: 'sts', operation: 'AssumeRole' };
  if (name === 'RegionDisabledException') {
    return new ConfigurationError(`STS is not activated in the function's region; cannot assume ${call.roleArn}.`, sts, name);
  }
  if (name === 'AccessDenied' || status === 403) return new AssumeRoleDeniedError(call, name, sourceIdentitySent);
  // The SDK's HTTP handler reports connect/request timeouts and connection resets alike as TimeoutError.
  if (name === 'TimeoutError') return new TimeoutError(`${where} timed out or lost its connection.`, sts, name);
  return new UpstreamError(`${where} failed (${name}${status !== undefined ? `, HTTP ${status}` : ''}).`, sts, name);
}

/** An sts:AssumeRole credential provider for one target. */
export function assumeRoleCredentials(options: AssumeRoleOptions): AwsCredentialIdentityProvider {
  const sourceIdentity = options.sourceIdentity;
  const provider = fromTemporaryCredentials({
    masterCredentials: fromEnv(),
    params: {
      RoleArn: options.roleArn,
      RoleSessionName: roleSessionName(options.functionName, options.target),
      ...(options.externalId !== undefined && { ExternalId: options.externalId }),
      ...(options.sessionDurationSeconds !== undefined && { DurationSeconds: options.sessionDurationSeconds }),
      ...(sourceIdentity !== undefined && { SourceIdentity: sourceIdentity }),
    },
    clientConfig: {
      region: options.stsRegion,
      maxAttempts: options.maxAttempts,
      requestHandler: boundedHttpHandler(options),
    },
  });
  return async (properties) => {
    try {
      return await provider(properties);
    } catch (error) {
      throw assumeRoleError(error, { target: options.target, roleArn: options.roleArn }, sourceIdentity !== undefined);
    }
  };
}
