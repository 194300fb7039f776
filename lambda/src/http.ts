/**
 * The HTTP handler every AWS client of the function uses (STS inside the
 * credential provider, and the target service's client).
 *
 * `requestTimeout` alone only logs a warning in @smithy/node-http-handler:
 * `throwOnRequestTimeout` makes it fail the attempt with a TimeoutError (which
 * the SDK's standard retry mode then retries, up to max attempts), and
 * `socketTimeout` also ends a connection that goes idle mid-response. Together
 * with `connectionTimeout` no attempt can outlive its budget.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface HttpTimeouts {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export function boundedHttpHandler(timeouts: HttpTimeouts): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: timeouts.connectTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeouts.requestTimeoutMs,
  });
}
