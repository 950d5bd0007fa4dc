/**
 * What a Vietnamese user must never read on a screen (issue 17): raw ids, ISO dates and
 * timestamps, the log's English event names, field paths of validation errors, JSON. A screen
 * shows names, dd/mm/yyyy and sentences instead.
 */
import { EVENT_SCHEMA_VERSIONS } from '@chidao/domain';
import type { Page } from 'playwright-core';
import { AGENCIES } from '../../../apps/api/test/support/province';

const EVENT_NAMES = Object.keys(EVENT_SCHEMA_VERSIONS);
// The test province's agency codes: people read "Sở Tài chính", never "STC".
const AGENCY_CODES = AGENCIES.map((agency) => agency.code).sort((a, b) => b.length - a.length);

const PATTERNS: readonly [string, RegExp][] = [
  ['a raw id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['an ISO timestamp', /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['a field path', /\b[a-z][A-Za-z]*\.\d+\.[a-z][A-Za-z]*\b/],
  ['JSON', /[{[]\s*"[A-Za-z_]+"\s*:/],
  ['an English event name', new RegExp(`\\b(${EVENT_NAMES.join('|')})\\b`)],
  ['an agency code', new RegExp(`(?<![\\w-])(${AGENCY_CODES.join('|')})(?![\\w-])`)],
];

/** Each code the text shows, with what kind it is; empty when the text speaks in words. */
export function codesIn(text: string): string[] {
  const found: string[] = [];
  for (const [kind, pattern] of PATTERNS) {
    const global = new RegExp(
      pattern.source,
      pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
    );
    for (const match of text.matchAll(global)) found.push(`${kind}: ${match[0]}`);
  }
  return found;
}

/** The codes the page's visible text shows (inputs' values are not text, so they pass). */
export async function codesOnScreen(page: Page): Promise<string[]> {
  return codesIn(await page.locator('body').innerText());
}
