/**
 * Runs moto_server as a child in its own process group and guarantees it goes
 * away: stop() kills the group, a process 'exit' hook and SIGINT/SIGTERM hooks
 * kill every group still alive, and a tiny bash watchdog kills moto when our
 * stdin pipe closes (the parent died without running any hook, e.g. SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { freeLoopbackPort } from '../free-port';

export interface MotoProcess {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // group already gone
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      // Someone else handles the signal (the demo, a test runner): they clean up and
      // call stack.stop(); killing moto here would pull it from under their cleanup
      // (a terraform destroy still needs it). The exit hook above and the watchdog
      // remain the backstop.
      if (process.listenerCount(signal) > 1) return;
      for (const child of live) killGroup(child, 'SIGKILL');
      live.clear();
      // Keep Node's default behaviour (terminate).
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 500 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) > 0);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

const WATCHDOG = 'moto_server -H 127.0.0.1 -p "$1" & m=$!; read -r _ || true; kill "$m" 2>/dev/null; wait "$m"';

/**
 * Starts moto on a free loopback port. The port is picked, released and then
 * bound by moto, so another program can take it in between: moto then exits
 * with "Address already in use" and the start is retried on a new port.
 */
export async function startMoto(opts: { env?: Record<string, string>; readyTimeoutMs?: number } = {}): Promise<MotoProcess> {
  installExitHooks();
  for (let attempt = 1; ; attempt++) {
    try {
      return await startMotoOnce(await freeLoopbackPort(), opts);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 3) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startMotoOnce(port: number, opts: { env?: Record<string, string>; readyTimeoutMs?: number }): Promise<MotoProcess> {
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('bash', ['-c', WATCHDOG, 'moto-watchdog', String(port)], {
    detached: true, // own process group: stop() kills moto and the watchdog together
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...opts.env },
  });
  live.add(child);
  const tail: string[] = [];
  const keepTail = (chunk: Buffer): void => {
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  exited.then(() => live.delete(child)).catch(() => undefined);
  // Don't let the pipes or the child keep the event loop alive.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return exited;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    // The watchdog may exit before moto does: make sure nothing of the group survives.
    killGroup(child, 'SIGKILL');
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
  // Ready when moto itself says it runs on our port (not merely "something answers
  // there": that could be another program that took the port) and it answers.
  const runningHere = (): boolean => tail.some((line) => line.includes(`Running on ${endpoint}`));
  while (!(runningHere() && (await answers(`${endpoint}/moto-api/`)))) {
    if (tail.some((line) => /address already in use|is in use by another program/i.test(line))) {
      await stop();
      throw new PortTakenError(`port ${port} was taken before moto could bind it`);
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(
        `moto_server did not start on ${endpoint} (is it installed? pip install "moto[server]"). Last output:\n${tail.join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { endpoint, pid: child.pid ?? -1, stop };
}
