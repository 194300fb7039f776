/**
 * Injected failures for reliability tests: requests to a service (by plug-in
 * name) answered with a throttle, a server error, an access denial or an
 * expired-token error before IAM is evaluated. The plug-in gives the wire form
 * (see services/errors.ts), so every kind works for every service. A rule
 * applies to the next `times` matching requests (Infinity: until cleared),
 * optionally only to requests whose URL path starts with `pathPrefix`, and
 * optionally to each matching request with a probability (the rest pass and do
 * not use up `times`).
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


export interface FaultOptions {
  /** 0 < p <= 1: each matching request fails with this probability (default 1) */
  probability?: number;
  /** only requests whose URL path (e.g. `/topics/a/b`) starts with this */
  pathPrefix?: string;
}

interface FaultRule extends FaultOptions {
  kind: FaultKind;
  remaining: number;
}

export class FaultPlan {
  private readonly rules = new Map<string, FaultRule[]>();

  constructor(private readonly random: () => number = Math.random) {}

  add(service: string, kind: FaultKind, times: number, options: FaultOptions = {}): void {
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) throw new RangeError(`times must be a positive integer or Infinity, got ${times}`);
    const p = options.probability;
    if (p !== undefined && !(p > 0 && p <= 1)) throw new RangeError(`probability must be in (0, 1], got ${p}`);
    const rules = this.rules.get(service) ?? [];
    rules.push({ kind, remaining: times, ...options });
    this.rules.set(service, rules);
  }

  clear(): void {
    this.rules.clear();
  }

  /** The fault due for this request to `service`, if any (the first rule that matches and fires). */
  take(service: string, path = '/'): FaultKind | undefined {
    const rules = this.rules.get(service);
    if (!rules) return undefined;
    for (const rule of rules) {
      if (rule.remaining <= 0 || (rule.pathPrefix !== undefined && !path.startsWith(rule.pathPrefix))) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.remaining -= 1;
      return rule.kind;
    }
    return undefined;
  }
}
