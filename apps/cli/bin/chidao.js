#!/usr/bin/env node
// Runs the compiled CLI (apps/cli/dist). In a source checkout it first brings dist/ up to date
// (tools/build.js, silent: the CLI's own output stays clean); an image carries no sources and no
// build tool, only dist/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

process.setSourceMapsEnabled(true);

const builder = path.join(__dirname, '..', '..', '..', 'tools', 'build.js');
const ready =
  fs.existsSync(path.join(__dirname, '..', 'src')) && fs.existsSync(builder)
    ? require(builder).build()
    : Promise.resolve();

ready.then(
  () => require('../dist/main.js').runFromProcess(),
  (error) => {
    process.stderr.write(
      `Building the CLI failed: ${error instanceof Error ? error.message : error}\n`,
    );
    process.exitCode = 3;
  },
);
