#!/usr/bin/env node
// The registry reachable here serves only the linux-x64 builds of packages that ship native
// binaries as optional per-platform packages (@swc/core-darwin-arm64, …). npm then leaves those
// entries out of package-lock.json and `npm ci` refuses the lockfile as out of sync. Adding
// them back as optional entries restores the lockfile npm would write elsewhere; on this
// platform npm skips them. Idempotent: run it after changing dependencies (CI runs it too).
const fs = require('node:fs');
const path = require('node:path');

const file = path.resolve(process.argv[2] || path.join(__dirname, '..', 'package-lock.json'));
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies || {})) {
    const nested = location === '' ? `node_modules/${name}` : `${location}/node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    lock.packages[`node_modules/${name}`] = {
      version,
      dev: entry.dev || undefined,
      optional: true,
    };
    added++;
  }
}
if (added > 0) fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} optional platform entries added`);
