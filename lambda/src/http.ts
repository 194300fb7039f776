/**
 * The HTTP handler every AWS client of the function uses (STS inside the
 * credential provider, and the target service's client).
 *
 * @smithy/node-http-handler bounds an attempt piecewise: `connectionTimeout`
 * the TCP/TLS connect, `requestTimeout` (with `throwOnRequestTimeout`, else it
 * only logs a warning) the time until the response headers, `socketTimeout`
 * each idle gap. None of them bounds the body: the handler resolves with the
 * headers and the SDK reads the body afterwards (inside the same attempt, in
 * its deserializer), so an answer whose body trickles a byte at a time, never
 * idle for long, kept an attempt open indefinitely.
 *
 * `boundedHttpHandler` adds a total deadline per attempt, headers and body:
 * connect + request timeout. Before the headers it aborts the request through
 * the handler's own per-request `abortSignal`; after them it destroys the
 * response body, which fails the SDK's body read. Either way the attempt fails
 * with a `TimeoutError` (code ETIMEDOUT), which the standard retry mode treats
 * as transient and retries up to max attempts, and which the function reports
 * as its TimeoutError. So no attempt outlives connect + request timeout.
 */
import type { Readable } from 'node:stream';
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler';

export interface HttpTimeouts {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Total time one attempt may take, from sending the request to the last byte of the body. */
export function attemptDeadlineMs(timeouts: HttpTimeouts): number {
  return timeouts.connectTimeoutMs + timeouts.requestTimeoutMs;
}

type HandleArgs = Parameters<NodeHttpHandler['handle']>;
type HandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;
/** The per-request options' signal (@smithy's AbortSignal: a DOM AbortSignal or a look-alike). */
type CallerSignal = NonNullable<NonNullable<HandleArgs[1]>['abortSignal']>;

function deadlineError(deadlineMs: number, phase: 'headers' | 'body'): Error {
  return Object.assign(
    new Error(`the attempt exceeded its total deadline of ${deadlineMs} ms (connect + request timeout) while waiting for the response ${phase}`),
    { name: 'TimeoutError', code: 'ETIMEDOUT' },
  );
}

function isReadable(body: unknown): body is Readable {
  return typeof (body as Readable | undefined)?.destroy === 'function' && typeof (body as Readable).once === 'function';
}

/** Follows the caller's signal (DOM AbortSignal or @smithy's look-alike); returns how to stop following. */
function follow(caller: CallerSignal | undefined, onAbort: () => void): () => void {
  if (!caller) return () => undefined;
  if (caller.aborted) {
    onAbort();
    return () => undefined;
  }
  const target = caller as unknown as Partial<EventTarget>;
  if (typeof target.addEventListener === 'function' && typeof target.removeEventListener === 'function') {
    target.addEventListener('abort', onAbort, { once: true });
    return () => target.removeEventListener?.('abort', onAbort);
  }
  const previous = caller.onabort;
  caller.onabort = function (this: unknown, ...args: unknown[]) {
    onAbort();
    if (typeof previous === 'function') (previous as (...a: unknown[]) => unknown).apply(this, args);
  } as CallerSignal['onabort'];
  return () => {
    caller.onabort = previous;
  };
}

/** NodeHttpHandler whose every `handle()` (one attempt) ends within `deadlineMs`, body included. */
class DeadlineHttpHandler extends NodeHttpHandler {
  constructor(
    private readonly deadlineMs: number,
    options: NodeHttpHandlerOptions,
  ) {
    super(options);
  }

  override async handle(request: HandleArgs[0], options: HandleArgs[1] = {}): Promise<HandleResult> {
    const deadlineMs = this.deadlineMs;
    // Aborts the request before its headers arrive (the caller's abort, or the deadline).
    const beforeHeaders = new AbortController();
    let timedOut = false;
    let onDeadline = (): void => {
      timedOut = true;
      beforeHeaders.abort(deadlineError(deadlineMs, 'headers'));
    };
    const timer = setTimeout(() => onDeadline(), deadlineMs);
    timer.unref();
    const unfollow = follow(options.abortSignal, () => beforeHeaders.abort((options.abortSignal as { reason?: unknown } | undefined)?.reason));
    const done = (): void => {
      clearTimeout(timer);
      unfollow();
    };

    let result: HandleResult;
    try {
      result = await super.handle(request, { ...options, abortSignal: beforeHeaders.signal as unknown as CallerSignal });
    } catch (error) {
      done();
      throw timedOut ? deadlineError(deadlineMs, 'headers') : error;
    }
    const body: unknown = result.response.body;
    if (!isReadable(body) || body.destroyed || body.readableEnded) {
      done();
      return result;
    }
    // From here the deadline ends the body: the SDK's body reader fails with this error.
    onDeadline = () => body.destroy(deadlineError(deadlineMs, 'body'));
    body.once('end', done);
    body.once('close', done);
    body.once('error', done);
    return result;
  }
}

export function boundedHttpHandler(timeouts: HttpTimeouts): NodeHttpHandler {
  return new DeadlineHttpHandler(attemptDeadlineMs(timeouts), {
    connectionTimeout: timeouts.connectTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeouts.requestTimeoutMs,
  });
}
