/**
 * Results the reliability tests hand to the report writer: each test file
 * writes its sections as JSON under .cache/reliability/, and
 * write-report.ts turns them into docs/reliability.md.
 */
import fs from 'node:fs';
import path from 'node:path';

export const resultsDir = path.resolve(__dirname, '..', '..', '.cache', 'reliability');

export interface Section {
  title: string;
  intro: string;
  columns: string[];
  rows: string[][];
  /** Extra lines under the table (run facts). */
  notes?: string[];
}

export function writeSection(name: string, section: Section): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(section, null, 2));
}

export function readSections(): Array<{ name: string; section: Section }> {
  if (!fs.existsSync(resultsDir)) return [];
  return fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), section: JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as Section }));
}

/** Clears previous results so a report never mixes two runs. */
export function clearResults(): void {
  fs.rmSync(resultsDir, { recursive: true, force: true });
}
