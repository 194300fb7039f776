/**
 * `renewAhead`: the one credential memo of a target, shared by all its clients.
 * It takes a provider (sts:AssumeRole) and returns a provider.
 *
 * Behaviour in one paragraph: the first call waits for the provider; every call
 * joins a renewal already in flight (single-flight). While the current
 * credentials have more than `minRemainingMs` left they are returned at once;
 * within `RENEW_AHEAD_WINDOW_MS` of expiry one renewal starts in the background
 * beside them (a failure is reported once to `onRenewError`, however many calls
 * joined it, and the next call tries again). Closer to expiry calls wait for new
 * credentials. `forceRefresh` renews, unless a renewal is in flight or completed
 * less than `FORCE_REFRESH_REUSE_MS` ago: N clients that see one revoked session
 * at once cause one AssumeRole. `replace(rejected)` is the exact form used by the
 * expired-session middleware: it renews only if `rejected` is still current.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** Below this remaining lifetime a call waits for new credentials instead of getting the current ones. */
export const RENEW_AHEAD_MIN_REMAINING_MS = 2 * 60_000;

/** From this long before expiry a renewal starts in the background (the SDK's own refresh window). */
export const RENEW_AHEAD_WINDOW_MS = 5 * 60_000;

/** A forceRefresh this soon after a completed renewal gets that renewal's credentials. */
export const FORCE_REFRESH_REUSE_MS = 2_000;

export interface RenewAheadOptions {
  /** Default RENEW_AHEAD_MIN_REMAINING_MS. */
  minRemainingMs?: number;
  /** Called once per failed background renewal (never for a renewal a caller waited for: it gets the error). */
  onRenewError?: (error: unknown) => void;
}

/** A renewing provider, plus `replace` for credentials a service has rejected. */
export interface RenewingProvider extends AwsCredentialIdentityProvider {
  /**
   * The service rejected `rejected` as expired or invalid: renews (single-flight)
   * if they are still the current credentials, else returns the newer current ones.
   */
  replace(rejected: AwsCredentialIdentity | undefined): Promise<AwsCredentialIdentity>;
}

const sameSession = (a: AwsCredentialIdentity, b: AwsCredentialIdentity): boolean =>
  a.accessKeyId === b.accessKeyId && a.sessionToken === b.sessionToken;

export function renewAhead(provider: AwsCredentialIdentityProvider, options: RenewAheadOptions = {}): RenewingProvider {
  const minRemainingMs = options.minRemainingMs ?? RENEW_AHEAD_MIN_REMAINING_MS;
  let current: AwsCredentialIdentity | undefined;
  let obtainedAt = 0;
  let renewal: Promise<AwsCredentialIdentity> | undefined;

  const renew = (properties?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
    renewal ??= provider(properties)
      .then((fresh) => {
        current = fresh;
        obtainedAt = Date.now();
        return fresh;
      })
      .finally(() => (renewal = undefined));
    return renewal;
  };
  const renewInBackground = (properties?: Parameters<AwsCredentialIdentityProvider>[0]): void => {
    if (renewal) return; // whoever started it handles its outcome
    renew(properties).catch((error: unknown) => options.onRenewError?.(error));
  };
  const remainingMs = (credentials: AwsCredentialIdentity): number =>
    credentials.expiration ? credentials.expiration.getTime() - Date.now() : Number.POSITIVE_INFINITY;

  const get: AwsCredentialIdentityProvider = async (properties) => {
    if ((properties as { forceRefresh?: boolean } | undefined)?.forceRefresh === true) {
      if (!renewal && current && Date.now() - obtainedAt < FORCE_REFRESH_REUSE_MS) return current;
      return renew(properties);
    }
    if (current) {
      const remaining = remainingMs(current);
      if (remaining > minRemainingMs) {
        if (remaining <= RENEW_AHEAD_WINDOW_MS) renewInBackground(properties);
        return current;
      }
    }
    return renew(properties);
  };
  const replace = async (rejected: AwsCredentialIdentity | undefined): Promise<AwsCredentialIdentity> => {
    if (renewal) return renewal;
    if (current && rejected && !sameSession(current, rejected) && remainingMs(current) > minRemainingMs) return current;
    return renew();
  };
  return Object.assign(get, { replace });
}
