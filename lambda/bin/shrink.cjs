'use strict';
// Shrinks of lambda/bin/bundle.mjs (CommonJS so the bench and its tests can require it).
const { readFile } = require('node:fs/promises');

/**
 * Rewrites that keep the code's meaning and let esbuild drop code it cannot
 * prove unused (applied to every bundle, shipped or not):
 * - schemaKeys: the SDK's generated schema modules (`dist-es/schemas/schemas_N.js`)
 *   write member traits with computed keys naming module constants
 *   (`{ [_hE]: 404 }` with `const _hE = "httpError"`). esbuild treats a computed key
 *   as a possible side effect (a key's toString could run code), so it keeps every
 *   schema of the service, used or not. Replacing each such key by the string the
 *   constant holds (`{ "httpError": 404 }`) is the same object; esbuild then keeps
 *   only the schemas of the operations the handler imports.
 * - sdkPackageJson: each SDK client imports its whole package.json for one field,
 *   `version` (the user-agent's client version); the import gets `{ name, version }`.
 */
const SHRINKS = Object.freeze(['schemaKeys', 'sdkPackageJson']);

const SCHEMA_MODULE = /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_\d+\.js$/;
const SDK_PACKAGE_JSON = /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/;

/** `source` with every computed key `[name]:` whose name is a module-level string constant replaced by that string. */
function inlineSchemaKeys(source) {
  const constants = new Map([...source.matchAll(/^const (\w+) = ("[^"\\\n]*");$/gm)].map((m) => [m[1], m[2]]));
  return source.replace(/\[(\w+)\]:/g, (key, name) => constants.get(name)?.concat(':') ?? key);
}

/** esbuild plugin applying the SHRINKS. */
function shrinkPlugin() {
  return {
    name: 'cross-account-lambda-shrink',
    setup(build) {
      build.onLoad({ filter: SCHEMA_MODULE }, async (args) => ({ contents: inlineSchemaKeys(await readFile(args.path, 'utf8')), loader: 'js' }));
      build.onLoad({ filter: SDK_PACKAGE_JSON }, async (args) => {
        const { name, version } = JSON.parse(await readFile(args.path, 'utf8'));
        return { contents: JSON.stringify({ name, version }), loader: 'json' };
      });
    },
  };
}

module.exports = { SHRINKS, inlineSchemaKeys, shrinkPlugin };
