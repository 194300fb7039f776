/**
 * docs/reliability.md + docs/reliability.json from the sections the
 * reliability tests left in .cache/reliability/.
 *
 *   npx tsx test/reliability/write-report.ts --write   writes both (`make reliability-doc`)
 *   npx tsx test/reliability/write-report.ts --check   fails when the committed ones differ from
 *                                                      what this run renders, measured times aside
 *                                                      (`make test-reliability`); writes nothing tracked
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { jsonText, renderJson, renderMarkdown, stableJson, stableMarkdown } from './report';
import { readSections } from './results';

const repoRoot = path.resolve(__dirname, '..', '..');
const docsDir = path.join(repoRoot, 'docs');
const mdPath = path.join(docsDir, 'reliability.md');
const jsonPath = path.join(docsDir, 'reliability.json');
/** Where --check leaves what it rendered, for the diff and for a look (ignored by git). */
const freshDir = path.join(repoRoot, '.cache', 'reliability-fresh');
const rel = (p: string): string => path.relative(repoRoot, p);

function main(): number {
  const mode = process.argv.includes('--check') ? 'check' : process.argv.includes('--write') ? 'write' : undefined;
  if (!mode) {
    console.error('usage: write-report.ts --write | --check');
    return 2;
  }
  const sections = readSections();
  if (sections.length === 0) {
    console.error('write-report: no results in .cache/reliability/; run the reliability tests first (make test-reliability)');
    return 1;
  }
  const md = renderMarkdown(sections);
  const json = renderJson(sections);
  const summary = sections.map((s) => `${s.name}: ${s.section.rows.length}`).join(', ');

  if (mode === 'write') {
    fs.mkdirSync(docsDir, { recursive: true });
    fs.writeFileSync(mdPath, md);
    fs.writeFileSync(jsonPath, jsonText(json));
    console.log(`write-report: wrote ${rel(mdPath)} and ${rel(jsonPath)} (${summary})`);
    return 0;
  }

  fs.mkdirSync(freshDir, { recursive: true });
  const freshMd = path.join(freshDir, 'reliability.md');
  const freshStableMd = path.join(freshDir, 'reliability.stable.md');
  const committedStableMd = path.join(freshDir, 'reliability.committed.stable.md');
  const freshStable = path.join(freshDir, 'reliability.stable.json');
  const committedStable = path.join(freshDir, 'reliability.committed.stable.json');
  fs.writeFileSync(freshMd, md);
  fs.writeFileSync(freshStableMd, stableMarkdown(md));
  fs.writeFileSync(committedStableMd, stableMarkdown(fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : ''));
  fs.writeFileSync(path.join(freshDir, 'reliability.json'), jsonText(json));
  fs.writeFileSync(freshStable, jsonText(stableJson(json)));
  let committedJson: unknown;
  try {
    committedJson = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  } catch {
    committedJson = undefined;
  }
  fs.writeFileSync(committedStable, jsonText(stableJson(committedJson ?? null)));

  const stale: string[] = [];
  for (const [committed, fresh, name] of [
    [committedStableMd, freshStableMd, `${rel(mdPath)} (without measured lines)`],
    [committedStable, freshStable, `${rel(jsonPath)} (without "measured")`],
  ] as const) {
    const a = fs.existsSync(committed) ? fs.readFileSync(committed, 'utf8') : '';
    if (a === fs.readFileSync(fresh, 'utf8')) continue;
    stale.push(name);
    const diff = spawnSync('diff', ['-u', committed, fresh], { encoding: 'utf8' });
    console.error(`--- ${name}: committed vs this run (first 60 lines)\n${(diff.stdout || diff.stderr).split('\n').slice(0, 60).join('\n')}`);
  }
  if (stale.length > 0) {
    console.error(
      `write-report: ${stale.join(' and ')} differ from what this run produced (${summary}). ` +
        `If the change is intended, run 'make reliability-doc' and commit docs/reliability.md and docs/reliability.json. ` +
        `This run's rendering: ${rel(freshDir)}/.`,
    );
    return 1;
  }
  console.log(`write-report: ${rel(mdPath)} and ${rel(jsonPath)} are current (${summary}; measured times not compared)`);
  return 0;
}

process.exitCode = main();
