// Runs the TypeScript sources directly, for development only (`node -r ./tools/ts-register.js
// app.ts`: the bench, tests that start processes): each .ts file outside node_modules is compiled
// by swc with the repository's .swcrc (decorator metadata included, which NestJS needs) and the
// result is cached on disk by content hash, so a restart compiles nothing. `@chidao/<lib>` (and
// `@chidao/<lib>/testing`) resolve to the library's sources, as in jest, not to the compiled
// dist/ its package.json names for production (tools/build.js).
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

const resolveFilename = Module._resolveFilename;
const librarySources = new Map();
Module._resolveFilename = function resolveLibraryToSources(request, ...rest) {
  const match = /^@chidao\/([a-z-]+)(\/testing)?$/.exec(request);
  if (match) {
    if (!librarySources.has(request)) {
      const index = path.join(root, 'libs', match[1], 'src', match[2] ? 'testing' : '', 'index.ts');
      librarySources.set(request, fs.existsSync(index) ? index : null);
    }
    const index = librarySources.get(request);
    if (index) return index;
  }
  return resolveFilename.call(this, request, ...rest);
};

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
    throw new Error(`Refusing to compile TypeScript inside node_modules: ${filename}`);
  }
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
