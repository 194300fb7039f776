/**
 * Results the reliability tests hand to the report writer: each test file
 * writes its sections as JSON under .cache/reliability/, and write-report.ts
 * turns them into docs/reliability.md + docs/reliability.json (`make
 * reliability-doc`) or checks that the committed ones are current (`make
 * test-reliability`).
 *
 * A section keeps what the code decides (cells of the markdown table, facts
 * for the JSON summary) apart from what the machine measured (times, counts of
 * log lines): measured values go to the JSON's `measured` key only, which the
 * staleness check ignores.
 */
import fs from 'node:fs';
import path from 'node:path';

export const resultsDir = path.resolve(__dirname, '..', '..', '.cache', 'reliability');

export type Measured = Record<string, number | string>;

export interface Section {
  title: string;
  intro: string;
  columns: string[];
  /** Cells of the markdown table: only what the code under test decides (no times). */
  rows: string[][];
  /** The column that names a row (its `case` in the JSON's measured values); default 0. */
  keyColumn?: number;
  /** Per row (same order as `rows`), what the machine measured: JSON only, never compared. */
  measured?: Measured[];
  /** Section-wide measurements (e.g. the whole run's time): JSON only, never compared. */
  runMeasured?: Measured;
  /** Figures for the JSON summary, merged into its top level (e.g. { matrix: { rows: 33 } }). */
  facts?: Record<string, Record<string, unknown>>;
  /** Extra lines under the table. */
  notes?: string[];
  /**
   * Lines under the table that carry measured figures (e.g. the soak's counts, which depend on
   * the run's size and on timing): shown in the markdown, left out of the staleness comparison.
   */
  measuredNotes?: string[];
}

export function writeSection(name: string, section: Section): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(section, null, 2));
}

export function readSections(dir: string = resultsDir): Array<{ name: string; section: Section }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), section: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Section }));
}

/** Clears previous results so a report never mixes two runs. */
export function clearResults(): void {
  fs.rmSync(resultsDir, { recursive: true, force: true });
}

/** Rows with a cell in bold: what was not as expected (verdicts, missing runs, message problems, leaks). */
export function unexpectedRows(rows: string[][]): number {
  return rows.filter((r) => r.some((c) => c.startsWith('**'))).length;
}
