/** @type {import('jest').Config} */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  // Compiled output (tools/build.js, vite) holds no tests.
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@chidao/([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@chidao/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  // Suites that spawn processes or write a million rows need more than the default 5 s.
  testTimeout: 120000,
  // Two cores: one worker per core keeps the process-level tests honest about timing.
  maxWorkers: 2,
};
