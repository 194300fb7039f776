/**
 * Injected failures for reliability tests: the next N requests to a service
 * (by plug-in name) are answered with a throttle or a server error before IAM
 * is evaluated. The plug-in gives the wire form (see services/errors.ts).
 */
export type FaultKind = 'throttle' | 'server-error';

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
