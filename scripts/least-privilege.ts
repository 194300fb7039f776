/**
 * Least-privilege proof: renders the modules (test/least-privilege/fixture),
 * runs the static check and the IAM request matrix, and writes the report.
 *
 *   npx tsx scripts/least-privilege.ts [--out <file>]   (default docs/least-privilege.md)
 *
 * Exits 1 when the matrix has a mismatch or the static check a finding (the
 * report is written either way, so the failure is visible in it), unless
 * --report-only is given (the staleness check: mismatches are the test's job).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAndProve } from '../test/least-privilege/src/proof';
import { REPO_ROOT } from '../test/least-privilege/src/render';
import { renderReport } from '../test/least-privilege/src/report';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const out = i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : join(REPO_ROOT, 'docs', 'least-privilege.md');
  const proof = await renderAndProve();
  writeFileSync(out, renderReport(proof) + '\n');
  const c = proof.matrix.counts;
  console.log(`least-privilege: ${c.total} requests (${c.expectedAllowed} expected allowed, ${c.expectedDenied} expected denied), ${c.mismatches} mismatches, ${proof.findings.length} static-check findings`);
  if ((c.mismatches > 0 || proof.findings.length > 0) && !process.argv.includes('--report-only')) {
    for (const r of proof.matrix.rows.filter((x) => x.mismatch)) console.error(`  mismatch: ${r.principalLabel} ${r.request.action} ${r.request.resource}: expected ${r.expected}, got ${r.result}`);
    for (const f of proof.findings) console.error(`  finding: ${f.source}: ${f.rule}: ${f.detail}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 2;
});
