/**
 * SQS, both protocols: query (`Action=`, XML errors) and JSON
 * (`AmazonSQS.*`, errors with `x-amzn-query-error` so the SDK names them as
 * the query protocol does). Resource: the queue of QueueUrl (its account
 * included, so another account's queue is evaluated cross-account against
 * its queue policy (read for every call on an existing queue, so a Deny in
 * it applies in the same account too), and moto is asked in the owner's
 * account), or of
 * QueueName; `*` for ListQueues. Batch calls ask the single-message action.
 *
 * A queue's policy is kept for POLICY_TTL_MS after it is read (moto's
 * GetQueueAttributes grows with the number of messages in the queue: about
 * 75 ms at 1,000 messages) and forgotten at once when a call that can change
 * it (POLICY_WRITES) passes through. AWS itself takes up to a minute to apply
 * a queue policy change everywhere.
 */
import { errorShape, type ErrorShape } from './errors';
import { motoJson } from './moto-call';
import { fallbackName, queryOperation, targetOperation } from './protocol';
import type { ParsedRequest, ServiceContext, ServicePlugin } from './types';
import { decodePolicyDocument } from '../iam/policy-document';

const QUERY: ErrorShape = errorShape('query', { namespace: 'http://queue.amazonaws.com/doc/2012-11-05/' });
const JSON_SHAPE: ErrorShape = errorShape('json', {
  queryCompatible: true,
  accessDenied: { status: 403, code: 'AccessDenied' },
  unknownKey: { status: 403, code: 'InvalidClientTokenId' },
  expiredToken: { status: 403, code: 'ExpiredToken' },
  throttle: { status: 400, code: 'RequestThrottled' },
});

/** Operations whose IAM action is another name. */
export const ACTION: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

function operation(request: ParsedRequest): string | undefined {
  return targetOperation(request) ?? queryOperation(request);
}

export const POLICY_TTL_MS = 1000;
const POLICY_WRITES = new Set(['SetQueueAttributes', 'AddPermission', 'RemovePermission', 'DeleteQueue', 'CreateQueue']);

type PolicyCache = Map<string, { at: number; policy: Promise<ReturnType<typeof decodePolicyDocument>> }>;

function policyCache(ctx: Pick<ServiceContext, 'state'>): PolicyCache {
  let cache = ctx.state.get('sqs-policies') as PolicyCache | undefined;
  if (!cache) ctx.state.set('sqs-policies', (cache = new Map()));
  return cache;
}

function param(request: ParsedRequest, name: string): string | undefined {
  const value = request.json[name];
  return typeof value === 'string' ? value : (request.params.get(name) ?? undefined);
}

export const sqs: ServicePlugin = {
  name: 'sqs',
  signingNames: ['sqs'],
  terraformEndpoint: 'sqs',
  errors: (request) => (request.headers['x-amz-target'] ? JSON_SHAPE : QUERY),
  operationName: (request) => operation(request) ?? fallbackName(request),
  parse(request, caller, ctx) {
    const name = operation(request);
    if (!name) return undefined;
    const url = param(request, 'QueueUrl') ?? request.url.pathname;
    const fromUrl = url ? /\/(\d{12})\/([\w-]+(?:\.fifo)?)\/?$/.exec(url) : null;
    const queueName = fromUrl?.[2] ?? param(request, 'QueueName');
    const account = fromUrl?.[1] ?? param(request, 'QueueOwnerAWSAccountId') ?? caller.account;
    const resource = queueName ? `arn:aws:sqs:${request.region}:${account}:${queueName}` : '*';
    const queueUrl = `${ctx.motoEndpoint}/${account}/${queueName}`;
    const cache = policyCache(ctx);
    const writesPolicy = POLICY_WRITES.has(name);
    if (writesPolicy) cache.delete(resource);
    const read = async () => {
      const out = await motoJson<{ Attributes?: { Policy?: string } }>(ctx, {
        service: 'sqs',
        region: request.region,
        account,
        target: 'AmazonSQS.GetQueueAttributes',
        body: { QueueUrl: queueUrl, AttributeNames: ['Policy'] },
      });
      return decodePolicyDocument(out?.Attributes?.Policy);
    };
    const resourcePolicy = () => {
      // A call that may change the policy reads it uncached and leaves nothing behind: the next call reads the new one.
      if (writesPolicy) return read();
      const hit = cache.get(resource);
      if (hit && Date.now() - hit.at < POLICY_TTL_MS) return hit.policy;
      const policy = read();
      cache.set(resource, { at: Date.now(), policy });
      policy.catch(() => {
        if (cache.get(resource)?.policy === policy) cache.delete(resource);
      });
      return policy;
    };
    const existing = queueName !== undefined && name !== 'CreateQueue';
    return {
      name,
      authorizations: [{ action: `sqs:${ACTION[name] ?? name}`, resource, ...(existing ? { resourcePolicy } : {}) }],
      motoAccount: account,
    };
  },
};
