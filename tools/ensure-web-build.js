// Before `npm start`: builds the web app (apps/web/dist) when it is missing, so that the API
// can serve it at `/`. An existing build is kept; `npm run build:web` rebuilds it on purpose.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const dist = path.resolve(__dirname, '..', 'apps', 'web', 'dist', 'index.html');
if (fs.existsSync(dist)) process.exit(0);

console.log('Web app not built yet (apps/web/dist is missing): running `npm run build:web`…');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'build:web'], {
  cwd: path.resolve(__dirname, '..'),
  stdio: 'inherit',
});
if (result.status !== 0) {
  // The API is still useful without the web app: say so and go on.
  console.error('Building the web app failed; the API starts without it.');
}
