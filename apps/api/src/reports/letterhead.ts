import type { Letterhead, ReportSnapshot } from '@chidao/reporting';
import type { AgencyDirectory } from '@chidao/projections';

// "UBND tỉnh Hà Tĩnh" → "Hà Tĩnh": the place printed in the date line of the report.
const PROVINCE_PREFIX = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|TP\.?)\s+/iu;

/**
 * The letterhead of a report from the agency register: the scope's agency and its parent, the
 * place from the province at the top of the tree, the parent body as first recipient.
 */
export function letterheadOf(
  snapshot: ReportSnapshot,
  agencies: AgencyDirectory,
): Partial<Letterhead> {
  const code = snapshot.scope.agency;
  const agency = code ? agencies.get(code) : undefined;
  if (!agency) return {};
  const parent = agency.parent ? agencies.get(agency.parent) : undefined;
  const root = agencies.get(
    agencies.sameOrAbove(agency.code).find((c) => agencies.get(c)?.parent === null) ?? '',
  );
  const place = root?.name.replace(PROVINCE_PREFIX, '');
  return {
    body: agency.name,
    parentBody: parent?.name ?? null,
    symbol: symbolOf(agency),
    ...(place && place !== root?.name ? { place } : {}),
    recipients: [...(parent ? [parent.name] : []), 'Lưu: VT'],
  };
}

/**
 * The issuer part of a report's number ("Số: …/BC-UBND"): a people's committee, of the province
 * or a district, signs as UBND (Nghị định 30/2020, Phụ lục III); a department by its register
 * code, which is its abbreviation (STTTT, STC).
 */
function symbolOf(agency: { readonly code: string; readonly kind: string | null }): string {
  if (agency.kind === 'province' || agency.kind === 'district') return 'UBND';
  return agency.code;
}
