#!/usr/bin/env node
// Compiles every TypeScript source of the apps and libraries once into tools/ts-register.js's
// cache (node_modules/.cache/chidao-ts), without running any of it, so a process started
// afterwards compiles nothing: the container image runs this at build time. The cache is keyed
// by absolute path, content, .swcrc and Node version, so warm it where and with the Node that
// will run the code. Tests are left out: containers do not run them. Running it again compiles
// only what changed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('./ts-register.js');

const root = path.resolve(__dirname, '..');

/** Every .ts file under `dir` (not declarations), skipping node_modules and test folders. */
function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test') yield* sources(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

const started = Date.now();
let count = 0;
for (const group of ['apps', 'libs']) {
  for (const pkg of fs.readdirSync(path.join(root, group), { withFileTypes: true })) {
    const src = path.join(root, group, pkg.name, 'src');
    if (!pkg.isDirectory() || !fs.existsSync(src)) continue;
    for (const file of sources(src)) {
      compile(fs.readFileSync(file, 'utf8'), file);
      count += 1;
    }
  }
}
console.log(`warm-compile-cache: ${count} TypeScript files in ${Date.now() - started} ms`);
