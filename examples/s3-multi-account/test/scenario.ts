/**
 * s3-multi-account on the local stack, both apply orders in one run:
 *   1. target B is applied BEFORE the source (target first);
 *   2. the source is applied, the real bundle starts: B is read and reported on, C is refused
 *      (AssumeRoleDeniedError: C's role does not exist yet);
 *   3. target C is applied AFTER the source (source first): the same function process, not
 *      redeployed, now reads C too;
 *   4. the function pointed at a neighbour prefix (reports-old/ beside reports/) in B and at B's
 *      bucket from C's role is refused (AccessDeniedError) while nothing else changes.
 * Every root is destroyed at the end (concurrently), also after a failure.
 */
import path from 'node:path';

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { applyRoot, type AppliedRoot } from '../../../stack/src/apply-root';
import { startFunctionProcess, type FunctionProcess } from '../../../stack/src/function-process';
import { withTargets, type TargetConfig } from '../../../stack/src/local-flow';
import type { LocalStack } from '../../../stack/src/types';
import type { Scenario, ScenarioContext } from '../../../scripts/demo/scenario';

const EXAMPLE = 'examples/s3-multi-account';
const BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'examples', 's3-multi-account', 'index.js');
export const REGION = 'eu-west-1';
const READ_PREFIX = 'incoming/';
const REPORT_PREFIX = 'reports/';
/** Objects each target root seeds: two to read, one neighbour sharing the string "reports". */
export const SAMPLE_OBJECTS: Readonly<Record<string, string>> = {
  'incoming/orders.csv': 'id,total\n1,20\n2,22\n',
  'incoming/customers.csv': 'id,name\n1,Ada\n',
  'reports-old/summary.json': '{"note":"neighbour"}',
};

export interface FlowNames {
  prefix: string;
  functionName: string;
  roleName: string;
  bucket: Record<'b' | 'c', string>;
}

export function flowNames(prefix: string, stack: Pick<LocalStack, 'accounts'>): FlowNames {
  return {
    prefix,
    functionName: `${prefix}-reporter`,
    roleName: `${prefix}-reader`,
    bucket: { b: `${prefix}-data-${stack.accounts.target}`, c: `${prefix}-data-${stack.accounts.second}` },
  };
}

interface TargetResult {
  target: string;
  status: 'ok' | 'error';
  bucket: string;
  objects?: Array<{ key: string; bytes: number; lines: number }>;
  reportKey?: string;
  error?: { name: string; upstream?: string };
}

export interface Flow {
  names: FlowNames;
  roots: { b: AppliedRoot; c: AppliedRoot; source: AppliedRoot };
  /** the function's environment as Terraform rendered it */
  env: Record<string, string>;
  executionRoleArn: string;
  functionArn: string;
  /** results of the invocation after both targets exist */
  report: { status: string; results: TargetResult[] };
  /** results of the invocation pointed at the neighbours */
  refused: { status: string; results: TargetResult[] };
  /** destroys every root (concurrently) and stops the functions; idempotent */
  cleanup(): Promise<void>;
}

function targetVars(stack: LocalStack, names: FlowNames, which: 'b' | 'c'): Record<string, unknown> {
  return {
    region: REGION,
    account_id: which === 'b' ? stack.accounts.target : stack.accounts.second,
    lambda_account_id: stack.accounts.source,
    function_name: names.functionName,
    role_name: names.roleName,
    bucket_name: names.bucket[which],
    read_prefix: READ_PREFIX,
    report_prefix: REPORT_PREFIX,
    sample_objects: SAMPLE_OBJECTS,
    tags: { example: 's3-multi-account', prefix: names.prefix },
  };
}

function sourceVars(stack: LocalStack, names: FlowNames): Record<string, unknown> {
  const target = (account: string, bucket: string) => ({ account_id: account, role_name: names.roleName, region: REGION, bucket, read_prefix: READ_PREFIX, report_prefix: REPORT_PREFIX });
  return {
    region: REGION,
    account_id: stack.accounts.source,
    function_name: names.functionName,
    targets: { b: target(stack.accounts.target, names.bucket.b), c: target(stack.accounts.second, names.bucket.c) },
    tags: { example: 's3-multi-account', prefix: names.prefix },
  };
}

const byTarget = (results: TargetResult[], name: string): TargetResult | undefined => results.find((r) => r.target === name);
const summary = (r: TargetResult | undefined): string =>
  !r ? 'no result' : r.status === 'ok' ? `${r.objects?.length ?? 0} objects read, report ${r.reportKey}` : `${r.error?.name} (${r.error?.upstream ?? '-'})`;

/** The whole flow; checks go to ctx.report, cleanup is registered with ctx.onCleanup. */
export async function runFlow(ctx: ScenarioContext, prefix = 's3ma'): Promise<Flow> {
  const { stack, signal, log } = ctx;
  const names = flowNames(prefix, stack);
  const applied: AppliedRoot[] = [];
  const functions: FunctionProcess[] = [];
  let cleaned = false;
  const cleanup = async (): Promise<void> => {
    if (cleaned) return;
    cleaned = true;
    await Promise.all(functions.map((f) => f.stop().catch(() => undefined)));
    const results = await Promise.allSettled(applied.map((r) => r.destroy()));
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) throw new Error(`${failed.length} terraform destroy run(s) failed: ${failed.map((f) => String((f as PromiseRejectedResult).reason)).join('; ')}`);
  };
  ctx.onCleanup(cleanup);
  const apply = async (dir: 'target' | 'source', account: string, vars: Record<string, unknown>): Promise<AppliedRoot> => {
    const started = Date.now();
    const root = await applyRoot(stack, { dir: `${EXAMPLE}/${dir}`, account, region: REGION, vars, log, signal });
    applied.push(root);
    log(`${dir} applied into ${account} in ${Date.now() - started} ms`);
    return root;
  };
  const check = (title: string, passed: boolean, details: string[] = [], ms?: number): void => ctx.report({ title, passed, details, ...(ms !== undefined ? { ms } : {}) });

  // 1. Target B first, then the source (B's role exists before the function does).
  let t0 = Date.now();
  const b = await apply('target', stack.accounts.target, targetVars(stack, names, 'b'));
  const source = await apply('source', stack.accounts.source, sourceVars(stack, names));
  const env = Object.fromEntries(Object.entries(source.outputs.environment_variables as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const executionRoleArn = source.output('execution_role_arn');
  const functionArn = source.output('function_arn');
  check('applied target B, then the source (target first)', true, [], Date.now() - t0);

  const credentials = await stack.lambdaServiceCredentials(executionRoleArn, { functionArn });
  const start = async (fnEnv: Record<string, string>): Promise<FunctionProcess> => {
    const fn = await startFunctionProcess({
      bundlePath: BUNDLE,
      env: fnEnv,
      credentials,
      stackEndpoint: stack.endpoint,
      region: REGION,
      functionName: names.functionName,
      clockOffsetMs: stack.clock.offsetMs(),
    });
    functions.push(fn);
    return fn;
  };
  const invoke = async (fn: FunctionProcess, reportName: string): Promise<{ status: string; results: TargetResult[] }> => {
    const out = await fn.invoke({ reportName });
    if (out.error) throw new Error(`the function failed: ${out.error.errorType}: ${out.error.errorMessage}`);
    return out.result as { status: string; results: TargetResult[] };
  };

  // 2. C's root is not applied yet: B works, C is refused by STS.
  const fn = await start(env);
  t0 = Date.now();
  const early = await invoke(fn, 'before-c');
  const earlyB = byTarget(early.results, 'b');
  const earlyC = byTarget(early.results, 'c');
  check(
    'before target C is applied: B is read, C is refused (AssumeRoleDeniedError)',
    early.status === 'partial' && earlyB?.status === 'ok' && earlyC?.error?.name === 'AssumeRoleDeniedError',
    [`b: ${summary(earlyB)}`, `c: ${summary(earlyC)}`],
    Date.now() - t0,
  );

  // 3. Target C after the source: the same process, not redeployed, reads C too.
  t0 = Date.now();
  const c = await apply('target', stack.accounts.second, targetVars(stack, names, 'c'));
  check('applied target C after the source (source first)', true, [], Date.now() - t0);
  t0 = Date.now();
  const report = await invoke(fn, 'after-c');
  const okB = byTarget(report.results, 'b');
  const okC = byTarget(report.results, 'c');
  const readBoth = [okB, okC].every((r) => r?.status === 'ok' && r.objects?.map((o) => o.key).sort().join() === 'incoming/customers.csv,incoming/orders.csv');
  check('B and C: both objects under incoming/ read, report written under reports/, without redeploying', report.status === 'ok' && readBoth, [`b: ${summary(okB)}`, `c: ${summary(okC)}`], Date.now() - t0);

  // The report is in each bucket, as each account's own operator sees it.
  const written: string[] = [];
  for (const [which, account] of [['b', stack.accounts.target], ['c', stack.accounts.second]] as const) {
    const s3 = new S3Client({ endpoint: stack.endpoint, region: REGION, forcePathStyle: true, credentials: await stack.operatorCredentials(account) });
    const got = await s3.send(new GetObjectCommand({ Bucket: names.bucket[which], Key: `${REPORT_PREFIX}after-c.json` })).catch(() => undefined);
    const body = got?.Body ? (JSON.parse(await got.Body.transformToString()) as { objects?: unknown[] }) : undefined;
    if (body?.objects?.length === 2) written.push(which);
  }
  check('each account holds its report object (read back by its own operator)', written.join() === 'b,c', [`found in: ${written.join(', ') || 'none'}`]);

  // 4. Neighbours: B's settings point at reports-old/ (shares the string "reports"), C's at B's bucket.
  const neighbourEnv = withTargets(env, (targets: Record<string, TargetConfig>) => ({
    b: { ...targets.b!, settings: { ...targets.b!.settings, readPrefix: 'reports-old/' } },
    c: { ...targets.c!, settings: { ...targets.c!.settings, bucket: names.bucket.b } },
  }));
  const probe = await start(neighbourEnv);
  t0 = Date.now();
  const refused = await invoke(probe, 'neighbours');
  const refB = byTarget(refused.results, 'b');
  const refC = byTarget(refused.results, 'c');
  check('B: listing the neighbour prefix reports-old/ is refused (AccessDeniedError, S3 AccessDenied)', refB?.error?.name === 'AccessDeniedError' && refB.error.upstream === 'AccessDenied', [`b: ${summary(refB)}`], Date.now() - t0);
  check("C's role on B's bucket (no grant there) is refused (AccessDeniedError, S3 AccessDenied)", refC?.error?.name === 'AccessDeniedError' && refC.error.upstream === 'AccessDenied', [`c: ${summary(refC)}`]);

  return { names, roots: { b, c, source }, env, executionRoleArn, functionArn, report, refused, cleanup };
}

export const scenario: Scenario = {
  name: 's3-multi-account',
  proves: 'one function reads a prefix in buckets of two accounts (B, C) and writes reports back; neighbour prefix and ungranted bucket refused; either apply order',
  run: async (ctx) => {
    await runFlow(ctx);
  },
};
