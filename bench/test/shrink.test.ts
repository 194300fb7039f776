/**
 * `make check-bundles`: the shrinks of lambda/bin/bundle.mjs change no value.
 * Each SDK schema module the shipped functions bundle is evaluated as it is and
 * as rewritten (computed keys inlined), and every export must be the same; the
 * SDK package.json a bundle imports keeps the one field the SDK reads. And the
 * shrink does what it is for: schemas of operations no handler imports are gone.
 */
import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const nm = (p: string): string => path.join(repoRoot, 'node_modules', p);

interface Bundler {
  inlineSchemaKeys(source: string): string;
  shrinkPlugin(): Plugin;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundler = require(path.join(repoRoot, 'lambda', 'bin', 'shrink.cjs')) as Bundler;

/** The module's exports, evaluated from a CommonJS bundle of it (with or without the shrink plugin), as comparable JSON. */
async function exportsOf(file: string, plugins: Plugin[]): Promise<string> {
  const out = await build({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', plugins });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', out.outputFiles[0]?.text ?? '')(module, module.exports, require);
  const fnSource = (_key: string, v: unknown): unknown => (typeof v === 'function' ? `fn:${v.name}:${String(v)}` : v);
  return JSON.stringify(Object.fromEntries(Object.entries(module.exports).sort(([a], [b]) => (a < b ? -1 : 1))), fnSource);
}

describe('schemaKeys: inlining computed keys changes no schema', () => {
  test.each([
    '@aws-sdk/client-pinpoint/dist-es/schemas/schemas_0.js',
    '@aws-sdk/client-customer-profiles/dist-es/schemas/schemas_0.js',
    '@aws-sdk/nested-clients/dist-es/submodules/sts/schemas/schemas_0.js',
  ])('%s', async (file) => {
    const source = readFileSync(nm(file), 'utf8');
    const rewritten = bundler.inlineSchemaKeys(source);
    // It does rewrite (the test would pass vacuously otherwise) ...
    expect(rewritten).not.toEqual(source);
    expect(rewritten).not.toMatch(/\[_\w+\]:/);
    // ... and every export evaluates to the same value.
    const before = await exportsOf(nm(file), []);
    expect(before.length).toBeGreaterThan(1000);
    expect(await exportsOf(nm(file), [bundler.shrinkPlugin()])).toEqual(before);
  }, 60_000);

  test.each([
    ['a key naming a string constant', 'const _a = "x";\nconst s = { [_a]: 1 };', 'const _a = "x";\nconst s = { "x": 1 };'],
    ['a key naming something else is left alone', 'import { k } from "m";\nconst s = { [k]: 1 };', 'import { k } from "m";\nconst s = { [k]: 1 };'],
    ['a non-literal constant is left alone', 'const _b = f();\nconst s = { [_b]: 1 };', 'const _b = f();\nconst s = { [_b]: 1 };'],
  ])('%s', (_name, source, expected) => {
    expect(bundler.inlineSchemaKeys(source)).toBe(expected);
  });
});

describe('what the shrinks take out of the shipped bundles', () => {
  const pinpoint = (): string => readFileSync(path.join(repoRoot, 'dist', 'index.js'), 'utf8');

  test('the Pinpoint bundle keeps the schemas of GetEndpoint and UpdateEndpoint and drops the rest of the service', () => {
    const code = pinpoint();
    for (const used of ['"GetEndpointRequest"', '"UpdateEndpointRequest"', '"EndpointResponse"', '"NotFoundException"']) expect(code).toContain(used);
    for (const unused of ['"CreateCampaignRequest"', '"JourneyResponse"', '"SegmentResponse"', '"APNSChannelRequest"']) expect(code).not.toContain(unused);
  });

  test('SDK package.json imports keep name and version only (the user-agent reads version)', () => {
    const code = pinpoint();
    const version = (JSON.parse(readFileSync(nm('@aws-sdk/client-pinpoint/package.json'), 'utf8')) as { version: string }).version;
    expect(code).toContain(version);
    expect(code).not.toMatch(/"devDependencies"|"scripts":|"typesVersions"/);
  });
});
