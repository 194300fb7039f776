/**
 * The Pinpoint function's invocation path: the shared endpoint handler
 * (../shared/endpoint-handler.ts: validate, pick the target, map errors, log)
 * with Pinpoint's operations. The runtime's client re-assumes and retries once
 * on an expired session.
 */
import { toCrossAccountError } from '../../src/index';
import { createEndpointHandler, type Handler, type LoggerSource, type Result } from '../shared/endpoint-handler';
import type { PinpointTarget } from './apps';
import type { FunctionEvent } from './event';
import { getEndpoint, updateEndpoint } from './pinpoint';

export type { Handler, Result };

const PINPOINT_ACTIONS = { getEndpoint: 'mobiletargeting:GetEndpoint', updateEndpoint: 'mobiletargeting:UpdateEndpoint' };

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

export function createHandler(deps: { targets: ReadonlyMap<string, PinpointTarget>; logger: LoggerSource }): Handler {
  return createEndpointHandler({
    ...deps,
    run,
    toError: (error, request, pinpoint) =>
      toCrossAccountError(error, {
        target: pinpoint.target,
        service: 'Pinpoint',
        operation: request.operation,
        resource: `app ${pinpoint.appId}`,
        action: `${PINPOINT_ACTIONS[request.operation]} on this app's endpoints`,
      }),
  });
}
