/**
 * Offline A/B of bundle size and module load, for trying a bundling change
 * without the stack: `npx tsx bench/src/compare-load.ts a/index.js b/index.js [--samples=31]`.
 * Each sample is a fresh `node` process that requires the bundle with a
 * Pinpoint-function environment (one target, unreachable endpoint: the
 * init-time prefetch starts and fails in the background, after require returns).
 * Samples alternate between bundles so machine noise falls on all of them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { median } from './stats';

const probe = `const t0 = performance.now(); require(process.argv[1]); process.stdout.write(String(performance.now() - t0)); process.exit(0);`;

export const loadEnvironment: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'load-probe',
  AWS_ACCESS_KEY_ID: 'AKIDLOADPROBE',
  AWS_SECRET_ACCESS_KEY: 'load-probe',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  POWERTOOLS_LOG_LEVEL: 'CRITICAL',
  CROSS_ACCOUNT_TARGETS: JSON.stringify({
    app: { roleArn: 'arn:aws:iam::111111111111:role/load-probe', region: 'eu-west-1', settings: { pinpointAppId: '0123456789abcdef0123456789abcdef' } },
  }),
};

export interface LoadComparison {
  bundle: string;
  rawBytes: number;
  gzipBytes: number;
  samples: number;
  requireMsMedian: number;
}

export function compareLoad(bundles: string[], samples: number): LoadComparison[] {
  const times = bundles.map(() => [] as number[]);
  for (let i = 0; i < samples; i++) {
    bundles.forEach((bundle, b) => {
      const out = execFileSync(process.execPath, ['-e', probe, path.resolve(bundle)], { env: loadEnvironment, encoding: 'utf8', timeout: 30_000 });
      times[b]?.push(Number(out));
    });
  }
  return bundles.map((bundle, b) => {
    const code = readFileSync(bundle);
    return { bundle, rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, samples, requireMsMedian: median(times[b] ?? []) };
  });
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const samplesArg = args.find((a) => a.startsWith('--samples='));
  const samples = samplesArg ? Number(samplesArg.slice('--samples='.length)) : 31;
  const bundles = args.filter((a) => !a.startsWith('--'));
  if (bundles.length === 0 || !Number.isInteger(samples) || samples < 1) {
    process.stderr.write('usage: npx tsx bench/src/compare-load.ts <bundle.js>... [--samples=31]\n');
    process.exit(2);
  }
  for (const r of compareLoad(bundles, samples)) {
    process.stdout.write(
      `${r.bundle}: ${(r.rawBytes / 1024).toFixed(1)} KiB raw, ${(r.gzipBytes / 1024).toFixed(1)} KiB gzip, require median ${r.requireMsMedian.toFixed(1)} ms (${r.samples} processes)\n`,
    );
  }
}
