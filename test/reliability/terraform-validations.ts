/**
 * Reads every `validation {}` block of the modules' variables and every
 * `expect_failures` of their Terraform tests (HCL parsed with @cdktf/hcl2json),
 * so the coverage check can pair them up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

export interface Validation {
  module: string;
  variable: string;
  condition: string;
  errorMessage: string;
}

export interface ExpectFailuresRun {
  module: string;
  file: string;
  run: string;
  /** Names of the variables the run expects to fail (from `var.<name>` references). */
  variables: string[];
}

type Block = Record<string, unknown>;

function blocksOf(value: unknown): Block[] {
  if (Array.isArray(value)) return value.filter((v): v is Block => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Block] : [];
}

function stripInterpolation(text: string): string {
  const m = /^\$\{([\s\S]*)\}$/.exec(text.trim());
  return m ? m[1]!.trim() : text;
}

export function moduleDirs(repoRoot: string): string[] {
  const modules = path.join(repoRoot, 'modules');
  if (!fs.existsSync(modules)) return [];
  return fs
    .readdirSync(modules, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(modules, d.name))
    .sort();
}

async function parseFile(file: string): Promise<Block> {
  return (await parse(path.basename(file), fs.readFileSync(file, 'utf8'))) as Block;
}

/** Every validation of every variable declared in the module's top-level .tf files. */
export async function validationsOf(moduleDir: string): Promise<Validation[]> {
  const module = path.basename(moduleDir);
  const out: Validation[] = [];
  const files = fs.readdirSync(moduleDir).filter((f) => f.endsWith('.tf')).sort();
  for (const f of files) {
    const doc = await parseFile(path.join(moduleDir, f));
    for (const variables of blocksOf(doc.variable)) {
      for (const [variable, decls] of Object.entries(variables)) {
        for (const decl of blocksOf(decls)) {
          for (const v of blocksOf(decl.validation)) {
            out.push({
              module,
              variable,
              condition: stripInterpolation(String(v.condition ?? '')),
              errorMessage: typeof v.error_message === 'string' ? v.error_message.trim() : '',
            });
          }
        }
      }
    }
  }
  return out;
}

/** Every run of the module's tests/*.tftest.hcl that has expect_failures. */
export async function expectFailuresRunsOf(moduleDir: string): Promise<ExpectFailuresRun[]> {
  const module = path.basename(moduleDir);
  const testsDir = path.join(moduleDir, 'tests');
  if (!fs.existsSync(testsDir)) return [];
  const out: ExpectFailuresRun[] = [];
  for (const f of fs.readdirSync(testsDir).filter((n) => n.endsWith('.tftest.hcl')).sort()) {
    const doc = await parseFile(path.join(testsDir, f));
    for (const runs of blocksOf(doc.run)) {
      for (const [run, decls] of Object.entries(runs)) {
        for (const decl of blocksOf(decls)) {
          const refs = Array.isArray(decl.expect_failures) ? decl.expect_failures.map((r) => stripInterpolation(String(r))) : [];
          if (refs.length === 0) continue;
          const variables = refs.map((r) => /^var\.([A-Za-z0-9_-]+)$/.exec(r)?.[1]).filter((n): n is string => n !== undefined);
          out.push({ module, file: f, run, variables });
        }
      }
    }
  }
  return out;
}

const ruleWords = /\b(must|should|expected|expects|one of|between|at least|at most|only|such as|for example|like)\b|e\.g\.|\d+\s*(-|\.\.|to)\s*\d+/i;

/** Why an error message does not say what is expected, or undefined when it does. */
export function errorMessageProblem(v: Validation): string | undefined {
  if (v.errorMessage.length === 0) return 'error_message is empty';
  if (!v.errorMessage.includes(v.variable)) return `error_message does not name the variable "${v.variable}"`;
  if (!ruleWords.test(v.errorMessage)) return 'error_message does not state the expected form (no "must"/"one of"/"between"/"for example"...)';
  return undefined;
}
