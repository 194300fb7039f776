/**
 * Injected failures for reliability tests: the next N requests to a service
 * are answered with a throttle or a server error in that service's own form
 * (Pinpoint REST-JSON, STS query XML), before IAM is evaluated.
 */
import { jsonError, queryError, requestId, type GatewayResponse } from './responses';

export type FaultKind = 'throttle' | 'server-error';
export type FaultService = 'sts' | 'pinpoint';

export class FaultPlan {
  private readonly pending: Record<FaultService, FaultKind[]> = { sts: [], pinpoint: [] };

  add(service: FaultService, kind: FaultKind, times: number): void {
    if (!Number.isInteger(times) || times < 1) throw new RangeError(`times must be a positive integer, got ${times}`);
    for (let i = 0; i < times; i++) this.pending[service].push(kind);
  }

  clear(): void {
    this.pending.sts = [];
    this.pending.pinpoint = [];
  }

  /** The injected answer for this request, if one is due. */
  take(service: string, action: string): GatewayResponse | undefined {
    const queue = service === 'sts' ? this.pending.sts : service === 'pinpoint' ? this.pending.pinpoint : undefined;
    const kind = queue?.shift();
    if (!kind) return undefined;
    if (service === 'sts') {
      return kind === 'throttle'
        ? queryError(action, 400, 'Throttling', 'Rate exceeded')
        : { ...queryError(action, 500, 'InternalFailure', 'The request processing has failed because of an unknown error.'), headers: { 'content-type': 'text/xml' } };
    }
    return kind === 'throttle'
      ? jsonError(action, 429, 'TooManyRequestsException', { Message: 'Too many requests', RequestID: requestId() })
      : jsonError(action, 500, 'InternalServerErrorException', { Message: 'Internal server error', RequestID: requestId() });
  }
}
