/**
 * The invocation path of the Customer Profiles function, with the Pinpoint
 * function's event contract (parseEvent from lambda/src/event.ts) and result
 * shapes: validate, pick the target, run the operation on the target's domain
 * (one re-assume and retry on an expired session), map errors, log one line.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { toFunctionError, upstreamName } from './errors';
import { getEndpoint, updateEndpoint, type UpdateOptions } from './profiles';
import { InvalidRequestError, parseEvent, withCredentialRetry, type FunctionEvent, type Result } from './runtime';
import type { CustomerProfilesTarget } from './targets';

export type { Result };
export type Handler = (event: unknown, context?: Context) => Promise<Result>;

function resolveTarget(targets: ReadonlyMap<string, CustomerProfilesTarget>, name: string | undefined): CustomerProfilesTarget {
  const configured = [...targets.keys()].join(', ');
  if (name !== undefined) {
    const target = targets.get(name);
    if (!target) throw new InvalidRequestError(`target: unknown target "${name}"; configured: ${configured}`);
    return target;
  }
  if (targets.size === 1) return [...targets.values()][0] as CustomerProfilesTarget;
  throw new InvalidRequestError(`target: is required when more than one target is configured (${configured})`);
}

export async function run(request: FunctionEvent, target: CustomerProfilesTarget, options: UpdateOptions = {}): Promise<Result> {
  const { client, domain, name } = target;
  if (request.operation === 'getEndpoint') {
    const endpoint = await withCredentialRetry(client, () => getEndpoint(client, domain, request.endpointId));
    return endpoint === undefined
      ? { status: 'not_found', operation: 'getEndpoint', target: name, endpointId: request.endpointId }
      : { status: 'ok', operation: 'getEndpoint', target: name, endpoint };
  }
  const { requestId } = await withCredentialRetry(client, () => updateEndpoint(client, domain, request.endpointId, request.endpoint, options));
  return { status: 'ok', operation: 'updateEndpoint', target: name, ...(requestId && { requestId }) };
}

export function createHandler(deps: { targets: ReadonlyMap<string, CustomerProfilesTarget>; logger: Logger; options?: UpdateOptions }): Handler {
  const { targets, logger } = deps;
  return async (event, context) => {
    const started = performance.now();
    if (context) logger.addContext(context);
    let operation: string | undefined;
    let targetName: string | undefined;
    try {
      const request = parseEvent(event);
      operation = request.operation;
      const target = resolveTarget(targets, request.target);
      targetName = target.name;
      let result: Result;
      try {
        result = await run(request, target, deps.options);
      } catch (error) {
        const mapped = toFunctionError(error, { operation: request.operation, target });
        (mapped as { upstream?: string }).upstream = upstreamName(error);
        throw mapped;
      }
      logger.info('request completed', { operation, target: targetName, outcome: result.status, latencyMs: Math.round(performance.now() - started) });
      return result;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const upstream = (error as { upstream?: string }).upstream;
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
