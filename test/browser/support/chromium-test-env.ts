/**
 * Chromium for the browser suites: they run when CHIDAO_TEST_CHROMIUM names the executable
 * (.ci/run installs Debian's chromium and sets it) and otherwise hold one test, skipped or failed
 * (see describeNotRun), that says why — as describeWithPostgres does for PostgreSQL.
 */
import { describeNotRun } from '@chidao/event-store/testing';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM_VARIABLE = 'CHIDAO_TEST_CHROMIUM';

// The flags issue 8 names: headless in a container, nothing fetched by the browser itself.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function chromiumExecutable(): string | null {
  const value = process.env[CHROMIUM_VARIABLE];
  return value && value.trim() !== '' ? value.trim() : null;
}

const NOT_RUN = `browser suites not run: set ${CHROMIUM_VARIABLE} (e.g. /usr/bin/chromium from Debian's chromium package); .ci/run does`;

/** `describe` when Chromium is configured; otherwise a test that says why it did not run. */
export function describeWithChromium(name: string, body: (executablePath: string) => void): void {
  const executablePath = chromiumExecutable();
  if (executablePath) describe(name, () => body(executablePath));
  else describeNotRun(name, NOT_RUN);
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}
