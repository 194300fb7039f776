/**
 * Injected failures for reliability tests: the next N requests to a service
 * (by plug-in name) are answered with a throttle, a server error, an access
 * denial or an expired-token error before IAM is evaluated. The plug-in gives
 * the wire form (see services/errors.ts), so every kind works for every service.
 */
import type { ErrorShape } from '../services/errors';

export type FaultKind = 'throttle' | 'server-error' | 'access-denied' | 'expired-token';

/** Which of a plug-in's error codes answers each kind, and its message. */
export const FAULT_ANSWERS: Record<FaultKind, { code: keyof Pick<ErrorShape, 'throttle' | 'serverError' | 'accessDenied' | 'expiredToken'>; message: string }> = {
  throttle: { code: 'throttle', message: 'Rate exceeded' },
  'server-error': { code: 'serverError', message: 'We encountered an internal error. Please try again.' },
  'access-denied': { code: 'accessDenied', message: 'User is not authorized to perform this action (injected fault)' },
  'expired-token': { code: 'expiredToken', message: 'The security token included in the request is expired' },
};

export class FaultPlan {
  private readonly pending = new Map<string, FaultKind[]>();

  add(service: string, kind: FaultKind, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    const queue = this.pending.get(service) ?? [];
    for (let i = 0; i < times; i++) queue.push(kind);
    this.pending.set(service, queue);
  }

  clear(): void {
    this.pending.clear();
  }

  /** The fault due for this service's next request, if any. */
  take(service: string): FaultKind | undefined {
    return this.pending.get(service)?.shift();
  }
}
