/**
 * The Customer Profiles function's invocation path: the shared endpoint handler
 * (../../shared/endpoint-handler.ts: the Pinpoint event contract and result
 * shapes, target choice, error mapping, one log line) with the endpoint
 * operations on the target's domain. The runtime's client re-assumes and
 * retries once on an expired session.
 */
import { createEndpointHandler, type Handler, type LoggerSource, type Result } from '../../shared/endpoint-handler';
import type { FunctionEvent } from '../../pinpoint/event';
import { toFunctionError } from './errors';
import { getEndpoint, updateEndpoint, type UpdateOptions } from './profiles';
import type { CustomerProfilesTarget } from './targets';

export type { Handler, Result };

export async function run(request: FunctionEvent, { target, domain, client }: CustomerProfilesTarget, options: UpdateOptions = {}): Promise<Result> {
  if (request.operation === 'getEndpoint') {
    const endpoint = await getEndpoint(client, domain, request.endpointId);
    return endpoint === undefined
      ? { status: 'not_found', operation: 'getEndpoint', target: target.name, endpointId: request.endpointId }
      : { status: 'ok', operation: 'getEndpoint', target: target.name, endpoint };
  }
  const { requestId } = await updateEndpoint(client, domain, request.endpointId, request.endpoint, options);
  return { status: 'ok', operation: 'updateEndpoint', target: target.name, ...(requestId && { requestId }) };
}

export function createHandler(deps: { targets: ReadonlyMap<string, CustomerProfilesTarget>; logger: LoggerSource; options?: UpdateOptions }): Handler {
  return createEndpointHandler({
    targets: deps.targets,
    logger: deps.logger,
    run: (request, target) => run(request, target, deps.options),
    toError: (error, request, target) => toFunctionError(error, { operation: request.operation, target }),
  });
}
