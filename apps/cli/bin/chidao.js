#!/usr/bin/env node
// Runs the TypeScript entry point without a build step (see tools/ts-register.js).
require('../../../tools/ts-register.js');
require('../src/main.ts').runFromProcess();
