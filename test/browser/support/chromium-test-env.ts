/**
 * Chromium for the browser suites: they run when CHIDAO_TEST_CHROMIUM names the executable
 * (.ci/run installs Debian's chromium and sets it) and otherwise register one skipped test whose
 * name and a printed warning say why — as describeWithPostgres does for PostgreSQL.
 */
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

/** `describe` when Chromium is configured; otherwise a skipped test that says why. */
export function describeWithChromium(name: string, body: (executablePath: string) => void): void {
  const executablePath = chromiumExecutable();
  if (executablePath) {
    describe(name, () => body(executablePath));
    return;
  }
  describe(name, () => {
    console.warn(`${name}: ${NOT_RUN}`);
    it.skip(NOT_RUN, () => undefined);
  });
}

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}
