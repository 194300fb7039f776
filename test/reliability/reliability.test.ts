/**
 * Faults and bad input against the REAL bundle (dist/index.js) in a function
 * process wired to the local stack through the fault proxy.
 *
 *  - Bad input: every corpus case is an InvalidRequestError naming the field
 *    and the rule, with no AWS call (stack and proxy request counts), and the
 *    same process serves the next good request.
 *  - Faults: the fault matrix, one table per service (cases/sts.ts,
 *    cases/pinpoint.ts; see cases/types.ts), run by `faultMatrix`: each row
 *    injects its faults at the proxy, checks the outcome, the attempts the
 *    proxy saw and the time taken, then that the same warm process serves the
 *    next good request and a credential refresh. Cold-start and connect-timeout
 *    cases, which need their own process, follow the tables.
 *  - Security: no credential, session token, endpoint address or user
 *    attribute in any line the function printed or any error it returned.
 *
 * Results go to .cache/reliability/; write-report.ts checks docs/reliability.md
 * and docs/reliability.json against them (or writes them: make reliability-doc).
 */
import type { FunctionProcess, InvokeOutcome } from '../../stack/src/function-process';
import { loadCorpus, secretMarker, type BadEventCase } from './corpus';
import { startBlackhole } from './blackhole';
import { pinpointError, stsError, type FaultRule } from './fault-proxy';
import { pinpointFaults } from './cases/pinpoint';
import { stsFaults } from './cases/sts';
import type { CaseEvent, FaultExpectation, FaultTable } from './cases/types';
import { budget, startHarness, timeoutBoundMs, type Harness } from './harness';
import { unexpectedRows, writeSection, type Measured } from './results';

jest.setTimeout(60_000);

let h: Harness;
let fn: FunctionProcess;
let endpointCounter = 0;
const errorMessagesSeen: string[] = [];
const badInputRows: string[][] = [];
const badInputMeasured: Measured[] = [];
let badInputAwsCalls = 0;
/** Corpus rows still waiting for a fix on another branch (run as test.failing). */
const faultRows: string[][] = [];
const faultMeasured: Measured[] = [];
const securityRows: string[][] = [];
const securityMeasured: Measured[] = [];
let startedAt = 0;

const oneLine = (s: string, max = 180): string => {
  const flat = s.replace(/[\r\n|]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/** What varies run to run in an error message: the Pinpoint app id and the emulator's request ids. */
const stable = (message: string): string =>
  message.replaceAll(h.provisioned.pinpointAppId, '{app}').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{uuid}');

/** The outcome as the report shows it (the per-run values replaced, see `stable`). */
function describeOutcome(o: InvokeOutcome): string {
  if (o.error) return `${o.error.errorType}: ${oneLine(stable(o.error.errorMessage))}`;
  const r = o.result as { status?: string } | undefined;
  return `result ${r?.status ?? JSON.stringify(o.result)}`;
}

/**
 * Function timeout for each invocation: twice the worst case the budget allows,
 * so a stuck call is reported (Sandbox.Timedout) without stalling the run.
 */
const invokeTimeoutMs = 2 * timeoutBoundMs();

async function invoke(process: FunctionProcess, event: unknown): Promise<InvokeOutcome> {
  const outcome = await process.invoke(event, { timeoutMs: invokeTimeoutMs });
  if (outcome.error) errorMessagesSeen.push(outcome.error.errorMessage);
  return outcome;
}

function goodUpdate(endpointId: string): Record<string, unknown> {
  return {
    operation: 'updateEndpoint',
    target: h.targetName,
    endpointId,
    endpoint: {
      ChannelType: 'EMAIL',
      Address: `${secretMarker}-addr-${endpointId}@example.com`,
      OptOut: 'NONE',
      Attributes: { plan: [`${secretMarker}-attr-plan`] },
      User: { UserId: `${secretMarker}-user`, UserAttributes: { interests: [`${secretMarker}-attr-interest`] } },
    },
  };
}

const goodGet = (endpointId: string): Record<string, unknown> => ({ operation: 'getEndpoint', target: h.targetName, endpointId });

/** Creates an endpoint through the function and returns its id. */
async function seedEndpoint(process: FunctionProcess): Promise<string> {
  endpointCounter += 1;
  const id = `rel-${endpointCounter}`;
  const outcome = await invoke(process, goodUpdate(id));
  expect(outcome.error).toBeUndefined();
  return id;
}

/** The process serves a good getEndpoint correctly (the endpoint's own Address comes back). */
async function expectHealthy(process: FunctionProcess, endpointId: string): Promise<InvokeOutcome> {
  h.proxy.clearRules();
  const outcome = await invoke(process, goodGet(endpointId));
  expect(outcome.error).toBeUndefined();
  const result = outcome.result as { status: string; endpoint?: { Address?: string } };
  expect(result.status).toBe('ok');
  expect(result.endpoint?.Address).toBe(`${secretMarker}-addr-${endpointId}@example.com`);
  return outcome;
}

/** Why a good getEndpoint did not come back correctly, or undefined when it did. */
function healthProblem(outcome: InvokeOutcome, endpointId: string): string | undefined {
  if (outcome.error) return describeOutcome(outcome);
  const result = outcome.result as { status?: string; endpoint?: { Address?: string } };
  if (result.status !== 'ok') return describeOutcome(outcome);
  if (result.endpoint?.Address !== `${secretMarker}-addr-${endpointId}@example.com`) return 'wrong endpoint returned';
  return undefined;
}

/**
 * The process is healthy when (1) a good request succeeds and (2) a credential
 * refresh still works: Pinpoint answers ExpiredTokenException once, the function
 * must assume the role again (exactly once) and succeed. (2) catches a poisoned
 * credential cache or a stuck AssumeRole promise that (1) alone would not.
 */
async function checkHealth(process: FunctionProcess, endpointId: string): Promise<{ healthy: boolean; text: string; measured: Measured }> {
  h.proxy.clearRules();
  const plain = await invoke(process, goodGet(endpointId));
  const plainProblem = healthProblem(plain, endpointId);
  if (plainProblem) return { healthy: false, text: `good request FAILED: ${plainProblem}`, measured: { health_ms: Math.round(plain.durationMs) } };
  h.proxy.resetRecords();
  h.proxy.addRule({
    service: 'mobiletargeting',
    action: 'GetEndpoint',
    fault: pinpointError(403, 'ExpiredTokenException', 'The security token included in the request is expired'),
  });
  const refreshed = await invoke(process, goodGet(endpointId));
  const assumed = h.proxy.count({ service: 'sts', action: 'AssumeRole' });
  h.proxy.clearRules();
  const refreshProblem = healthProblem(refreshed, endpointId) ?? (assumed === 1 ? undefined : `${assumed} AssumeRole calls`);
  const measured = { health_ms: Math.round(plain.durationMs), refresh_ms: Math.round(refreshed.durationMs) };
  if (refreshProblem) return { healthy: false, text: `good request ok; credential refresh FAILED: ${refreshProblem}`, measured };
  return { healthy: true, text: 'ok; refresh ok', measured };
}

interface FaultRun {
  outcome: InvokeOutcome;
  attempts: number;
  assumeRoles: number;
  healthy: boolean;
  row: string[];
}

/**
 * Adds the rules, invokes, records expected/observed/attempts/time, then
 * checks the same process is still healthy (checkHealth). An unhealthy warm
 * process is replaced so later cases stay independent. `pass(row)` after the
 * case's own assertions marks it as expected in the report.
 */
async function runFault(opts: {
  /** The service's name in the report. */
  service: string;
  name: string;
  expected: string;
  rules: FaultRule[];
  event: Record<string, unknown>;
  attemptsOf: { service: string; action: string };
  process?: FunctionProcess;
  healthyId: string;
}): Promise<FaultRun> {
  const process = opts.process ?? fn;
  h.proxy.clearRules();
  h.proxy.resetRecords();
  for (const rule of opts.rules) h.proxy.addRule(rule);
  const outcome = await invoke(process, opts.event);
  const attempts = h.proxy.count(opts.attemptsOf);
  const assumeRoles = h.proxy.count({ service: 'sts', action: 'AssumeRole' });
  const { row, measured } = faultRow(opts.service, [
    opts.name,
    opts.expected,
    describeOutcome(outcome),
    `${attempts} ${opts.attemptsOf.action}` + (opts.attemptsOf.action === 'AssumeRole' ? '' : `, ${assumeRoles} AssumeRole`),
    'pending',
  ], outcome);
  const health = await checkHealth(process, opts.healthyId);
  row[THEN] = health.text;
  Object.assign(measured, health.measured);
  if (!health.healthy && process === fn) {
    row[THEN] += '; warm process replaced for the next cases';
    await fn.stop();
    fn = await h.startFunction();
  }
  return { outcome, attempts, assumeRoles, healthy: health.healthy, row };
}

/** Index of the "then (same process)" cell of a fault row. */
const THEN = 5;

/**
 * Adds a fault-matrix row: service, the case's cells (case, expected, observed,
 * attempts, then) and the verdict, pending until `pass`. The time goes to the
 * JSON's measured values only.
 */
function faultRow(service: string, cells: string[], outcome: InvokeOutcome): { row: string[]; measured: Measured } {
  const row = [service, ...cells, '**NOT as expected**'];
  const measured: Measured = { ms: Math.round(outcome.durationMs) };
  faultRows.push(row);
  faultMeasured.push(measured);
  return { row, measured };
}

/** A fault's error must say which call failed (and is checked for secrets at the end). */
function expectClearError(outcome: InvokeOutcome, errorNames: RegExp): void {
  expect(outcome.error?.errorMessage).toMatch(errorNames);
}

function eventFor(kind: CaseEvent, endpointId: string): Record<string, unknown> {
  if (kind === 'update') return goodUpdate(endpointId);
  if (kind === 'get-unknown') return goodGet('rel-never-created');
  return goodGet(endpointId);
}

/** Every assertion a fault-matrix row states, on what the case observed. */
function expectAsStated(r: FaultRun, e: FaultExpectation, table: FaultTable, endpointId: string): void {
  if (e.outcome === 'ok' || e.outcome === 'not_found') {
    expect(r.outcome.error).toBeUndefined();
    expect((r.outcome.result as { status?: string } | undefined)?.status).toBe(e.outcome);
  } else {
    expect(e.outcome).toContain(r.outcome.error?.errorType);
    expectClearError(r.outcome, table.errorNames);
  }
  if (e.exactNotFound) {
    expect(r.outcome.result).toEqual({ status: 'not_found', operation: 'getEndpoint', target: h.targetName, endpointId });
  }
  if (e.namesRole) expect(r.outcome.error?.errorMessage).toContain(h.provisioned.targetRoleArn);
  if (typeof e.attempts === 'number') expect(r.attempts).toBe(e.attempts);
  else expect(r.attempts).toBeLessThanOrEqual(e.attempts.atMost);
  if (e.assumeRoles !== undefined) expect(r.assumeRoles).toBe(e.assumeRoles);
  if (e.minMs !== undefined) expect(r.outcome.durationMs).toBeGreaterThanOrEqual(e.minMs);
  if (e.maxMs !== undefined) expect(r.outcome.durationMs).toBeLessThan(e.maxMs);
  if (e.retrySignedWithNewKeys) {
    // The retry was signed with the new credentials, not the revoked ones.
    const keys = h.proxy.records().filter((x) => x.service === table.call.service).map((x) => x.accessKeyId);
    expect(keys[0]).not.toBe(keys[1]);
  }
  expect(r.healthy).toBe(true);
}

/** One describe per service table, one test (and one report row) per case, on the shared warm process. */
function faultMatrix(table: FaultTable): void {
  describe(table.title, () => {
    let id = '';
    beforeAll(async () => {
      id = await seedEndpoint(fn);
    });

    test.each(table.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const r = await runFault({
        service: table.service,
        name: c.name,
        expected: c.expected,
        rules: [...(table.before ?? []), ...c.rules],
        event: eventFor(c.event ?? 'get', id),
        attemptsOf: c.call ?? table.call,
        healthyId: id,
      });
      expectAsStated(r, c.expect, table, id);
      pass(r.row);
    });
  });
}

const pass = (row: string[]): void => {
  row[row.length - 1] = 'as expected';
};


beforeAll(async () => {
  startedAt = Date.now();
  h = await startHarness();
  fn = await h.startFunction();
}, 600_000);

afterAll(async () => {
  const total = Date.now() - startedAt;
  const env = `CROSS_ACCOUNT_CONNECT_TIMEOUT_MS=${budget.connectTimeoutMs}, CROSS_ACCOUNT_REQUEST_TIMEOUT_MS=${budget.requestTimeoutMs}, CROSS_ACCOUNT_MAX_ATTEMPTS=${budget.maxAttempts}`;
  writeSection('10-bad-input', {
    title: 'Bad input',
    intro:
      `${badInputRows.length} malformed events from \`test/reliability/corpus/bad-events.json\`, each sent to the real bundle in a warm function process. ` +
      'Expected for every case: `InvalidRequestError` naming the field and matching the rule, no AWS request (stack request count and fault-proxy count unchanged), and the same process then serves a good request.',
    columns: ['case', 'category', 'expected (field: rule)', 'observed', 'AWS requests', 'verdict'],
    rows: badInputRows,
    measured: badInputMeasured,
    facts: {
      bad_input: {
        events: badInputRows.length,
        aws_calls: badInputAwsCalls,
      },
    },
  });
  writeSection('20-faults', {
    title: 'Faults',
    intro:
      `Faults injected by the fault proxy between the function and the local stack. Function environment: ${env}; ` +
      `bound for a call that times out on every attempt: ${timeoutBoundMs()} ms. "attempts" are the requests the proxy saw during the case; ` +
      '"then" is the health check on the same warm process: a good request, then a good request through a credential refresh (Pinpoint answers ExpiredTokenException once; exactly one AssumeRole expected), which catches a poisoned credential cache or a stuck AssumeRole promise. STS faults on a warm process are reached through a refresh: Pinpoint first answers ExpiredTokenException once, so the function drops its credentials and assumes the role again into the fault.',
    columns: ['service', 'case', 'expected', 'observed', 'attempts', 'then (same process)', 'verdict'],
    rows: faultRows,
    keyColumn: 1,
    measured: faultMeasured,
    facts: { matrix: { rows: faultRows.length, unexpected: unexpectedRows(faultRows), services: [...new Set(faultRows.map((r) => r[0] ?? ''))] } },
  });
  writeSection('30-security', {
    title: 'Secrets in logs and errors',
    intro:
      'Everything the function processes printed during the run and every error message returned to callers, searched for secrets ' +
      '(how many lines, secret values and messages were searched: docs/reliability.json, `measured`).',
    columns: ['check', 'found'],
    rows: securityRows,
    measured: securityMeasured,
    runMeasured: { total_ms: total, setup_ms: h?.setupMs ?? 0 },
  });
  await h?.stop();
}, 60_000);

describe('warm-up', () => {
  test('the function serves good requests through the proxy', async () => {
    const id = await seedEndpoint(fn);
    await expectHealthy(fn, id);
    expect(h.proxy.count({ service: 'mobiletargeting', action: 'UpdateEndpoint' })).toBeGreaterThanOrEqual(1);
    expect(h.proxy.count({ service: 'mobiletargeting', action: 'GetEndpoint' })).toBeGreaterThanOrEqual(1);
    expect(h.proxy.issuedCredentials().length).toBeGreaterThanOrEqual(1);
  });
});

describe('bad input', () => {
  let healthyId = '';
  // Loaded with a placeholder target; %TARGET% is substituted per case once the stack is up.
  const corpus = loadCorpus('%TARGET%');

  beforeAll(async () => {
    healthyId = await seedEndpoint(fn);
  });

  test('the corpus has at least 60 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
  });

  async function runBadInput(_name: string, c: BadEventCase): Promise<void> {
    const event = JSON.parse(JSON.stringify(c.event ?? null).replaceAll('%TARGET%', h.targetName)) as unknown;
    const stackBefore = h.stack.requests.count();
    h.proxy.resetRecords();
    const outcome = await invoke(fn, event);
    // The proxy and the stack record a request once it is complete: give anything the
    // function might have started without awaiting the time to land before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stackAfter = h.stack.requests.count();
    const proxied = h.proxy.records().length;
    const row = [
      c.name,
      c.category,
      `${c.expectField}: /${c.expectRule}/`,
      describeOutcome(outcome),
      `stack ${stackAfter - stackBefore}, proxy ${proxied}`,
      '**NOT as expected**',
    ];
    badInputRows.push(row);
    badInputMeasured.push({ ms: Math.round(outcome.durationMs) });
    badInputAwsCalls += stackAfter - stackBefore + proxied;

    expect(outcome.error?.errorType).toBe('InvalidRequestError');
    expect(outcome.error?.errorMessage).toContain(c.expectField);
    expect(outcome.error?.errorMessage).toMatch(new RegExp(c.expectRule, 'i'));
    expect(outcome.error?.errorMessage).not.toContain(secretMarker);
    expect(stackAfter - stackBefore).toBe(0);
    expect(proxied).toBe(0);
    await expectHealthy(fn, healthyId);
    pass(row);
  }

  const rows = (cases: BadEventCase[]) => cases.map((c) => [c.name, c] as const);
  test.each(rows(corpus))('%s', runBadInput);
});

faultMatrix(stsFaults);

describe('STS faults at cold start (the credential prefetch meets the fault)', () => {
  const assume = { service: 'sts', action: 'AssumeRole' };

  async function waitForLog(process: FunctionProcess, text: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (process.logs().some((l) => l.includes(text))) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  test('Throttling twice at cold start: the first request succeeds', async () => {
    const id = await seedEndpoint(fn);
    h.proxy.clearRules();
    h.proxy.resetRecords();
    h.proxy.addRule({ ...assume, times: 2, fault: stsError(400, 'Throttling', 'Rate exceeded') });
    const cold = await h.startFunction();
    const outcome = await invoke(cold, goodGet(id));
    const attempts = h.proxy.count(assume);
    const { row, measured } = faultRow('sts', ['cold start: STS Throttling x2', 'first request ok; 3 AssumeRole attempts', describeOutcome(outcome), `${attempts} AssumeRole`, 'pending'], outcome);
    const health = await checkHealth(cold, id);
    row[THEN] = health.text;
    Object.assign(measured, health.measured);
    expect(outcome.error).toBeUndefined();
    expect(attempts).toBe(3);
    expect(health.healthy).toBe(true);
    pass(row);
    await cold.stop();
  });

  test('AccessDenied at cold start: denied at once, and nothing poisoned once STS allows it', async () => {
    const id = await seedEndpoint(fn);
    h.proxy.clearRules();
    h.proxy.resetRecords();
    h.proxy.addRule({ ...assume, times: Infinity, fault: stsError(403, 'AccessDenied', 'not authorized to perform: sts:AssumeRole') });
    const cold = await h.startFunction();
    expect(await waitForLog(cold, 'credential prefetch failed', 5000)).toBe(true);
    const prefetchAttempts = h.proxy.count(assume);
    h.proxy.resetRecords();
    const outcome = await invoke(cold, goodGet(id));
    const attempts = h.proxy.count(assume);
    const { row, measured } = faultRow('sts', [
      'cold start: STS AccessDenied, then allowed',
      'prefetch and request each make 1 attempt; AssumeRoleDeniedError; next request ok',
      describeOutcome(outcome),
      `${prefetchAttempts} (prefetch) + ${attempts} (request) AssumeRole`,
      'pending',
    ], outcome);
    const health = await checkHealth(cold, id);
    row[THEN] = health.text;
    Object.assign(measured, health.measured);
    expect(prefetchAttempts).toBe(1);
    expect(outcome.error?.errorType).toBe('AssumeRoleDeniedError');
    expect(attempts).toBe(1);
    expect(health.healthy).toBe(true);
    pass(row);
    await cold.stop();
  });
});

faultMatrix(pinpointFaults);

describe('connect timeout (the endpoint never completes the TCP handshake)', () => {
  const cases = [
    { name: 'STS', variable: 'AWS_ENDPOINT_URL_STS', table: stsFaults },
    { name: 'Pinpoint', variable: 'AWS_ENDPOINT_URL_PINPOINT', table: pinpointFaults },
  ];
  test.each(cases)('$name connect never completes: TimeoutError inside the budget', async ({ name, variable, table }) => {
    const id = await seedEndpoint(fn);
    const blackhole = await startBlackhole();
    const proc = await h.startFunction({ [variable]: blackhole.endpoint });
    try {
      const outcome = await invoke(proc, goodGet(id));
      // The process is not wedged: it still answers at once what needs no AWS call.
      const probe = await invoke(proc, { operation: 'getEndpoint', endpointId: 'bad/id' });
      const { row, measured } = faultRow(table.service, [
        `${name} endpoint drops SYNs (fresh process, ${variable} = blackhole)`,
        `TimeoutError naming the call within ${timeoutBoundMs()} ms`,
        describeOutcome(outcome),
        'n/a (never connected)',
        `bad-input probe: ${describeOutcome(probe)}`,
      ], outcome);
      measured.probe_ms = Math.round(probe.durationMs);
      expect(outcome.error?.errorType).toBe('TimeoutError');
      expectClearError(outcome, table.errorNames);
      expect(outcome.durationMs).toBeLessThan(timeoutBoundMs());
      expect(probe.error?.errorType).toBe('InvalidRequestError');
      expect(probe.durationMs).toBeLessThan(budget.requestTimeoutMs);
      pass(row);
    } finally {
      await proc.stop();
      blackhole.stop();
    }
  });
});

describe('security', () => {
  test('no credential, session token, address or user attribute in any log line or returned error', () => {
    const issued = h.proxy.issuedCredentials();
    const exec = h.executionCredentials;
    const secrets = new Map<string, string>();
    for (const c of issued) {
      secrets.set(c.accessKeyId, 'issued access key id');
      secrets.set(c.secretAccessKey, 'issued secret access key');
      if (c.sessionToken) secrets.set(c.sessionToken, 'issued session token');
    }
    secrets.set(exec.accessKeyId, 'execution role access key id');
    secrets.set(exec.secretAccessKey, 'execution role secret access key');
    if (exec.sessionToken) secrets.set(exec.sessionToken, 'execution role session token');
    secrets.set(secretMarker, 'endpoint address / user attribute marker');

    const lines = h.processes.flatMap((p) => p.logs());
    const leaks = (texts: string[]): string[] =>
      texts.flatMap((t, i) => [...secrets.entries()].filter(([s]) => t.includes(s)).map(([, what]) => `#${i}: ${what}`));
    const logLeaks = leaks(lines);
    const errorLeaks = leaks(errorMessagesSeen);
    securityRows.push(
      ['log lines of every function process', logLeaks.length === 0 ? 'none' : `**${logLeaks.slice(0, 10).join('; ')}**`],
      ['error messages returned to callers', errorLeaks.length === 0 ? 'none' : `**${errorLeaks.slice(0, 10).join('; ')}**`],
    );
    // How much was searched varies with retries and log volume: measured, not compared.
    securityMeasured.push({ lines: lines.length, secret_values: secrets.size, issued_credential_sets: issued.length }, { messages: errorMessagesSeen.length });

    // The scan saw real material: credentials were issued and the function logged every request.
    expect(issued.length).toBeGreaterThanOrEqual(5);
    expect(lines.filter((l) => l.includes('request rejected')).length).toBeGreaterThanOrEqual(40);
    expect(errorMessagesSeen.length).toBeGreaterThanOrEqual(40);
    expect(logLeaks).toEqual([]);
    expect(errorLeaks).toEqual([]);
  });
});
