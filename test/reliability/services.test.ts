/**
 * The fault matrix for every service the examples use, driving the runtime
 * library directly (`createTargets` → `Target.client(...)`, errors mapped with
 * `toCrossAccountError` as a handler does) against the local stack through the
 * fault proxy. Rows come from cases/service-matrix.ts for each entry of
 * cases/services.ts; operations run side by side (each on its own target and
 * role session), the rows of one operation in order. beforeAll runs them all;
 * each test then checks its row's observation against what the row states.
 */
import { backoffMs, serviceMatrix, worstCaseMs, type ServiceCase } from './cases/service-matrix';
import { services } from './cases/services';
import { attemptDeadline, budget, timeoutBoundMs } from './harness';
import { unexpectedRows, writeSection, type Measured } from './results';
import { startServiceHarness, type ServiceHarness } from './services-harness';
import { OperationRunner, problems, targetNameOf, type Observation } from './services-runner';

const cases = serviceMatrix(services);
/** The rows of each target (targetNameOf), in matrix order. */
const byTarget = new Map<string, ServiceCase[]>();
for (const c of cases) byTarget.set(targetNameOf(c), [...(byTarget.get(targetNameOf(c)) ?? []), c]);
/** Targets whose rows run at the same time (they mostly wait for timeouts); their warm-ups run one at a time. */
const concurrency = Number(process.env.RELIABILITY_CONCURRENCY ?? 6);

let h: ServiceHarness | undefined;
let setupError: unknown;
const observed = new Map<string, Observation & { retried?: boolean }>();
const rows: string[][] = [];
const measured: Measured[] = [];
let startedAt = 0;

function describeOutcome(o: Observation): string {
  const out = o.outcome;
  const text = out.ok ? 'ok' : `${out.errorType}: ${out.errorMessage ?? ''}`;
  const flat = text
    .replaceAll(h?.targetRoleArn ?? '\0', '{role}')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{uuid}')
    .replace(/AWS request id [\w-]+/g, 'AWS request id {id}')
    .replace(/[\r\n|]+/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

async function runAll(harness: ServiceHarness): Promise<void> {
  // Warm-ups one at a time: two dozen cold starts at once on a loaded machine time out as a whole.
  const queue: Array<{ runner: OperationRunner; list: ServiceCase[] }> = [];
  for (const list of byTarget.values()) {
    const runner = new OperationRunner(harness, list[0]!);
    await runner.start();
    queue.push({ runner, list });
  }
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const c of next.list) {
        const first = await next.runner.run(c);
        // A loaded machine can time out a good attempt: a row that fails runs once more, and counts as
        // expected only if that second run is (retries are in reliability.json, measured.retried).
        const again = problems(c, first, targetNameOf(c), harness.targetRoleArn).length > 0;
        observed.set(c.name, again ? { ...(await next.runner.run(c)), retried: true } : first);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

beforeAll(async () => {
  startedAt = Date.now();
  try {
    h = await startServiceHarness(services);
    await runAll(h);
  } catch (error) {
    setupError = error;
  }
}, 900_000);

afterAll(async () => {
  writeSection('25-service-faults', {
    title: 'Faults per service (the runtime library, every service the examples use)',
    intro:
      `The runtime library driven as a handler drives it: \`createTargets\` → \`Target.client(<SDK client>)\` → \`send()\`, errors mapped with \`toCrossAccountError\`, ` +
      `against the local stack through the fault proxy; one target (and role session) per operation and one for its cold starts, all side by side. ` +
      `Rows: test/reliability/cases/service-matrix.ts for every service in test/reliability/cases/services.ts (one file per service). ` +
      `Budget: CROSS_ACCOUNT_CONNECT_TIMEOUT_MS=${budget.connectTimeoutMs}, CROSS_ACCOUNT_REQUEST_TIMEOUT_MS=${budget.requestTimeoutMs}, CROSS_ACCOUNT_MAX_ATTEMPTS=${budget.maxAttempts}: ` +
      `each attempt ends within ${attemptDeadline} ms (headers and body); a call failing on timeouts every attempt within ${timeoutBoundMs()} ms; ` +
      `and every row's call within the README's worst case, 4 × (max attempts × ${attemptDeadline} ms + ${backoffMs} ms backoff) + 1 s = ${worstCaseMs} ms. ` +
      'Service errors are injected in the service\'s own wire form (the stack plug-in\'s error shape). "attempts" counts the operation\'s and sts:AssumeRole requests the proxy saw during the call ' +
      '(for calls made after a failed prefetch, the prefetch\'s are given apart). "then" is a good call on the same target, then one through a credential refresh (expired token once: exactly 1 AssumeRole). ' +
      'A typed error must carry `call` = {target, service, operation} and name them in its message. ' +
      'A row that fails runs once more (a loaded machine can time out a good attempt) and is as expected only if that run is; such rows are marked `retried` in reliability.json (measured).',
    columns: ['service', 'case', 'expected', 'observed', 'attempts', 'then (same target)', 'verdict'],
    rows,
    keyColumn: 1,
    measured,
    runMeasured: { total_ms: Date.now() - startedAt, setup_ms: h?.setupMs ?? 0, concurrency },
    facts: { matrix: { rows: rows.length, unexpected: unexpectedRows(rows), services: [...new Set(rows.map((r) => r[0] ?? ''))] } },
  });
  await h?.stop();
}, 60_000);

test('the matrix covers every service with at least one row per fault kind', () => {
  expect(setupError).toBeUndefined();
  for (const entry of services) {
    const names = cases.filter((c) => c.entry === entry).map((c) => c.name);
    for (const kind of ['throttled', '5xx', 'AccessDenied', `answers after`, 'connection reset', 'expired token', 'body trickles']) {
      expect(names.some((n) => n.includes(kind))).toBe(true);
    }
  }
});

test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  expect(setupError).toBeUndefined();
  const o = observed.get(c.name);
  expect(o).toBeDefined();
  const found = problems(c, o!, targetNameOf(c), h!.targetRoleArn);
  const attempts =
    `${o!.attempts} ${c.operation.name}, ${o!.assumeRoles} AssumeRole` + (o!.prefetchAssumeRoles !== undefined ? ` (+ ${o!.prefetchAssumeRoles} in the failed prefetch)` : '');
  rows.push([
    c.service,
    c.name,
    c.expected,
    describeOutcome(o!),
    attempts,
    o!.healthProblem ? `**${o!.healthProblem}**` : o!.refreshChecked ? 'ok; refresh ok' : 'ok',
    found.length === 0 ? 'as expected' : `**NOT as expected: ${found.join('; ')}**`,
  ]);
  measured.push({ ms: Math.round(o!.outcome.durationMs), health_ms: Math.round(o!.healthMs), ...(o!.retried && { retried: 1 }) });
  expect(found).toEqual([]);
});
