/**
 * The forwarder's request path, independent of how its AWS calls are made
 * (index.ts wires the target's SDK clients; the unit tests wire counters):
 * parse and route the event (no AWS call on a bad request), then the
 * configuration from the cache, then one SQS send or one DynamoDB read.
 */
import type { GetItemCommandInput, GetItemCommandOutput, QueryCommandInput, QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import type { SendMessageCommandInput, SendMessageCommandOutput } from '@aws-sdk/client-sqs';
import type { CrossAccountError, Target } from 'cross-account-lambda';

import { ConfigUnavailableError, loadFromSsm, type GetParameters, type Loaded } from './config';
import { configCache } from './config-cache';
import { failureResponse, typed, type Call } from './failures';
import { parseHttpEvent, type HttpRequest } from './http-event';
import { jsonLine, type LogLine, type RequestLog } from './log';
import { messageInput } from './message';
import { getItemInput, queryInput, toJson } from './reads';
import { RequestError } from './request-error';
import { json, problem, type HttpResponse } from './responses';
import { route, type Action } from './routes';
import type { ForwarderSettings } from './settings';

export interface ForwarderCalls {
  getParameters: GetParameters;
  sendMessage: (input: SendMessageCommandInput) => Promise<SendMessageCommandOutput>;
  getItem: (input: GetItemCommandInput) => Promise<GetItemCommandOutput>;
  query: (input: QueryCommandInput) => Promise<QueryCommandOutput>;
}

export interface ForwarderOptions {
  target: Pick<Target, 'name' | 'roleArn' | 'region'>;
  settings: ForwarderSettings;
  calls: ForwarderCalls;
  log?: LogLine;
  now?: () => number;
}

export type Handler = (event: unknown, context?: { awsRequestId?: string }) => Promise<HttpResponse>;

const CALLS = {
  getParameters: { service: 'SSM', operation: 'GetParameters', action: 'ssm:GetParameters' },
  sendMessage: { service: 'SQS', operation: 'SendMessage', action: 'sqs:SendMessage' },
  getItem: { service: 'DynamoDB', operation: 'GetItem', action: 'dynamodb:GetItem' },
  query: { service: 'DynamoDB', operation: 'Query', action: 'dynamodb:Query' },
} as const satisfies Record<keyof ForwarderCalls, Call>;

function routeName(action: Action): string {
  return action.kind === 'query' ? 'GET /items?' : action.kind === 'get' ? 'GET /items/{id}' : action.id === undefined ? 'POST /items' : 'PATCH /items/{id}';
}

export function createForwarder(opts: ForwarderOptions): Handler {
  const { target, settings, calls } = opts;
  const log = opts.log ?? jsonLine;
  const now = opts.now ?? Date.now;

  const attempt = async <T>(call: Call, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw typed(error, target, call);
    }
  };

  const cache = configCache<Loaded>({
    ttlMs: settings.configTtlMs,
    now,
    load: async () => {
      try {
        return await loadFromSsm(calls.getParameters, { config: settings.configParameter, credential: settings.credentialParameter });
      } catch (error) {
        if (error instanceof ConfigUnavailableError) throw error;
        const e = typed(error, target, CALLS.getParameters);
        throw new ConfigUnavailableError(`SSM GetParameters failed (${e.name}${e.upstream ? `: ${e.upstream}` : ''})`);
      }
    },
    onStaleRefreshFailure: (error) => log('WARN', 'config refresh failed; serving the cached values', { error: (error as Error).name }),
  });

  const perform = async (request: HttpRequest, action: Action, loaded: Loaded): Promise<HttpResponse> => {
    const id = request.requestId;
    switch (action.kind) {
      case 'send': {
        const out = await attempt(CALLS.sendMessage, () => calls.sendMessage(messageInput(settings, request, action, loaded)));
        if (!out.MessageId) throw typed(Object.assign(new Error('no MessageId'), { name: 'NoMessageId' }), target, CALLS.sendMessage);
        return json(202, id, { messageId: out.MessageId });
      }
      case 'get': {
        const out = await attempt(CALLS.getItem, () => calls.getItem(getItemInput(settings, action.id)));
        return out.Item ? json(200, id, { item: toJson(out.Item) }) : problem(404, id, 'ItemNotFound', `no item with ${settings.tableKey} = the given id`);
      }
      case 'query': {
        const limit = Math.min(action.limit ?? loaded.config.queryLimit, loaded.config.queryLimit);
        const out = await attempt(CALLS.query, () => calls.query(queryInput(settings, action.value, limit)));
        const items = (out.Items ?? []).map(toJson);
        return json(200, id, { items, count: items.length });
      }
    }
  };

  return async (event, context) => {
    const started = now();
    let entry: RequestLog = { requestId: context?.awsRequestId ?? 'unknown', status: 0, durationMs: 0 };
    let response: HttpResponse;
    try {
      const request = parseHttpEvent(event);
      entry = { ...entry, requestId: request.requestId, method: request.method };
      const action = route(request, { indexKey: settings.indexKey, maxLimit: 100 });
      entry.route = routeName(action);
      response = await perform(request, action, await cache.get());
    } catch (error) {
      if (error instanceof RequestError) {
        response = problem(error.status, entry.requestId, error.code, error.message);
      } else {
        const e = error as Partial<CrossAccountError> & Error;
        entry.error = { name: e.name, service: e.call?.service, operation: e.call?.operation, upstream: e.upstream };
        response = failureResponse(error, entry.requestId);
      }
    }
    entry = { ...entry, status: response.statusCode, durationMs: now() - started };
    log(response.statusCode >= 500 ? 'ERROR' : 'INFO', 'request', entry);
    return response;
  };
}
