/**
 * Re-renders docs/benchmarks.md and the chart from the last run's raw results
 * (.cache/bench/results.json) without measuring again, e.g. after changing the
 * report layout. `npx tsx bench/src/render.ts [docs-dir]`
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { benchBuildDir, repoRoot } from './approaches';
import type { BenchResults } from './results';
import { report, writeDocs } from './run';

const results = JSON.parse(readFileSync(path.join(benchBuildDir, 'results.json'), 'utf8')) as BenchResults;
process.stdout.write(`${report(results)}\n`);
for (const file of writeDocs(results, process.argv[2] ?? results.params.docsDir)) {
  process.stderr.write(`wrote ${path.relative(repoRoot, file)}\n`);
}
