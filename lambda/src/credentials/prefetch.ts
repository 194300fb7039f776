/**
 * Starts a target's first AssumeRole at init without waiting for it, so cold
 * start overlaps STS with module load. The result lands in the target's shared
 * memo (renewAhead): the first request reuses it, or joins it while in flight.
 * A failure goes to `onError` and is forgotten; the next request tries again.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

export function prefetchCredentials(provider: AwsCredentialIdentityProvider, onError: (error: unknown) => void): void {
  provider().then(
    () => undefined,
    (error: unknown) => onError(error),
  );
}
