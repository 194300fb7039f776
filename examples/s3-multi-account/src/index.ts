/**
 * s3-multi-account: for every target account (B, C, …), list and read the objects under the
 * target's read prefix in its bucket, and write a small report object under its report prefix.
 * One credential per target (one AssumeRole each, shared by its client), the targets in parallel;
 * a target that fails is reported with a typed error and does not stop the others.
 *
 * Settings per target (modules/source-lambda `targets[*].settings`): bucket, readPrefix, reportPrefix.
 * Event: `{ "reportName"?: "daily-2026-11-30" }` (letters, digits, . _ -; default: the request id).
 * Logs: counts only, never object contents, credentials or endpoint addresses.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { errorInfo, targets, toCrossAccountError, type Target } from 'cross-account-lambda';

/** Bounded work per target and invocation. */
export const MAX_OBJECTS = 100;
const READ_CONCURRENCY = 4;
const REPORT_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

interface Reader {
  target: Target;
  s3: S3Client;
  bucket: string;
  readPrefix: string;
  reportPrefix: string;
}

// Module scope: validates CROSS_ACCOUNT_TARGETS and each target's settings once, and starts every AssumeRole during init.
const readers: Reader[] = [...targets().values()].map((target) => ({
  target,
  s3: target.client(S3Client),
  bucket: target.setting('bucket'),
  readPrefix: target.setting('readPrefix'),
  reportPrefix: target.setting('reportPrefix'),
}));

export interface ObjectSummary {
  key: string;
  bytes: number;
  lines: number;
}

export type TargetResult =
  | { target: string; account: string; status: 'ok'; bucket: string; objects: ObjectSummary[]; truncated: boolean; reportKey: string }
  | { target: string; account: string; status: 'error'; bucket: string; error: { name: string; message: string; upstream?: string } };

export interface ReportResult {
  status: 'ok' | 'partial' | 'error';
  results: TargetResult[];
}

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

function reportNameOf(event: unknown, requestId: string): string {
  const name = (event as { reportName?: unknown } | null)?.reportName;
  if (name === undefined) return requestId;
  if (typeof name !== 'string' || !REPORT_NAME.test(name)) {
    throw new InvalidRequestError('Invalid request: reportName: must be 1-128 letters, digits, ".", "_" or "-".');
  }
  return name;
}

/** Runs `call`, mapping what the SDK threw to the runtime's typed error for this target. */
async function s3Call<T>(r: Reader, operation: string, action: string, resource: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toCrossAccountError(error, { target: r.target, service: 'S3', operation, action, resource });
  }
}

async function listKeys(r: Reader): Promise<{ keys: string[]; truncated: boolean }> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3Call(r, 'ListObjectsV2', 's3:ListBucket', `s3://${r.bucket}/${r.readPrefix}`, () =>
      r.s3.send(new ListObjectsV2Command({ Bucket: r.bucket, Prefix: r.readPrefix, MaxKeys: MAX_OBJECTS - keys.length, ContinuationToken: token })),
    );
    for (const o of page.Contents ?? []) if (o.Key && !o.Key.endsWith('/')) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && keys.length < MAX_OBJECTS);
  return { keys, truncated: token !== undefined };
}

async function readObject(r: Reader, key: string): Promise<ObjectSummary> {
  const out = await s3Call(r, 'GetObject', 's3:GetObject', `s3://${r.bucket}/${key}`, () => r.s3.send(new GetObjectCommand({ Bucket: r.bucket, Key: key })));
  const body = (await out.Body?.transformToByteArray()) ?? new Uint8Array();
  let lines = 0;
  for (const b of body) if (b === 0x0a) lines += 1;
  return { key, bytes: body.byteLength, lines };
}

/** Reads with at most READ_CONCURRENCY requests in flight, keeping the listing's order. */
async function readAll(r: Reader, keys: string[]): Promise<ObjectSummary[]> {
  const out: ObjectSummary[] = new Array(keys.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const i = next++;
      out[i] = await readObject(r, keys[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, keys.length) }, worker));
  return out;
}

async function reportOne(r: Reader, reportName: string): Promise<TargetResult> {
  const { keys, truncated } = await listKeys(r);
  const objects = await readAll(r, keys);
  const reportKey = `${r.reportPrefix}${reportName}.json`;
  const report = { target: r.target.name, bucket: r.bucket, prefix: r.readPrefix, truncated, objects };
  await s3Call(r, 'PutObject', 's3:PutObject', `s3://${r.bucket}/${reportKey}`, () =>
    r.s3.send(new PutObjectCommand({ Bucket: r.bucket, Key: reportKey, Body: JSON.stringify(report), ContentType: 'application/json' })),
  );
  return { target: r.target.name, account: r.target.accountId, status: 'ok', bucket: r.bucket, objects, truncated, reportKey };
}

export const handler = async (event: unknown, context?: { awsRequestId?: string }): Promise<ReportResult> => {
  const reportName = reportNameOf(event, context?.awsRequestId ?? `report-${Date.now()}`);
  const settled = await Promise.allSettled(readers.map((r) => reportOne(r, reportName)));
  const results = settled.map((s, i): TargetResult => {
    if (s.status === 'fulfilled') return s.value;
    const r = readers[i]!;
    const e = s.reason as Error & { upstream?: string };
    return {
      target: r.target.name,
      account: r.target.accountId,
      status: 'error',
      bucket: r.bucket,
      error: { name: errorInfo(e).name, message: e.message, ...(e.upstream ? { upstream: e.upstream } : {}) },
    };
  });
  const failed = results.filter((x) => x.status === 'error').length;
  const status = failed === 0 ? 'ok' : failed === results.length ? 'error' : 'partial';
  console.log(JSON.stringify({ level: 'INFO', message: 'report', status, targets: results.length, failed, objects: results.reduce((n, x) => n + (x.status === 'ok' ? x.objects.length : 0), 0) }));
  return { status, results };
};
