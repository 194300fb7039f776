/**
 * Bad Terraform input: every variable validation in modules/* has a Terraform
 * test run with expect_failures naming that variable, and every error_message
 * says what is expected. Gaps are reported by name (the modules' owners fix
 * them in modules/*; this check only reads).
 */
import path from 'node:path';
import { errorMessageProblem, expectFailuresRunsOf, moduleDirs, validationsOf } from './terraform-validations';
import { writeSection } from './results';

const repoRoot = path.resolve(__dirname, '..', '..');
const modules = moduleDirs(repoRoot);
const rows: string[][] = [];

afterAll(() => {
  writeSection('40-terraform', {
    title: 'Bad Terraform input: validation coverage',
    intro:
      'Every `validation {}` in `modules/*/*.tf`, the `expect_failures` runs in `modules/*/tests/*.tftest.hcl` that name its variable, ' +
      'and whether its error_message names the variable and states the expected form.',
    columns: ['module', 'variable', 'validations', 'expect_failures runs', 'error messages'],
    rows,
  });
});

test('there are modules to check', () => {
  expect(modules.length).toBeGreaterThan(0);
});

describe.each(modules.map((dir) => [path.basename(dir), dir] as const))('module %s', (_name, dir) => {
  test('every validated variable has an expect_failures run naming it', async () => {
    const validations = await validationsOf(dir);
    const runs = await expectFailuresRunsOf(dir);
    const variables = [...new Set(validations.map((v) => v.variable))].sort();
    const gaps: string[] = [];
    for (const variable of variables) {
      const mine = validations.filter((v) => v.variable === variable);
      const covering = runs.filter((r) => r.variables.includes(variable));
      const problems = mine.map(errorMessageProblem).filter((p): p is string => p !== undefined);
      rows.push([
        path.basename(dir),
        variable,
        String(mine.length),
        covering.length > 0 ? covering.map((r) => r.run).join(', ') : '**none**',
        problems.length > 0 ? `**${problems.join('; ')}**` : 'ok',
      ]);
      if (covering.length === 0) gaps.push(`var.${variable}: no run in ${path.basename(dir)}/tests/*.tftest.hcl has expect_failures = [var.${variable}]`);
    }
    expect(gaps).toEqual([]);
  });

  test('every error_message names its variable and states the expected form', async () => {
    const validations = await validationsOf(dir);
    const problems = validations
      .map((v) => ({ v, problem: errorMessageProblem(v) }))
      .filter((p) => p.problem !== undefined)
      .map((p) => `var.${p.v.variable} (${p.v.condition.slice(0, 60)}…): ${p.problem}`);
    expect(problems).toEqual([]);
  });
});
