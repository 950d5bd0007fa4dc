/**
 * Agency names as offices write them, matched to the register: by code ("STTTT"), by name in any
 * case or accents ("So Thong tin va Truyen thong"), by the usual abbreviation ("Sở TT&TT",
 * "Sở TTTT", "UBND huyện Can Lộc"), and by the aliases the office mapped once before. A name
 * that fits several agencies is not guessed: the person chooses.
 */
import { compactText, foldText } from '../shared/fold-text';

export interface RegisteredAgency {
  readonly code: string;
  readonly name: string;
}

export type AgencyMatch =
  | { readonly kind: 'matched'; readonly code: string; readonly by: 'code' | 'name' | 'alias' }
  | { readonly kind: 'ambiguous'; readonly codes: readonly string[] }
  | { readonly kind: 'unmatched' };

/** Words of an agency's kind, folded, with the short form offices use. */
const KIND_WORDS: readonly (readonly [string, string])[] = [
  ['uy ban nhan dan', 'ubnd'],
  ['hoi dong nhan dan', 'hdnd'],
  ['van phong', 'vp'],
  ['thanh pho', 'tp'],
];

/** Connectors between the parts of a department's name: "Kế hoạch và Đầu tư", "Lao động - Thương binh và Xã hội". */
const PARTS = /\s*(?:\bva\b|&|-|,)\s*/;

/** What a name is called by, each as `compactText` leaves it. */
export function agencyKeys(name: string): string[] {
  const folded = shortKinds(foldText(name));
  // "Kế hoạch và Đầu tư" is also written "Kế hoạch & Đầu tư": the connector is left out.
  const keys = new Set([compactText(folded), withoutConnectors(folded)]);
  // "so thong tin va truyen thong" → head "so", parts ["thong tin", "truyen thong"] → "sotttt".
  const [head, ...rest] = folded.split(' ');
  const tail = rest.join(' ');
  if (tail !== '') {
    const parts = tail.split(PARTS).filter((part) => part !== '');
    if (parts.length > 1 || parts[0].includes(' ')) {
      const initials = parts.map((part) =>
        part
          .split(' ')
          .map((word) => word[0] ?? '')
          .join(''),
      );
      keys.add(compactText(`${head}${initials.join('')}`));
      // A department also goes by the initial of "Sở": "STTTT", "SKHĐT".
      if (head === 'so') keys.add(compactText(`s${initials.join('')}`));
    }
  }
  return [...keys].filter((key) => key.length >= 2);
}

const withoutConnectors = (folded: string): string => compactText(folded.replace(/\bva\b/g, ''));

/** "Ủy ban nhân dân huyện X" and "UBND huyện X" are one name. */
function shortKinds(folded: string): string {
  return KIND_WORDS.reduce((text, [long, short]) => text.split(long).join(short), folded);
}

/** How the matcher compares a code or an alias: folded, kind words short, only letters and digits. */
export const aliasKey = (text: string): string => compactText(shortKinds(foldText(text)));

export interface AgencyMatcher {
  match(text: string): AgencyMatch;
}

/**
 * A matcher over the register and the office's aliases (`alias text → code`, as the person
 * mapped them; folded before use). Codes and aliases come first; then names and abbreviations.
 */
export function createAgencyMatcher(
  agencies: readonly RegisteredAgency[],
  aliases: ReadonlyMap<string, string> = new Map(),
): AgencyMatcher {
  const byCode = new Map(agencies.map((agency) => [compactText(agency.code), agency.code]));
  const byAlias = new Map([...aliases].map(([text, code]) => [aliasKey(text), code]));
  const byKey = new Map<string, Set<string>>();
  for (const agency of agencies) {
    for (const key of agencyKeys(agency.name)) {
      byKey.set(key, (byKey.get(key) ?? new Set()).add(agency.code));
    }
  }
  return {
    match(text) {
      const key = aliasKey(text);
      if (key === '') return { kind: 'unmatched' };
      const alias = byAlias.get(key);
      if (alias) return { kind: 'matched', code: alias, by: 'alias' };
      const code = byCode.get(key);
      if (code) return { kind: 'matched', code, by: 'code' };
      const codes = byKey.get(key) ?? byKey.get(withoutConnectors(shortKinds(foldText(text))));
      if (!codes) return { kind: 'unmatched' };
      if (codes.size > 1) return { kind: 'ambiguous', codes: [...codes].sort() };
      return { kind: 'matched', code: [...codes][0], by: 'name' };
    },
  };
}
