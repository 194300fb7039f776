/**
 * The stack's own reads from moto on a plug-in's behalf (a queue's policy, a
 * key's policy, a bucket's owner): unchecked, in the account given, signed
 * with the stack's internal key so moto knows region and service.
 */
import { forwardToMoto, type UpstreamAnswer } from '../gateway/proxy';
import { MOTO_INTERNAL_CREDENTIALS } from '../moto/moto-clients';
import type { ServiceContext } from './types';

export interface MotoCall {
  service: string;
  region: string;
  account: string;
  method?: string;
  path?: string;
  /** JSON protocol: `AmazonSQS.GetQueueAttributes` */
  target?: string;
  body?: unknown;
}

export function motoCall(ctx: Pick<ServiceContext, 'motoEndpoint'>, call: MotoCall): Promise<UpstreamAnswer> {
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  const headers: Record<string, string> = {
    authorization: `AWS4-HMAC-SHA256 Credential=${MOTO_INTERNAL_CREDENTIALS.accessKeyId}/${date}/${call.region}/${call.service}/aws4_request, SignedHeaders=host, Signature=0`,
    'x-moto-account-id': call.account,
  };
  if (call.target) {
    headers['x-amz-target'] = call.target;
    headers['content-type'] = 'application/x-amz-json-1.0';
  }
  const body = call.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(call.body));
  return forwardToMoto(ctx.motoEndpoint, call.method ?? 'POST', call.path ?? '/', headers, body);
}

/** The JSON answer of a call, or undefined when moto refused it (no such resource, no policy). */
export async function motoJson<T>(ctx: Pick<ServiceContext, 'motoEndpoint'>, call: MotoCall): Promise<T | undefined> {
  const answer = await motoCall(ctx, call);
  if (answer.status !== 200) return undefined;
  return JSON.parse(answer.body.toString('utf8')) as T;
}
