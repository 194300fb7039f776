/**
 * `make bench-readme`: rewrites the benchmark figures in README.md from
 * docs/benchmarks.json (`make bench` runs it after writing the JSON).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './approaches';
import type { BenchmarksJson } from './report/json';
import { withReadmeFigures } from './report/readme';

export const README = path.join(repoRoot, 'README.md');
export const BENCHMARKS_JSON = path.join(repoRoot, 'docs', 'benchmarks.json');

if (require.main === module) {
  const json = JSON.parse(readFileSync(BENCHMARKS_JSON, 'utf8')) as BenchmarksJson;
  writeFileSync(README, withReadmeFigures(readFileSync(README, 'utf8'), json));
  process.stderr.write(`wrote the benchmark figures of README.md from ${path.relative(repoRoot, BENCHMARKS_JSON)}\n`);
}
