/** The function host resets the sandbox as Lambda does: a fresh process and init after a timeout or a crash. */
import path from 'node:path';
import { startFunctionProcess, type FunctionProcess } from '../src/function-process';

jest.setTimeout(30_000);

let fn: FunctionProcess;

beforeEach(async () => {
  fn = await startFunctionProcess({
    bundlePath: path.join(__dirname, 'functions', 'counter.cjs'),
    env: {},
    credentials: { accessKeyId: 'AKIAUNUSED', secretAccessKey: 'unused' },
    stackEndpoint: 'http://127.0.0.1:9',
  });
});

afterEach(async () => {
  await fn.stop();
});

type Result = { pid: number; invocations: number };
const call = async (): Promise<Result> => (await fn.invoke({})).result as Result;

it('reuses the sandbox between successful invocations', async () => {
  const first = await call();
  const second = await call();
  expect(second).toEqual({ ...first, invocations: 2 });
});

it.each([
  ['a timeout', { action: 'hang' }, { timeoutMs: 200 }, 'Sandbox.Timedout'],
  ['a crash', { action: 'crash' }, {}, 'Runtime.ExitError'],
])('after %s the next invocation runs in a fresh process with a fresh init', async (_label, event, opts, errorType) => {
  const before = await call();
  const failed = await fn.invoke(event, opts);
  expect(failed.error?.errorType).toBe(errorType);
  const after = await call();
  expect(after.pid).not.toBe(before.pid);
  expect(after.invocations).toBe(1);
});
