/**
 * README.md's benchmark figures are the ones docs/benchmarks.json holds
 * (`make bench-readme` writes them; `make bench` runs it), and the block
 * reads its figures from the JSON it is given.
 */
import { readFileSync } from 'node:fs';
import { BENCHMARKS_JSON, README } from '../src/readme';
import type { BenchmarksJson } from '../src/report/json';
import { README_END, README_START, readmeFigures, withReadmeFigures } from '../src/report/readme';

const json = JSON.parse(readFileSync(BENCHMARKS_JSON, 'utf8')) as BenchmarksJson;

test('README.md is current with docs/benchmarks.json (run make bench-readme)', () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toContain(README_START);
  expect(withReadmeFigures(readme, json)).toBe(readme);
});

test('the block changes with the figures of the JSON', () => {
  const changed: BenchmarksJson = JSON.parse(JSON.stringify(json)) as BenchmarksJson;
  changed.approaches['this:pinpoint']!.warm_p50_ms = 123.4;
  changed.assume_role_calls.sequential_1000 = 7;
  const text = readmeFigures(changed);
  expect(text).toContain('p50 123.4 ms');
  expect(text).toContain('**7 AssumeRole**');
  expect(text).not.toBe(readmeFigures(json));
});

test('a README without the markers is refused, naming them', () => {
  expect(() => withReadmeFigures('# no block', json)).toThrow(README_END);
});
