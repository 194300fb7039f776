/**
 * Runs Terraform (through scripts/terraform.sh, which finds the provider
 * mirror) in one root directory, capturing its output. Shared by provision.ts
 * (examples/local) and apply-root.ts (any example root, one account each).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
const terraformScript = path.join(repoRoot, 'scripts', 'terraform.sh');

export class TerraformError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(`terraform ${command} failed (exit ${exitCode ?? 'signal'}):\n${stderrTail}`);
    this.name = 'TerraformError';
  }
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface TerraformRunOptions {
  /** root module directory, relative to the repository root or absolute */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Terraform's output lines, for progress reporting */
  log?: (line: string) => void;
  /** aborting sends SIGTERM (Terraform shuts its providers down) and rejects once it has exited */
  signal?: AbortSignal;
  /** exit codes that count as success (default [0]; plan -detailed-exitcode also uses 2) */
  okCodes?: number[];
}

/** `terraform <args>` in `opts.dir`; resolves with stdout (suffixed `[exit 2: changes]` on exit code 2). */
export function runTerraform(args: string[], opts: TerraformRunOptions): Promise<string> {
  const okCodes = opts.okCodes ?? [0];
  const { signal, log } = opts;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error(`terraform ${args[0] ?? ''} not started: aborted`));
      return;
    }
    const child = spawn(terraformScript, [`-chdir=${opts.dir}`, ...args], { cwd: repoRoot, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Settles only when Terraform has exited, so an aborted run leaves no process behind.
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('close', () => signal?.removeEventListener('abort', onAbort));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (log) for (const line of chunk.split('\n')) if (line.trim()) log(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== null && okCodes.includes(code)) resolve(code === 2 ? `${stdout}\n[exit 2: changes]` : stdout);
      else if (signal?.aborted) reject(new Error(`terraform ${args[0] ?? ''} aborted`));
      else reject(new TerraformError(args[0] ?? '', code, tail(stderr || stdout)));
    });
  });
}

/** `terraform output -json` as name -> value. */
export function outputValues(json: string): Record<string, unknown> {
  const raw = JSON.parse(json) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v.value]));
}

/** The environment every Terraform run gets: nothing ambient, the plugin mirror settings passed through. */
export function baseTerraformEnv(workDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TF_DATA_DIR: path.join(workDir, '.terraform'),
    TF_PLUGIN_CACHE_DIR: process.env.TF_PLUGIN_CACHE_DIR,
    TF_PROVIDER_MIRROR: process.env.TF_PROVIDER_MIRROR,
    TF_NO_MIRROR: process.env.TF_NO_MIRROR,
    TF_IN_AUTOMATION: '1',
    // No ambient AWS configuration: credentials come from the stack only.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}
