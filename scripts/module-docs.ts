/**
 * Module README tables, generated from the Terraform code (no terraform-docs
 * needed): Requirements (versions.tf), Resources (every resource and data
 * block), Inputs (variables.tf) and Outputs (outputs.tf), written between
 * <!-- BEGIN_TF_DOCS --> and <!-- END_TF_DOCS --> in <module>/README.md (and in
 * every examples/<name>/<root>/README.md that carries the markers).
 *
 *   npx tsx scripts/module-docs.ts            rewrite the READMEs (make module-docs)
 *   npx tsx scripts/module-docs.ts --check    exit 1 naming each stale README (make check-module-docs)
 *
 * HCL is read with @cdktf/hcl2json (Terraform's own HCL parser, as WebAssembly).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const MODULES = ['modules/source-lambda', 'modules/target-role'];

/** Example roots (examples/<name>/<root>/) whose README.md carries the markers get the same tables. */
function exampleRoots(): string[] {
  const examples = join(REPO_ROOT, 'examples');
  return readdirSync(examples, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => readdirSync(join(examples, e.name), { withFileTypes: true }).filter((r) => r.isDirectory()).map((r) => `examples/${e.name}/${r.name}`))
    .filter((dir) => {
      const readme = join(REPO_ROOT, dir, 'README.md');
      return readdirSync(join(REPO_ROOT, dir)).some((f) => f.endsWith('.tf')) && existsSync(readme) && readFileSync(readme, 'utf8').includes(BEGIN);
    })
    .sort();
}
const BEGIN = '<!-- BEGIN_TF_DOCS -->';
const END = '<!-- END_TF_DOCS -->';
const REPO_ROOT = join(__dirname, '..');

type Block = Record<string, unknown>;
type Hcl = Record<string, Record<string, Block[] | Record<string, Block[]>> | Block[] | undefined>;

/** `${expr}` as hcl2json writes expressions -> `expr` on one line. */
function expression(value: unknown): string {
  const text = typeof value === 'string' ? value.replace(/^\$\{([\s\S]*)\}$/, '$1') : JSON.stringify(value);
  const lines = text.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).filter(Boolean);
  return lines.reduce((acc, line, i) => {
    if (i === 0) return line;
    const prev = lines[i - 1] as string;
    return acc + (/[({[]$/.test(prev) || /^[)}\]]/.test(line) ? ' ' : ', ') + line;
  }, '');
}

/** A value for a markdown table cell: one line, `|` and angle brackets escaped. */
function cell(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').replace(/</g, '\\<').replace(/>/g, '\\>');
}

function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

async function readHcl(dir: string): Promise<Hcl[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
  return Promise.all(files.map(async (f) => (await parse(f, readFileSync(join(dir, f), 'utf8'))) as Hcl));
}

function named(hcl: Hcl[], kind: 'variable' | 'output'): Array<[string, Block]> {
  return hcl.flatMap((h) => Object.entries((h[kind] ?? {}) as Record<string, Block[]>).map(([name, blocks]) => [name, blocks[0] ?? {}] as [string, Block]));
}

function requirements(hcl: Hcl[]): string[] {
  const rows: string[] = [];
  for (const terraform of hcl.flatMap((h) => (h.terraform ?? []) as Block[])) {
    if (terraform.required_version) rows.push(`| terraform | ${code(String(terraform.required_version))} |`);
    for (const providers of (terraform.required_providers ?? []) as Array<Record<string, { source?: string; version?: string }>>) {
      for (const p of Object.values(providers)) rows.push(`| ${p.source ?? ''} | ${code(p.version ?? 'any')} |`);
    }
  }
  return ['## Requirements', '', '| name | version |', '|---|---|', ...rows];
}

function resources(hcl: Hcl[]): string[] {
  const rows: string[] = [];
  for (const [kind, label] of [['resource', 'resource'], ['data', 'data source']] as const) {
    for (const h of hcl) {
      for (const [type, byName] of Object.entries((h[kind] ?? {}) as Record<string, Record<string, Block[]>>)) {
        for (const [name, blocks] of Object.entries(byName)) {
          const b = blocks[0] ?? {};
          const repeat = b.for_each !== undefined ? ` (for_each ${code(expression(b.for_each))})` : b.count !== undefined ? ` (count ${code(expression(b.count))})` : '';
          rows.push(`| ${code(`${kind === 'data' ? 'data.' : ''}${type}.${name}`)} | ${label}${repeat} |`);
        }
      }
    }
  }
  return ['## Resources', '', '| name | type |', '|---|---|', ...rows];
}

function inputs(hcl: Hcl[]): string[] {
  const variables = named(hcl, 'variable');
  const required = (b: Block): boolean => !('default' in b);
  const sorted = [...variables.filter(([, b]) => required(b)), ...variables.filter(([, b]) => !required(b))];
  const rows = sorted.map(([name, b]) => {
    const type = b.type === undefined ? 'any' : expression(b.type);
    const def = required(b) ? 'n/a' : code(b.default === null ? 'null' : JSON.stringify(b.default));
    return `| ${code(name)} | ${cell(String(b.description ?? ''))} | ${code(type)} | ${def} | ${required(b) ? 'yes' : 'no'} |`;
  });
  return ['## Inputs', '', '| name | description | type | default | required |', '|---|---|---|---|:-:|', ...rows];
}

function outputs(hcl: Hcl[]): string[] {
  const rows = named(hcl, 'output').map(([name, b]) => `| ${code(name)} | ${cell(String(b.description ?? ''))} |`);
  return ['## Outputs', '', '| name | description |', '|---|---|', ...rows];
}

/** The generated block for a module directory. */
export async function moduleDocs(dir: string): Promise<string> {
  const hcl = await readHcl(dir);
  const sections = [requirements(hcl), resources(hcl), inputs(hcl), outputs(hcl)];
  return [BEGIN, '', sections.map((s) => s.join('\n')).join('\n\n'), '', END].join('\n');
}

/** README text with the generated block replaced (or an error naming what is missing). */
export function withDocs(readme: string, docs: string, path: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${path} has no ${BEGIN} ... ${END} block: add the markers where the tables go`);
  return readme.slice(0, start) + docs + readme.slice(end + END.length);
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  const dirs = [...MODULES, ...exampleRoots()];
  for (const module of dirs) {
    const dir = join(REPO_ROOT, module);
    const path = join(dir, 'README.md');
    const readme = readFileSync(path, 'utf8');
    const next = withDocs(readme, await moduleDocs(dir), relative(REPO_ROOT, path));
    if (next === readme) continue;
    if (check) stale.push(relative(REPO_ROOT, path));
    else {
      writeFileSync(path, next);
      console.log(`module-docs: wrote ${relative(REPO_ROOT, path)}`);
    }
  }
  if (stale.length > 0) {
    console.error(`module-docs: ${stale.join(', ')} differ from variables.tf/outputs.tf/versions.tf: run 'make module-docs' and commit`);
    process.exitCode = 1;
  } else if (check) console.log(`module-docs: ${dirs.join(', ')} READMEs are up to date`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  });
}
