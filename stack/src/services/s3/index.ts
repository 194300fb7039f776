/**
 * S3 (REST-XML), path style (`/bucket/key`) and virtual-host style
 * (`bucket.s3.<region>.amazonaws.com`, `bucket.s3.localhost`,
 * `bucket.localhost`). operations.ts gives the action; the resource is the
 * bucket or the object, owned by the account whose moto backend lists the
 * bucket, and every call on an existing bucket is also evaluated against its
 * bucket policy (cross-account needs both sides). Context: s3:prefix,
 * s3:delimiter, s3:max-keys for listings; s3:ResourceAccount.
 */
import { decodePolicyDocument } from '../../iam/policy-document';
import { errorShape } from '../errors';
import { motoCall } from '../moto-call';
import { fallbackName } from '../protocol';
import type { Authorization, ParsedRequest, ServiceContext, ServicePlugin } from '../types';
import { s3Operation } from './operations';

interface Address {
  bucket?: string;
  key?: string;
}

const VIRTUAL_HOST = /^(.+?)\.(?:s3[.-][^:]*|localhost)(?::\d+)?$/;

export function s3Address(request: Pick<ParsedRequest, 'headers' | 'url'>): Address {
  const host = String(request.headers.host ?? '');
  const virtual = VIRTUAL_HOST.exec(host)?.[1];
  const rawSegments = request.url.pathname.split('/').slice(1);
  if (virtual) {
    const key = rawSegments.map(decodeURIComponent).join('/');
    return { bucket: virtual, ...(key ? { key } : {}) };
  }
  const [bucket, ...rest] = rawSegments;
  if (!bucket) return {};
  const key = rest.map(decodeURIComponent).join('/');
  return { bucket: decodeURIComponent(bucket), ...(rest.length > 0 && key ? { key } : {}) };
}

/** The account whose moto backend holds the bucket (moto's bucket namespace is global, as AWS's is). */
async function bucketOwner(ctx: ServiceContext, region: string, callerAccount: string, bucket: string): Promise<string | undefined> {
  for (const account of [callerAccount, ...ctx.accounts.filter((a) => a !== callerAccount)]) {
    const listing = await motoCall(ctx, { service: 's3', region, account, method: 'GET', path: '/' });
    if (listing.body.toString('utf8').includes(`<Name>${bucket}</Name>`)) return account;
  }
  return undefined;
}

function deletedKeys(body: Buffer): string[] {
  return [...body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]!);
}

export const s3: ServicePlugin = {
  name: 's3',
  signingNames: ['s3'],
  terraformEndpoint: 's3',
  errors: errorShape('rest-xml'),
  operationName(request) {
    const { bucket, key } = s3Address(request);
    return s3Operation(request.method, bucket, key, request.url.searchParams, Boolean(request.headers['x-amz-copy-source']))?.name ?? fallbackName(request);
  },
  async parse(request, caller, ctx) {
    const { bucket, key } = s3Address(request);
    const params = request.url.searchParams;
    const copySource = request.headers['x-amz-copy-source'];
    const op = s3Operation(request.method, bucket, key, params, Boolean(copySource));
    if (!op) return undefined;
    if (!bucket) return { name: op.name, authorizations: [{ action: op.action, resource: '*' }] };
    const owner = op.name === 'CreateBucket' ? caller.account : ((await bucketOwner(ctx, request.region, caller.account, bucket)) ?? caller.account);
    const resourcePolicy = async () => {
      const answer = await motoCall(ctx, { service: 's3', region: request.region, account: owner, method: 'GET', path: `/${bucket}?policy` });
      return answer.status === 200 ? decodePolicyDocument(answer.body.toString('utf8')) : undefined;
    };
    const context: Record<string, string> = { 's3:ResourceAccount': owner };
    for (const k of ['prefix', 'delimiter', 'max-keys'] as const) if (params.has(k)) context[`s3:${k}`] = params.get(k)!;
    const keys = op.name === 'DeleteObjects' ? deletedKeys(request.body) : key !== undefined ? [key] : [];
    const resources = op.object ? keys.map((k) => `arn:aws:s3:::${bucket}/${k}`) : [`arn:aws:s3:::${bucket}`];
    const ask = (action: string, resource: string): Authorization => ({
      action,
      resource,
      resourceAccount: owner,
      context,
      ...(op.name !== 'CreateBucket' ? { resourcePolicy } : {}),
    });
    const authorizations = resources.map((r) => ask(op.action, r));
    if (typeof copySource === 'string') {
      const source = decodeURIComponent(copySource.replace(/^\//, '').split('?')[0]!);
      authorizations.push({ action: 's3:GetObject', resource: `arn:aws:s3:::${source}`, resourceAccount: owner });
    }
    return { name: op.name, authorizations };
  },
};
