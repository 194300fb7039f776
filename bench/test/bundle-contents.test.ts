/**
 * `make check-bundles`: the metafile beside every bundle in dist/ (written by
 * lambda/bin/bundle.mjs) shows no credential provider the runtime does not use,
 * and the stub standing in for the default chain fails loudly if ever called.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORBIDDEN_PACKAGES, bytesByPackage, findMetafiles, forbiddenIn, packageOf, readMetafile, type Metafile } from '../src/bundle-contents';

const repoRoot = path.resolve(__dirname, '..', '..');
const dist = path.join(repoRoot, 'dist');
const metafiles = existsSync(dist) ? findMetafiles(dist) : [];

const metaWith = (inputs: Record<string, number>): Metafile => ({
  outputs: { 'out/index.js': { inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { bytesInOutput: v }])) } },
});

describe('the checker', () => {
  test.each([
    ['node_modules/@aws-sdk/credential-provider-ini/dist-es/fromIni.js', '@aws-sdk/credential-provider-ini'],
    ['node_modules/@aws-sdk/credential-provider-sso/dist-es/index.js', '@aws-sdk/credential-provider-sso'],
    ['node_modules/@aws-sdk/credential-provider-process/dist-es/index.js', '@aws-sdk/credential-provider-process'],
    ['node_modules/@smithy/credential-provider-imds/dist-es/index.js', '@smithy/credential-provider-imds'],
    ['node_modules/@aws-sdk/credential-provider-http/dist-es/index.js', '@aws-sdk/credential-provider-http'],
    ['node_modules/@aws-sdk/credential-provider-web-identity/dist-es/index.js', '@aws-sdk/credential-provider-web-identity'],
    ['node_modules/@aws-sdk/token-providers/dist-es/index.js', '@aws-sdk/token-providers'],
    ['node_modules/@aws-sdk/credential-provider-node/dist-es/index.js', '@aws-sdk/credential-provider-node'],
    ['node_modules/@smithy/shared-ini-file-loader/dist-es/index.js', '@smithy/shared-ini-file-loader'],
  ])('flags %s as %s when it has bytes in the output', (input, pkg) => {
    expect(packageOf(input)).toBe(pkg);
    expect(forbiddenIn(metaWith({ [input]: 120, 'lambda/src/index.ts': 300 }))).toEqual([expect.stringMatching(new RegExp(`^${pkg}`))]);
  });

  test('inputs tree-shaken to 0 bytes and the env provider do not count', () => {
    const meta = metaWith({
      'node_modules/@aws-sdk/credential-provider-ini/dist-es/fromIni.js': 0,
      'node_modules/@aws-sdk/credential-provider-env/dist-es/fromEnv.js': 800,
      'node_modules/@aws-sdk/nested-clients/dist-es/submodules/sts/STSClient.js': 900,
    });
    expect(forbiddenIn(meta)).toEqual([]);
    expect(bytesByPackage(meta).get('@aws-sdk/credential-provider-env')).toBe(800);
  });

  test('every forbidden pattern is anchored (no accidental match on the env provider)', () => {
    for (const { pattern } of FORBIDDEN_PACKAGES) expect(pattern.test('@aws-sdk/credential-provider-env')).toBe(false);
  });
});

describe('the bundles in dist/', () => {
  test('make build wrote a metafile beside every bundle', () => {
    expect(metafiles).not.toEqual([]);
    expect(metafiles.map((f) => path.relative(repoRoot, f))).toContain(path.join('dist', 'function.meta.json'));
  });

  test.each(metafiles.map((f) => [path.relative(repoRoot, f)]))('%s: no unused credential provider', (file) => {
    const meta = readMetafile(path.join(repoRoot, file));
    expect(Object.keys(meta.outputs).length).toBeGreaterThan(0);
    expect(forbiddenIn(meta)).toEqual([]);
    // The paths the runtime does use are there: the env provider and STS AssumeRole.
    const packages = [...bytesByPackage(meta).keys()];
    expect(packages).toEqual(expect.arrayContaining(['@aws-sdk/credential-provider-env', '@aws-sdk/nested-clients']));
  });

  test.each(metafiles.map((f) => [path.relative(repoRoot, f)]))('%s: event streams stubbed out (no operation of the shipped functions streams events)', (file) => {
    const inputs = Object.values(readMetafile(path.join(repoRoot, file)).outputs).flatMap((o) => Object.entries(o.inputs));
    expect(inputs.filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && input.includes('/event-streams/')).map(([input]) => input)).toEqual([]);
    expect(inputs.map(([input]) => input)).toContain('lambda/bin/event-streams.stub.mjs');
  });
});

describe('the default-chain stub', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stub-chain-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a client left without credentials fails with the stub error, before any request', () => {
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `import { PinpointClient, GetAppsCommand } from ${JSON.stringify(path.join(repoRoot, 'node_modules/@aws-sdk/client-pinpoint'))};`,
        `export const handler = () => new PinpointClient({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' }).send(new GetAppsCommand({}));`,
      ].join('\n'),
    );
    const script = [
      `import { bundle } from ${JSON.stringify(path.join(repoRoot, 'lambda/bin/bundle.mjs'))};`,
      `import { createRequire } from 'node:module';`,
      `const r = await bundle({ entry: ${JSON.stringify(entry)}, outdir: ${JSON.stringify(dir)} });`,
      `const { handler } = createRequire(import.meta.url)(r.bundlePath);`,
      `try { await handler(); console.log('no error'); } catch (e) { console.log(e.name + ': ' + e.message); }`,
    ].join('\n');
    const env = { PATH: process.env.PATH ?? '', HOME: dir, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
    // Environment credentials are set, yet the chain does not find them: it is not there.
    expect(out).toMatch(/^DefaultCredentialChainRemovedError: The default AWS credential chain .* is not in this bundle/m);
    expect(forbiddenIn(readMetafile(path.join(dir, 'function.meta.json')))).toEqual([]);
  });
});
