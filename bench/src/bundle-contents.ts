/**
 * What an esbuild metafile says ended up in a bundle: the packages with bytes
 * in the output (inputs tree-shaken to nothing do not count), and which of
 * them a shipped bundle must not carry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

/** Packages no shipped bundle may carry: the SDK's default credential chain and what only it uses. */
export const FORBIDDEN_PACKAGES: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^@aws-sdk\/credential-provider-node$/, why: 'the default credential chain' },
  { pattern: /^@aws-sdk\/credential-provider-(ini|sso|process|http|web-identity|login|cognito-identity)$/, why: 'a credential provider of the default chain' },
  { pattern: /^@smithy\/credential-provider-imds$/, why: 'IMDS / container credentials' },
  { pattern: /^@aws-sdk\/token-providers$/, why: 'SSO bearer tokens' },
  { pattern: /^@smithy\/shared-ini-file-loader$/, why: 'profile files (~/.aws/config, credentials)' },
];

/** The package (or repo-relative file) an esbuild input path belongs to. */
export function packageOf(input: string): string {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.replaceAll('\\', '/'));
  return match?.[1] ?? input;
}

/** Bytes in the output per package, over every output of the metafile. */
export function bytesByPackage(meta: Metafile): Map<string, number> {
  const sums = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) sums.set(packageOf(input), (sums.get(packageOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return sums;
}

/** One line per forbidden package with bytes in the bundle. */
export function forbiddenIn(meta: Metafile): string[] {
  const found: string[] = [];
  for (const [pkg, bytes] of bytesByPackage(meta)) {
    const rule = FORBIDDEN_PACKAGES.find((f) => f.pattern.test(pkg));
    if (rule) found.push(`${pkg} (${bytes} bytes; ${rule.why})`);
  }
  return found.sort();
}

/** Every `*.meta.json` under `dir` (recursively), as paths. */
export function findMetafiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findMetafiles(full));
    else if (entry.name.endsWith('.meta.json')) out.push(full);
  }
  return out.sort();
}

export function readMetafile(file: string): Metafile {
  return JSON.parse(readFileSync(file, 'utf8')) as Metafile;
}
