/**
 * examples/customer-profiles end to end on one local stack:
 * - the demo scenario (source root first, refusals), every check passing;
 * - a plan after apply changes nothing (the provider reads the domain back as written);
 * - contract parity: the Pinpoint integration suite's endpoint cases
 *   (test/integration/endpoint-cases.ts, unchanged) through the Pinpoint bundle
 *   (examples/local on the same stack) and through the Customer Profiles bundle
 *   give the same normalised outcomes, each as the table expects;
 * - terraform destroy of the example's two roots leaves nothing of it in either account.
 * The two deployments are applied concurrently; the Pinpoint one goes with the stack.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CustomerProfilesClient, GetDomainCommand, ListDomainsCommand, SearchProfilesCommand } from '@aws-sdk/client-customer-profiles';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';

import type { Check, ScenarioContext } from '../../../scripts/demo/scenario';
import { startFunctionProcess, type FunctionProcess } from '../../../stack/src/function-process';
import { startLocalStack } from '../../../stack/src/index';
import { withPinpointApp } from '../../../stack/src/local-flow';
import { provisionLocal, type Provisioned } from '../../../stack/src/provision';
import type { LocalStack } from '../../../stack/src/types';
import { CASE_ENDPOINT_ID, ENDPOINT_CASES, normalise, variantEnvironment, type TargetVariant } from '../../../test/integration/endpoint-cases';
import { customerProfilesClient, deployScenario, NAMES, onDomain, type Deployment } from './scenario';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The Pinpoint side of the parity test: examples/local, its own names (not `cprof-`). */
const PINPOINT_PREFIX = 'cpparity';

let stack: LocalStack | undefined;
let pinpointWorkDir: string | undefined;
let deployment: Deployment | undefined;
let pinpoint: Provisioned | undefined;
const checks: Check[] = [];
const cleanups: Array<() => Promise<void>> = [];
const logs: string[] = [];
const processes: FunctionProcess[] = [];
let plans: Promise<Array<{ changes: boolean; output: string }>> = Promise.reject(new Error('beforeAll did not start the plans'));
plans.catch(() => undefined);

function ready(): { stack: LocalStack; deployment: Deployment; pinpoint: Provisioned } {
  if (!stack || !deployment || !pinpoint) throw new Error(`beforeAll did not finish; last Terraform lines:\n${logs.slice(-20).join('\n')}`);
  return { stack, deployment, pinpoint };
}

/**
 * The scenario's cleanup (terraform destroy of both roots, in reverse registration order). The
 * Pinpoint side is not destroyed: examples/local's destroy is test/integration/flow.test.ts's proof,
 * and its state goes with the stack (stopped in afterAll); only its work directory is removed.
 */
async function cleanUp(): Promise<void> {
  const steps = cleanups.splice(0).reverse();
  await Promise.all([
    (async () => {
      for (const fn of steps) await fn();
    })(),
    ...processes.splice(0).map((p) => p.stop().catch(() => undefined)),
  ]);
}

beforeAll(async () => {
  stack = await startLocalStack();
  pinpointWorkDir = await mkdtemp(path.join(os.tmpdir(), `${PINPOINT_PREFIX}-`));
  const ctx: ScenarioContext = {
    stack,
    signal: new AbortController().signal,
    report: (check) => checks.push(check),
    onCleanup: (fn) => cleanups.push(fn),
    log: (line) => logs.push(line),
  };
  const [cp, pp] = await Promise.allSettled([
    deployScenario(ctx),
    provisionLocal(stack, { externalId: `${PINPOINT_PREFIX}-external-id`, namePrefix: PINPOINT_PREFIX, sessionDurationSeconds: 900, workDir: pinpointWorkDir, log: (l) => logs.push(l) }),
  ]);
  if (cp.status === 'fulfilled') deployment = cp.value;
  if (pp.status === 'fulfilled') pinpoint = pp.value;
  const failed = [cp, pp].find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  // Terraform mostly waits: the plans run while the parity cases do.
  const d = ready().deployment;
  plans = Promise.all([d.target.plan(), d.source.plan()]);
  plans.catch(() => undefined);
}, 600_000);

afterAll(async () => {
  try {
    await cleanUp();
  } finally {
    await stack?.stop();
    if (pinpointWorkDir) await rm(pinpointWorkDir, { recursive: true, force: true });
  }
}, 300_000);

function operatorClient(s: LocalStack, region: string = NAMES.region): Promise<CustomerProfilesClient> {
  return s.operatorCredentials(s.accounts.target).then((c) => customerProfilesClient(s.endpoint, c, region));
}

test('the demo scenario: every check passed', () => {
  ready();
  expect(checks.filter((c) => !c.passed)).toEqual([]);
  expect(checks.map((c) => c.title)).toHaveLength(6);
});

test('the domain as Terraform configured it, in the target account', async () => {
  const { stack: s, deployment: d } = ready();
  const domain = await (await operatorClient(s)).send(new GetDomainCommand({ DomainName: NAMES.domain }));
  expect(domain).toMatchObject({ DomainName: NAMES.domain, DefaultExpirationDays: 30, Tags: { project: 'cross-account-endpoints' } });
  expect(d.target.output('domain_arn')).toBe(`arn:aws:profile:${NAMES.region}:${s.accounts.target}:domains/${NAMES.domain}`);
  expect(JSON.parse(d.target.output('permissions_policy'))).toMatchObject({
    Statement: [
      { Sid: 'CustomerProfiles', Action: ['profile:SearchProfiles', 'profile:UpdateProfile'], Resource: [d.target.output('domain_arn')] },
      { Sid: 'CustomerProfilesObjects', Action: ['profile:PutProfileObject', 'profile:PutProfileObjectType'] },
    ],
  });
});

describe('contract parity: the Pinpoint suite\'s endpoint cases, unchanged, on both functions', () => {
  const started = new Map<string, Promise<FunctionProcess>>();
  const functionFor = (kind: 'pinpoint' | 'customer-profiles', variant: TargetVariant): Promise<FunctionProcess> => {
    const key = `${kind}/${variant}`;
    let fn = started.get(key);
    if (!fn) {
      const { stack: s, deployment: d, pinpoint: p } = ready();
      if (kind === 'customer-profiles') fn = d.startFunction(variantEnvironment(d.env, variant, (t) => onDomain(t, NAMES.otherDomain)));
      else {
        const env = variantEnvironment(p.functionEnvironment, variant, (t) => withPinpointApp(t, p.otherPinpointAppId));
        fn = s.lambdaServiceCredentials(p.executionRoleArn, { durationSeconds: 3600, functionArn: p.functionArn }).then(async (credentials) => {
          const proc = await startFunctionProcess({ env, credentials, stackEndpoint: s.endpoint, region: p.region, functionName: p.functionName, clockOffsetMs: s.clock.offsetMs() });
          processes.push(proc);
          return proc;
        });
      }
      started.set(key, fn);
    }
    return fn;
  };

  beforeAll(async () => {
    // Cold starts in parallel, not one per case.
    const variants = [...new Set(ENDPOINT_CASES.map((c) => c.variant))];
    await Promise.all(variants.flatMap((v) => [functionFor('pinpoint', v), functionFor('customer-profiles', v)]));
  }, 120_000);

  test.each(ENDPOINT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { deployment: d, pinpoint: p } = ready();
    const [pp, cp] = await Promise.all([
      functionFor('pinpoint', c.variant).then((fn) => fn.invoke(c.event(p.targetName))),
      functionFor('customer-profiles', c.variant).then((fn) => fn.invoke(c.event(d.targetName))),
    ]);
    const [pinpointView, customerProfilesView] = [normalise(pp, p.targetName), normalise(cp, d.targetName)];
    expect(pinpointView).toMatchObject(c.expect);
    expect(customerProfilesView).toEqual(pinpointView);
  });

  test('the Customer Profiles side wrote one profile, in the configured domain only', async () => {
    const { stack: s } = ready();
    const operator = await operatorClient(s);
    const search = (DomainName: string) => operator.send(new SearchProfilesCommand({ DomainName, KeyName: 'pinpointEndpointId', Values: [CASE_ENDPOINT_ID] }));
    const found = await search(NAMES.domain);
    expect(found.Items).toHaveLength(1);
    expect(found.Items?.[0]).toMatchObject({ MobilePhoneNumber: '+15555550100', AccountNumber: 'user-42' });
    expect((await search(NAMES.otherDomain)).Items ?? []).toEqual([]);
  });
});

test('a plan after apply finds nothing to change in either root (the domain reads back as written)', async () => {
  ready();
  const planned = await plans;
  expect(planned.map((p) => (p.changes ? p.output.split('\n').filter((l) => /^\s*[~+-] |must be replaced|will be/.test(l)) : []))).toEqual([[], []]);
}, 180_000);

test('terraform destroy of both roots leaves none of the example\'s domains, roles or functions in either account', async () => {
  const { stack: s, pinpoint: p } = ready();
  const ours = async (): Promise<string[]> => {
    const found: string[] = [];
    for (const account of [s.accounts.source, s.accounts.target]) {
      const config = { endpoint: s.endpoint, region: NAMES.region, credentials: await s.operatorCredentials(account) };
      const roles = await new IAMClient(config).send(new ListRolesCommand({ MaxItems: 1000 }));
      const lambdas = await Promise.all([NAMES.region, p.region].map((region) => new LambdaClient({ ...config, region }).send(new ListFunctionsCommand({ MaxItems: 1000 }))));
      const domains = await customerProfilesClient(s.endpoint, config.credentials).send(new ListDomainsCommand({}));
      found.push(
        ...(roles.Roles ?? []).map((r) => r.RoleName ?? '').filter((n) => n.startsWith('cprof-')).map((n) => `${account} role ${n}`),
        ...lambdas.flatMap((l) => l.Functions ?? []).map((f) => f.FunctionName ?? '').filter((n) => n.startsWith('cprof-')).map((n) => `${account} function ${n}`),
        ...(domains.Items ?? []).map((x) => `${account} domain ${x.DomainName}`),
      );
    }
    return found.sort();
  };
  const before = await ours();
  expect(before).toEqual(
    expect.arrayContaining([
      `111111111111 function ${NAMES.functionName}`,
      `111111111111 role ${NAMES.functionName}`,
      `222222222222 role ${NAMES.roleName}`,
      `222222222222 domain ${NAMES.domain}`,
      `222222222222 domain ${NAMES.otherDomain}`,
    ]),
  );
  await cleanUp();
  expect(await ours()).toEqual([]);
}, 300_000);
