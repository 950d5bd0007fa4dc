// Every package the compiled code requires must be in the `dependencies` of the package whose
// code requires it: a production install (`npm ci --omit=dev`) has nothing else, and a package
// found only because the root devDependencies hoisted it works in development and fails in the
// container. Read from the compiled output, so type-only imports (erased) do not count and
// decorator metadata (kept) does.
'use strict';
const fs = require('node:fs');
const { isBuiltin } = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** `lodash/fp` → `lodash`, `@scope/name/x` → `@scope/name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * `builds`: [{ pkg: { manifest }, outputs: [compiled .js files] }]. Returns one line per
 * package required but not declared.
 */
function undeclaredImports(builds) {
  const problems = [];
  for (const { pkg, outputs } of builds) {
    const declared = new Set(
      Object.keys({
        ...pkg.manifest.dependencies,
        ...pkg.manifest.optionalDependencies,
        ...pkg.manifest.peerDependencies,
      }),
    );
    const missing = new Map();
    for (const file of outputs) {
      const code = fs.readFileSync(file, 'utf8');
      for (const [, specifier] of code.matchAll(/\brequire\("([^".][^"]*)"\)/g)) {
        const name = packageName(specifier);
        if (isBuiltin(specifier) || declared.has(name) || missing.has(name)) continue;
        missing.set(name, path.relative(root, file));
      }
    }
    for (const [name, file] of missing) {
      problems.push(`${pkg.manifest.name} needs "${name}" (${file})`);
    }
  }
  return problems;
}

module.exports = { undeclaredImports };
