/**
 * The SQS message a POST or PATCH becomes: the JSON body, attributes
 * method, path, requestId, source (from the config parameter) and signature
 * (HMAC-SHA256 of the body with the SSM credential, hex), plus itemId on a
 * PATCH, idempotencyKey when the caller sent an Idempotency-Key header (a
 * standard queue's consumer deduplicates on it). On a FIFO queue: MessageGroupId = the item id (POST: "items"), so
 * changes to one item stay in order, and MessageDeduplicationId = the
 * Idempotency-Key header or else the request id, so a retried send within
 * SQS's 5-minute deduplication window is enqueued once.
 */
import { createHmac } from 'node:crypto';

import type { SendMessageCommandInput } from '@aws-sdk/client-sqs';

import type { Loaded } from './config';
import type { HttpRequest } from './http-event';
import type { Action } from './routes';

export type SendAction = Extract<Action, { kind: 'send' }>;

export function signature(credential: string, body: string): string {
  return createHmac('sha256', credential).update(body, 'utf8').digest('hex');
}

export function messageInput(queue: { queueUrl: string; fifo: boolean }, request: HttpRequest, action: SendAction, loaded: Loaded): SendMessageCommandInput {
  const body = JSON.stringify(action.body);
  const text = (StringValue: string) => ({ DataType: 'String', StringValue });
  return {
    QueueUrl: queue.queueUrl,
    MessageBody: body,
    MessageAttributes: {
      method: text(request.method),
      path: text(request.path),
      requestId: text(request.requestId),
      source: text(loaded.config.source),
      signature: text(signature(loaded.credential, body)),
      ...(action.id !== undefined ? { itemId: text(action.id) } : {}),
      ...(action.idempotencyKey !== undefined ? { idempotencyKey: text(action.idempotencyKey) } : {}),
    },
    ...(queue.fifo ? { MessageGroupId: action.id ?? 'items', MessageDeduplicationId: action.idempotencyKey ?? request.requestId } : {}),
  };
}
