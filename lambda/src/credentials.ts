/**
 * Cross-account credentials for any AWS SDK v3 client (nothing here is
 * specific to Pinpoint).
 *
 * - `assumeRoleCredentials` builds an sts:AssumeRole provider for one target.
 *   Master credentials are taken explicitly from the Lambda environment
 *   (`fromEnv()`, the execution role), never from a previously assumed role,
 *   so role chaining cannot happen. The STS client inside the provider gets the
 *   function's region, bounded retries and connection/request timeouts.
 * - The SDK client that receives the provider memoizes it (`memoizeIdentityProvider`
 *   in @smithy/core): concurrent callers share one in-flight AssumeRole, and it
 *   asks the provider again from 5 minutes before expiry.
 * - `renewAhead` answers those early asks with the still-valid credentials and
 *   renews them in the background, so no request waits for STS while the
 *   current session still has `RENEW_AHEAD_MIN_REMAINING_MS` to go.
 * - `prefetchCredentials` starts that first AssumeRole during cold start;
 *   `refreshCredentials` drops the cached credentials (`forceRefresh`), for when
 *   a service says the session token is expired or invalid.
 */
import { createHash } from 'node:crypto';
import { fromEnv, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { boundedHttpHandler } from './http';

export interface AssumeRoleTarget {
  /** Target name, used in the role session name. */
  name: string;
  roleArn: string;
  externalId?: string | undefined;
  sessionDurationSeconds?: number | undefined;
}

export interface StsSettings {
  /** STS region: the function's own region (AWS_REGION). */
  region: string;
  functionName: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  maxAttempts: number;
}

/** Thrown by the provider when sts:AssumeRole fails; carries the role so errors can name it. */
export class AssumeRoleFailure extends Error {
  override readonly name = 'AssumeRoleFailure';
  constructor(
    readonly roleArn: string,
    /** Error name STS (or the HTTP layer) reported, e.g. AccessDenied, TimeoutError. */
    readonly upstreamName: string,
    readonly httpStatusCode: number | undefined,
  ) {
    super(`sts:AssumeRole on ${roleArn} failed (${upstreamName})`);
  }
}

const SESSION_NAME_MAX = 64;
const SESSION_NAME_INVALID = /[^\w+=,.@-]/g;

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

function errorInfo(error: unknown): { name: string; status: number | undefined } {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return { name: typeof e?.name === 'string' ? e.name : 'Error', status: e?.$metadata?.httpStatusCode };
}

/**
 * Credentials closer to expiry than this are never served while renewing: the
 * request waits for the new ones. Above it, requests use the current session
 * and the renewal runs beside them.
 */
export const RENEW_AHEAD_MIN_REMAINING_MS = 2 * 60_000;

/** The SDK's own window: its memo asks the provider again from this long before expiry. */
export const RENEW_AHEAD_WINDOW_MS = 5 * 60_000;

/**
 * Stale-while-revalidate for an SDK client's credentials. The client's memo
 * calls the provider when its credentials are missing, within 5 minutes of
 * expiry, or on `forceRefresh`. While the current credentials still have more
 * than `minRemainingMs` left, that early call gets them back at once and one
 * renewal starts in the background (shared, failures only logged through
 * `onRenewError`: the next call tries again). Once renewed, the memo (still
 * holding the old ones) gets the new credentials without another AssumeRole.
 * Otherwise, and always on `forceRefresh`, it waits for new credentials.
 */
export function renewAhead(
  provider: AwsCredentialIdentityProvider,
  options: { minRemainingMs?: number; onRenewError?: (error: unknown) => void } = {},
): AwsCredentialIdentityProvider {
  const minRemainingMs = options.minRemainingMs ?? RENEW_AHEAD_MIN_REMAINING_MS;
  let current: AwsCredentialIdentity | undefined;
  let renewal: Promise<AwsCredentialIdentity> | undefined;
  const renew = (properties?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
    renewal ??= provider(properties)
      .then((fresh) => (current = fresh))
      .finally(() => (renewal = undefined));
    return renewal;
  };
  return async (properties) => {
    const forced = (properties as { forceRefresh?: boolean } | undefined)?.forceRefresh === true;
    const remaining = current?.expiration ? current.expiration.getTime() - Date.now() : undefined;
    if (!forced && current && remaining !== undefined && remaining > minRemainingMs) {
      if (remaining <= RENEW_AHEAD_WINDOW_MS) renew(properties).catch((error: unknown) => options.onRenewError?.(error));
      return current;
    }
    return renew(properties);
  };
}

/** An sts:AssumeRole credential provider for one target (not memoized: give it to an SDK client). */
export function assumeRoleCredentials(target: AssumeRoleTarget, sts: StsSettings): AwsCredentialIdentityProvider {
  const provider = fromTemporaryCredentials({
    masterCredentials: fromEnv(),
    params: {
      RoleArn: target.roleArn,
      RoleSessionName: roleSessionName(sts.functionName, target.name),
      ...(target.externalId !== undefined && { ExternalId: target.externalId }),
      ...(target.sessionDurationSeconds !== undefined && { DurationSeconds: target.sessionDurationSeconds }),
    },
    clientConfig: {
      region: sts.region,
      maxAttempts: sts.maxAttempts,
      requestHandler: boundedHttpHandler(sts),
    },
  });
  return async (properties) => {
    try {
      return await provider(properties);
    } catch (error) {
      const { name, status } = errorInfo(error);
      throw new AssumeRoleFailure(target.roleArn, name, status);
    }
  };
}

/** The part of an SDK v3 client this module needs: its memoized credential provider. */
export interface ClientWithCredentials {
  config: { credentials: (options?: { forceRefresh?: boolean }) => Promise<AwsCredentialIdentity> };
}

/**
 * Starts the client's first AssumeRole now without waiting for it. The result
 * lands in the client's own memo, so the first request reuses it (or joins it
 * while still in flight). A failure is reported to `onError` and forgotten; the
 * next request tries again.
 */
export function prefetchCredentials(client: ClientWithCredentials, onError: (error: unknown) => void): void {
  client.config.credentials().then(
    () => undefined,
    (error: unknown) => onError(error),
  );
}

/** Drops the client's cached credentials and assumes the role again. */
export async function refreshCredentials(client: ClientWithCredentials): Promise<AwsCredentialIdentity> {
  return client.config.credentials({ forceRefresh: true });
}

const EXPIRED_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId']);
const EXPIRED_MESSAGE = /security token included in the request is (expired|invalid)/i;

/** True when a service answered that the session credentials are expired or not recognised. */
export function isExpiredCredentialsError(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown };
  return (
    (typeof e?.name === 'string' && EXPIRED_NAMES.has(e.name)) ||
    (typeof e?.message === 'string' && EXPIRED_MESSAGE.test(e.message))
  );
}

/**
 * Runs `call`; if the service says the session token is expired or invalid,
 * drops the cached credentials, re-assumes once and retries once. If another
 * caller already replaced the credentials in between, it only retries.
 */
export async function withCredentialRetry<T>(client: ClientWithCredentials, call: () => Promise<T>): Promise<T> {
  const before = await client.config.credentials();
  try {
    return await call();
  } catch (error) {
    if (!isExpiredCredentialsError(error)) throw error;
    const current = await client.config.credentials();
    if (current === before) await refreshCredentials(client);
    return call();
  }
}
