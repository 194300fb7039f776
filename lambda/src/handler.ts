/**
 * The invocation path: validate the event, pick the target, call Pinpoint
 * (with one credential refresh-and-retry on an expired session), map errors
 * to the typed errors of errors.ts, log one structured line per invocation.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { EndpointResponse } from '@aws-sdk/client-pinpoint';
import type { Context } from 'aws-lambda';
import type { Config } from './config';
import { AssumeRoleFailure, isExpiredCredentialsError, withCredentialRetry } from './credentials';
import {
  AccessDeniedError,
  AssumeRoleDeniedError,
  ConfigurationError,
  InvalidRequestError,
  TimeoutError,
  UpstreamError,
  FunctionError,
} from './errors';
import { parseEvent, type FunctionEvent } from './event';
import { getEndpoint, updateEndpoint } from './pinpoint';
import type { Target } from './targets';

export type Result =
  | { status: 'ok'; operation: 'getEndpoint'; target: string; endpoint: EndpointResponse }
  | { status: 'ok'; operation: 'updateEndpoint'; target: string; requestId?: string }
  | { status: 'not_found'; operation: 'getEndpoint'; target: string; endpointId: string };

export type Handler = (event: unknown, context?: Context) => Promise<Result>;

const PINPOINT_ACTIONS = { getEndpoint: 'mobiletargeting:GetEndpoint', updateEndpoint: 'mobiletargeting:UpdateEndpoint' };

interface Upstream {
  name: string;
  status?: number;
  attempts?: number;
  requestId?: string;
}

function describe(error: unknown): Upstream {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string } };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    status: e?.$metadata?.httpStatusCode,
    attempts: e?.$metadata?.attempts,
    requestId: e?.$metadata?.requestId,
  };
}

function detail(u: Upstream): string {
  const parts = [u.name];
  if (u.status !== undefined) parts.push(`HTTP ${u.status}`);
  if (u.attempts !== undefined) parts.push(`${u.attempts} attempt(s)`);
  if (u.requestId) parts.push(`AWS request id ${u.requestId}`);
  return parts.join(', ');
}

/** Maps anything thrown while serving a request to one of the typed errors. */
export function toFunctionError(error: unknown, request: FunctionEvent, target: Target): Error {
  // By class, not name: the SDK's own timeout errors are also called TimeoutError.
  if (error instanceof FunctionError) return error;
  if (error instanceof AssumeRoleFailure) {
    if (error.upstreamName === 'RegionDisabledException') {
      return new ConfigurationError(`STS is not activated in the function's region; cannot assume ${error.roleArn}.`);
    }
    if (error.upstreamName === 'AccessDenied' || error.httpStatusCode === 403) {
      return new AssumeRoleDeniedError(error.roleArn, error.upstreamName);
    }
    if (error.upstreamName === 'TimeoutError') {
      return new TimeoutError(`sts:AssumeRole on ${error.roleArn} timed out or lost its connection (target "${target.config.name}").`);
    }
    return new UpstreamError(
      `sts:AssumeRole on ${error.roleArn} failed for target "${target.config.name}" (${error.upstreamName}` +
        `${error.httpStatusCode !== undefined ? `, HTTP ${error.httpStatusCode}` : ''}).`,
    );
  }
  const u = describe(error);
  const where = `Pinpoint ${request.operation} on app ${target.config.pinpointAppId} (target "${target.config.name}", ${target.config.region})`;
  // The SDK's HTTP handler reports connect/request timeouts and connection resets alike as TimeoutError.
  if (u.name === 'TimeoutError') return new TimeoutError(`${where} timed out or lost its connection (${detail(u)}).`);
  if (isExpiredCredentialsError(error)) {
    return new UpstreamError(`${where} rejected the session credentials even after re-assuming ${target.config.roleArn} (${detail(u)}).`);
  }
  if (u.status === 403 || u.name === 'ForbiddenException' || u.name === 'AccessDeniedException') {
    return new AccessDeniedError(
      `${where} was denied to ${target.config.roleArn} (${detail(u)}). Check that the target role's permissions ` +
        `policy allows ${PINPOINT_ACTIONS[request.operation]} on this app's endpoints.`,
    );
  }
  return new UpstreamError(`${where} failed (${detail(u)}).`);
}

function resolveTarget(targets: ReadonlyMap<string, Target>, name: string | undefined): Target {
  if (name !== undefined) {
    const target = targets.get(name);
    if (!target) {
      throw new InvalidRequestError(`target: unknown target "${name}"; configured: ${[...targets.keys()].join(', ')}`);
    }
    return target;
  }
  if (targets.size === 1) return [...targets.values()][0] as Target;
  throw new InvalidRequestError(
    `target: is required when more than one target is configured (${[...targets.keys()].join(', ')})`,
  );
}

async function run(request: FunctionEvent, target: Target): Promise<Result> {
  const { client, config } = target;
  if (request.operation === 'getEndpoint') {
    const endpoint = await withCredentialRetry(client, () => getEndpoint(client, config.pinpointAppId, request.endpointId));
    return endpoint === undefined
      ? { status: 'not_found', operation: 'getEndpoint', target: config.name, endpointId: request.endpointId }
      : { status: 'ok', operation: 'getEndpoint', target: config.name, endpoint };
  }
  const requestId = await withCredentialRetry(client, () =>
    updateEndpoint(client, config.pinpointAppId, request.endpointId, request.endpoint),
  );
  return { status: 'ok', operation: 'updateEndpoint', target: config.name, ...(requestId && { requestId }) };
}

export function createHandler(deps: { config: Config; targets: ReadonlyMap<string, Target>; logger: Logger }): Handler {
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
      targetName = target.config.name;
      let result: Result;
      try {
        result = await run(request, target);
      } catch (error) {
        const mapped = toFunctionError(error, request, target);
        (mapped as { upstream?: string }).upstream =
          error instanceof AssumeRoleFailure ? `sts:${error.upstreamName}` : describe(error).name;
        throw mapped;
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
