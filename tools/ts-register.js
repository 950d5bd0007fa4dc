// Runs the TypeScript sources directly (`node -r ./tools/ts-register.js app.ts`): each .ts file
// outside node_modules is compiled by swc with the repository's .swcrc (decorator metadata
// included, which NestJS needs) and the result is cached on disk by content hash, so a restart
// compiles nothing. Lighter than @swc-node/register, which also loads the TypeScript compiler.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

process.setSourceMapsEnabled(true);

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
const cacheDir = path.join(root, 'node_modules', '.cache', 'chidao-ts');
const salt = `${JSON.stringify(swcrc)}|${process.version}`;
let swc;

function compile(source, filename) {
  const key = crypto
    .createHash('sha256')
    .update(salt)
    .update(filename)
    .update(source)
    .digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    swc ??= require('@swc/core');
    const { code } = swc.transformSync(source, {
      ...swcrc,
      filename,
      swcrc: false,
      configFile: false,
    });
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, code);
      fs.renameSync(temporary, cached); // atomic: concurrent processes never read half a file
    } catch {
      // A read-only tree still runs, only slower.
    }
    return code;
  }
}

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
    throw new Error(`Refusing to compile TypeScript inside node_modules: ${filename}`);
  }
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

// For tools/warm-compile-cache.js: fills the same cache without running anything.
module.exports = { compile };
