#!/usr/bin/env node
// Compiles the apps and libraries to JavaScript: every package whose package.json `main` is in
// dist/ gets <package>/dist mirroring its src/ (tests and src/testing left out), with source
// maps, by swc with the repository's .swcrc (decorator metadata, which NestJS needs). Type
// checking is `npm run typecheck`'s job; this only transpiles, so it is fast.
//
// Incremental: dist/.build-stamp.json records each source's mtime and size and a key of the
// compiler settings and the package's dependencies; a source whose entry differs is compiled
// again, outputs whose source is gone are deleted, and when nothing changed the check costs a
// few milliseconds. Outputs are written atomically (temporary file, then rename), so processes
// building at once do not break each other.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { undeclaredImports } = require('./check-runtime-deps.js');

const root = path.resolve(__dirname, '..');
const STAMP = '.build-stamp.json';

/** The packages to build: apps/* and libs/* whose package.json says `main: dist/…`. */
function buildPackages() {
  const packages = [];
  for (const group of ['apps', 'libs']) {
    for (const entry of fs.readdirSync(path.join(root, group), { withFileTypes: true })) {
      const dir = path.join(root, group, entry.name);
      const manifestFile = path.join(dir, 'package.json');
      if (!entry.isDirectory() || !fs.existsSync(manifestFile)) continue;
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
      if (!String(manifest.main).startsWith('dist/')) continue;
      packages.push({ manifest, src: path.join(dir, 'src'), dist: path.join(dir, 'dist') });
    }
  }
  return packages;
}

/** Source files of a package, relative to its src/: no tests, no test helpers. */
function sourcesOf(src, dir = src, found = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') sourcesOf(src, full, found);
    } else if (/(?<!\.d|\.spec|\.test)\.ts$/.test(entry.name)) {
      found.push(path.relative(src, full));
    }
  }
  return found;
}

/** Changes in the compiler or in this file make every output stale. */
function settingsKeyOf(swcrcText) {
  const swcVersion = require('@swc/core/package.json').version;
  return crypto
    .createHash('sha256')
    .update(swcrcText)
    .update(swcVersion)
    .update(fs.readFileSync(__filename))
    .digest('hex');
}

function readStamp(dist) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dist, STAMP), 'utf8'));
  } catch {
    return { key: null, files: {} };
  }
}

function writeAtomically(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

const outputOf = (pkg, rel) => path.join(pkg.dist, rel.replace(/\.ts$/, '.js'));

/**
 * A relative import that leaves the package for another one's sources (apps/cli uses apps/api's
 * password hasher) must load that package's compiled file instead: src/ is not deployed.
 */
function redirectRequires(code, pkg, sourceFile, outFile, packages) {
  return code.replace(/\brequire\("(\.\.?\/[^"]*)"\)/g, (call, specifier) => {
    const target = path.resolve(path.dirname(sourceFile), specifier);
    if (isInside(target, pkg.src)) return call;
    const owner = packages.find((other) => isInside(target, other.src));
    if (!owner) {
      throw new Error(
        `${path.relative(root, sourceFile)} imports ${specifier}, outside the sources of every built package`,
      );
    }
    const compiled = path.join(owner.dist, path.relative(owner.src, target));
    let relative = path.relative(path.dirname(outFile), compiled).split(path.sep).join('/');
    if (!relative.startsWith('.')) relative = `./${relative}`;
    return `require(${JSON.stringify(relative)})`;
  });
}

const isInside = (file, dir) => file === dir || file.startsWith(dir + path.sep);

async function compile(swc, swcrc, pkg, rel, packages) {
  const sourceFile = path.join(pkg.src, rel);
  const outFile = outputOf(pkg, rel);
  const { code, map } = await swc.transform(fs.readFileSync(sourceFile, 'utf8'), {
    ...swcrc,
    filename: sourceFile,
    sourceFileName: path.relative(path.dirname(outFile), sourceFile).split(path.sep).join('/'),
    sourceMaps: true,
    inlineSourcesContent: false,
    swcrc: false,
    configFile: false,
  });
  const redirected = redirectRequires(code, pkg, sourceFile, outFile, packages);
  writeAtomically(outFile, `${redirected}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`);
  writeAtomically(`${outFile}.map`, map);
}

/** Deletes outputs (and emptied folders) whose source is gone. */
function removeOrphans(pkg, expected, dir = pkg.dist) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(pkg, expected, full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    } else if (
      full !== path.join(pkg.dist, STAMP) &&
      !full.endsWith('.tmp') && // another build's file on its way to being renamed
      !expected.has(full.replace(/\.map$/, ''))
    ) {
      fs.rmSync(full, { force: true });
    }
  }
}

/**
 * Builds what is stale. Resolves to the number of files compiled (0: everything was up to
 * date); `log` receives one line when something was compiled.
 */
async function build({ log = () => {} } = {}) {
  const started = Date.now();
  const swcrcText = fs.readFileSync(path.join(root, '.swcrc'), 'utf8');
  const settingsKey = settingsKeyOf(swcrcText);
  const packages = buildPackages();
  const plans = packages.map((pkg) => {
    // Its dependencies are part of a package's key: the check below must see them change.
    const key = `${settingsKey}:${JSON.stringify(pkg.manifest.dependencies ?? {})}`;
    const stamp = readStamp(pkg.dist);
    const files = {};
    for (const rel of sourcesOf(pkg.src)) {
      const { mtimeMs, size } = fs.statSync(path.join(pkg.src, rel));
      files[rel] = [mtimeMs, size];
    }
    const stale = Object.keys(files).filter((rel) => {
      const before = stamp.key === key ? stamp.files[rel] : undefined;
      return !before || before[0] !== files[rel][0] || before[1] !== files[rel][1];
    });
    const removed = Object.keys(stamp.files).some((rel) => !(rel in files));
    return { pkg, key, files, stale, changed: stale.length > 0 || removed || stamp.key !== key };
  });
  if (!plans.some((plan) => plan.changed)) return 0;

  const swcrc = JSON.parse(swcrcText);
  delete swcrc.$schema;
  const swc = require('@swc/core');
  const jobs = plans.flatMap((plan) =>
    plan.stale.map((rel) => compile(swc, swcrc, plan.pkg, rel, packages)),
  );
  await Promise.all(jobs);

  const problems = undeclaredImports(
    plans.map(({ pkg, files }) => ({
      pkg,
      outputs: Object.keys(files).map((rel) => outputOf(pkg, rel)),
    })),
  );
  if (problems.length > 0) {
    throw new Error(
      `Imports missing from the importing package's "dependencies" (production installs ` +
        `would not have them):\n  ${problems.join('\n  ')}`,
    );
  }
  for (const plan of plans.filter((each) => each.changed)) {
    removeOrphans(plan.pkg, new Set(Object.keys(plan.files).map((rel) => outputOf(plan.pkg, rel))));
    writeAtomically(
      path.join(plan.pkg.dist, STAMP),
      JSON.stringify({ key: plan.key, files: plan.files }),
    );
  }
  const total = plans.reduce((sum, plan) => sum + Object.keys(plan.files).length, 0);
  log(`build: ${jobs.length} of ${total} sources compiled to dist/ in ${Date.now() - started} ms`);
  return jobs.length;
}

module.exports = { build };

if (require.main === module) {
  build({ log: (line) => console.log(line) }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
