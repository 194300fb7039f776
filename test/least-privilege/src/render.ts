/**
 * Renders the fixture root configuration with Terraform, offline, and returns
 * `terraform show -json` of the saved plan. The result is cached under
 * .cache/least-privilege keyed by a hash of every module and fixture file, so
 * a run without changes reuses it and any change renders afresh.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { startStsStub } from './sts-stub';

const run = promisify(execFile);

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const FIXTURE_DIR = join(REPO_ROOT, 'test', 'least-privilege', 'fixture');
const MODULES_DIR = join(REPO_ROOT, 'modules');
const CACHE_DIR = join(REPO_ROOT, '.cache', 'least-privilege');

/** Files whose content decides what Terraform renders: every module and fixture file Terraform reads. */
function inputFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.terraform' || name === 'tests' || name.startsWith('.terraform')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(tf|tf\.json|json|tpl|zip)$/.test(name) || dir === FIXTURE_DIR) out.push(path);
    }
  };
  walk(MODULES_DIR);
  walk(FIXTURE_DIR);
  return out;
}

/** sha256 over (path, content) of every input file; paths relative to the repo, so it is machine-independent. */
export function renderInputsHash(): string {
  const h = createHash('sha256');
  for (const file of inputFiles()) {
    h.update(relative(REPO_ROOT, file).split(sep).join('/'));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex');
}

async function terraform(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(join(REPO_ROOT, 'scripts', 'terraform.sh'), ['-chdir=' + FIXTURE_DIR, ...args], {
      env,
      cwd: REPO_ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`terraform ${args[0]} failed for the least-privilege fixture:\n${e.stderr || e.stdout || e.message}`);
  }
}

export interface RenderResult {
  hash: string;
  fromCache: boolean;
  /** `terraform show -json` of the fixture's plan. */
  plan: TerraformPlan;
}

export interface TerraformPlan {
  resource_changes?: Array<{
    address: string;
    module_address?: string;
    mode: string;
    type: string;
    name: string;
    index?: string | number;
    change: { actions: string[]; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
  }>;
  [key: string]: unknown;
}

/** Plans the fixture offline (or reuses the cached rendering for the same inputs). */
export async function renderFixture(options: { force?: boolean } = {}): Promise<RenderResult> {
  const hash = renderInputsHash();
  const cached = join(CACHE_DIR, `plan-${hash}.json`);
  if (!options.force && existsSync(cached)) {
    return { hash, fromCache: true, plan: JSON.parse(readFileSync(cached, 'utf8')) as TerraformPlan };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const dataDir = join(CACHE_DIR, 'tf-data');
  const planFile = join(CACHE_DIR, `plan-${hash}.${process.pid}.tfplan`);
  const sts = await startStsStub();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_DATA_DIR: dataDir,
    TF_INPUT: '0',
    TF_VAR_sts_endpoint: sts.endpoint,
    // Nothing may reach real AWS: no ambient credentials or profiles.
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const k of Object.keys(env)) if (env[k] === '') delete env[k];
  try {
    await terraform(['init', '-input=false', '-no-color', '-backend=false'], env);
    await terraform(['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', `-out=${planFile}`], env);
    const json = await terraform(['show', '-json', '-no-color', planFile], env);
    const plan = JSON.parse(json) as TerraformPlan;
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(plan));
    renameSync(tmp, cached);
    // Keep only the current rendering.
    for (const name of readdirSync(CACHE_DIR)) {
      if (/^plan-[0-9a-f]{64}\.json$/.test(name) && name !== `plan-${hash}.json`) rmSync(join(CACHE_DIR, name), { force: true });
    }
    return { hash, fromCache: false, plan };
  } finally {
    rmSync(planFile, { force: true });
    await sts.close();
  }
}
