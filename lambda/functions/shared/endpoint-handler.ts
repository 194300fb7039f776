/**
 * The invocation path shared by the shipped endpoint functions (Pinpoint, Customer
 * Profiles): validate the event (the Pinpoint event contract, functions/pinpoint/event.ts),
 * pick the target, run the function's operation, map errors to the runtime's typed
 * errors, log one structured line per invocation. Each function supplies `run` and `toError`.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { EndpointResponse } from '@aws-sdk/client-pinpoint';
import type { Context } from 'aws-lambda';
import { CrossAccountError, errorInfo, type Target } from '../../src/index';
import { InvalidRequestError } from '../pinpoint/errors';
import { parseEvent, type FunctionEvent } from '../pinpoint/event';

export type Result =
  | { status: 'ok'; operation: 'getEndpoint'; target: string; endpoint: EndpointResponse }
  | { status: 'ok'; operation: 'updateEndpoint'; target: string; requestId?: string }
  | { status: 'not_found'; operation: 'getEndpoint'; target: string; endpointId: string };

export type Handler = (event: unknown, context?: Context) => Promise<Result>;

/** What a function keeps per target: at least the runtime's Target. */
export interface FunctionTarget {
  target: Target;
}

/** The function's logger, or what builds it on first use (see ./lazy-logger.ts). */
export type LoggerSource = Logger | (() => Logger);

export interface EndpointFunction<T extends FunctionTarget> {
  targets: ReadonlyMap<string, T>;
  logger: LoggerSource;
  /** The operation on the target's service. */
  run(request: FunctionEvent, target: T): Promise<Result>;
  /** Anything `run` threw, as a typed error naming target, role, service and operation. */
  toError(error: unknown, request: FunctionEvent, target: T): CrossAccountError;
}

export function resolveTarget<T extends FunctionTarget>(targets: ReadonlyMap<string, T>, name: string | undefined): T {
  const configured = [...targets.keys()].join(', ');
  if (name !== undefined) {
    const target = targets.get(name);
    if (!target) throw new InvalidRequestError(`target: unknown target "${name}"; configured: ${configured}`);
    return target;
  }
  if (targets.size === 1) return [...targets.values()][0] as T;
  throw new InvalidRequestError(`target: is required when more than one target is configured (${configured})`);
}

/** The upstream error name for the log line: `sts:<name>` when STS failed. */
export function upstreamOf(error: unknown): string {
  if (error instanceof CrossAccountError) {
    return error.call.service === 'sts' ? `sts:${error.upstream ?? error.name}` : (error.upstream ?? error.name);
  }
  return errorInfo(error).name;
}

export function createEndpointHandler<T extends FunctionTarget>(fn: EndpointFunction<T>): Handler {
  const { targets, logger: source } = fn;
  const loggerOf = typeof source === 'function' ? source : () => source;
  return async (event, context) => {
    const started = performance.now();
    const logger = loggerOf();
    if (context) logger.addContext(context);
    let operation: string | undefined;
    let targetName: string | undefined;
    let upstream: string | undefined;
    try {
      const request = parseEvent(event);
      operation = request.operation;
      const target = resolveTarget(targets, request.target);
      targetName = target.target.name;
      let result: Result;
      try {
        result = await fn.run(request, target);
      } catch (error) {
        upstream = upstreamOf(error);
        throw fn.toError(error, request, target);
      }
      logger.info('request completed', {
        operation,
        target: targetName,
        outcome: result.status,
        latencyMs: Math.round(performance.now() - started),
      });
      return result;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const fields = {
        operation: operation ?? 'invalid',
        target: targetName,
        outcome: name,
        ...(upstream && upstream !== name && { upstreamError: upstream }),
        latencyMs: Math.round(performance.now() - started),
      };
      if (name === 'InvalidRequestError') logger.warn('request rejected', fields);
      else logger.error('request failed', fields);
      throw error;
    }
  };
}
