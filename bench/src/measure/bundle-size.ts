/** Figure 3a: bundle bytes, raw and gzip (what a deployment package carries and Lambda reads at cold start). */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { approaches, type ApproachId } from '../approaches';

export interface BundleSize {
  approach: ApproachId;
  rawBytes: number;
  gzipBytes: number;
}

/** Only bundles that exist: an absent one is reported as such by the caller. */
export function measureBundleSizes(ids: ApproachId[]): BundleSize[] {
  return ids.map((id) => {
    const bytes = readFileSync(approaches[id].bundlePath);
    return { approach: id, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}
