/**
 * The input/output tables of the example's root READMEs, generated from the
 * .tf files with the module README generator (scripts/module-docs.ts).
 *   npx tsx examples/kinesis-to-iot/test/root-docs.ts   rewrites them
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { moduleDocs, withDocs } from '../../../scripts/module-docs';

export const ROOTS = ['source', 'target'].map((r) => path.resolve(__dirname, '..', r));

/** [README path, current text, generated text] per root. */
export async function rootDocs(): Promise<[string, string, string][]> {
  return Promise.all(
    ROOTS.map(async (dir) => {
      const file = path.join(dir, 'README.md');
      const readme = readFileSync(file, 'utf8');
      return [file, readme, withDocs(readme, await moduleDocs(dir), file)] as [string, string, string];
    }),
  );
}

if (require.main === module) {
  void rootDocs().then((docs) => {
    for (const [file, readme, next] of docs) if (next !== readme) writeFileSync(file, next);
  });
}
