/**
 * The invocation path: validate the event, pick the target, call Pinpoint
 * (the runtime's client re-assumes and retries once on an expired session),
 * map errors to the runtime's typed errors, log one structured line per invocation.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { EndpointResponse } from '@aws-sdk/client-pinpoint';
import type { Context } from 'aws-lambda';
import { CrossAccountError, errorInfo, toCrossAccountError } from '../../src/index';
import type { PinpointTarget } from './apps';
import { InvalidRequestError } from './errors';
import { parseEvent, type FunctionEvent } from './event';
import { getEndpoint, updateEndpoint } from './pinpoint';

export type Result =
  | { status: 'ok'; operation: 'getEndpoint'; target: string; endpoint: EndpointResponse }
  | { status: 'ok'; operation: 'updateEndpoint'; target: string; requestId?: string }
  | { status: 'not_found'; operation: 'getEndpoint'; target: string; endpointId: string };

export type Handler = (event: unknown, context?: Context) => Promise<Result>;

const PINPOINT_ACTIONS = { getEndpoint: 'mobiletargeting:GetEndpoint', updateEndpoint: 'mobiletargeting:UpdateEndpoint' };

function resolveTarget(targets: ReadonlyMap<string, PinpointTarget>, name: string | undefined): PinpointTarget {
  if (name !== undefined) {
    const target = targets.get(name);
    if (!target) {
      throw new InvalidRequestError(`target: unknown target "${name}"; configured: ${[...targets.keys()].join(', ')}`);
    }
    return target;
  }
  if (targets.size === 1) return [...targets.values()][0] as PinpointTarget;
  throw new InvalidRequestError(
    `target: is required when more than one target is configured (${[...targets.keys()].join(', ')})`,
  );
}

async function run(request: FunctionEvent, { target, appId, client }: PinpointTarget): Promise<Result> {
  if (request.operation === 'getEndpoint') {
    const endpoint = await getEndpoint(client, appId, request.endpointId);
    return endpoint === undefined
      ? { status: 'not_found', operation: 'getEndpoint', target: target.name, endpointId: request.endpointId }
      : { status: 'ok', operation: 'getEndpoint', target: target.name, endpoint };
  }
  const requestId = await updateEndpoint(client, appId, request.endpointId, request.endpoint);
  return { status: 'ok', operation: 'updateEndpoint', target: target.name, ...(requestId && { requestId }) };
}

/** The upstream error name for the log line: `sts:<name>` when STS failed. */
function upstreamOf(error: unknown): string {
  if (error instanceof CrossAccountError) {
    return error.call.service === 'sts' ? `sts:${error.upstream ?? error.name}` : (error.upstream ?? error.name);
  }
  return errorInfo(error).name;
}

export function createHandler(deps: { targets: ReadonlyMap<string, PinpointTarget>; logger: Logger }): Handler {
  const { targets, logger } = deps;
  return async (event, context) => {
    const started = performance.now();
    if (context) logger.addContext(context);
    let operation: string | undefined;
    let targetName: string | undefined;
    let upstream: string | undefined;
    try {
      const request = parseEvent(event);
      operation = request.operation;
      const pinpoint = resolveTarget(targets, request.target);
      targetName = pinpoint.target.name;
      let result: Result;
      try {
        result = await run(request, pinpoint);
      } catch (error) {
        upstream = upstreamOf(error);
        throw toCrossAccountError(error, {
          target: pinpoint.target,
          service: 'Pinpoint',
          operation: request.operation,
          resource: `app ${pinpoint.appId}`,
          action: `${PINPOINT_ACTIONS[request.operation]} on this app's endpoints`,
        });
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
