/**
 * A loopback address where TCP connects never complete: a listening socket
 * with a backlog of 0 that never accepts, its one queue slot taken by a
 * connection we hold. Linux then drops further SYNs, so a client's connect
 * hangs until its own connect timeout. (Node's own servers always accept,
 * so the listener is a python3 one-liner; python3 is there for moto anyway.)
 */
import { spawn } from 'node:child_process';
import net from 'node:net';

export interface Blackhole {
  endpoint: string;
  stop(): void;
}

const listener = [
  'import socket, sys',
  's = socket.socket()',
  "s.bind(('127.0.0.1', 0))",
  's.listen(0)',
  'print(s.getsockname()[1], flush=True)',
  'sys.stdin.read()',
].join('\n');

export async function startBlackhole(): Promise<Blackhole> {
  // stdin is a pipe: the listener lives until we close it (or this process dies).
  const child = spawn('python3', ['-c', listener], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
  });
  // Fill the accept queue.
  const held = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    held.once('connect', () => resolve());
    held.once('error', reject);
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop() {
      held.destroy();
      child.stdin.end();
      child.kill();
    },
  };
}
