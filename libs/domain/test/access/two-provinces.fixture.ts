import type { AgencyScope } from '../../src/access/agency-scope';
import type { Actor, Role } from '../../src/shared/actor';

/**
 * Two provinces:
 *   UBND-TINH ─┬─ SO-TTTT ── PHONG-CNTT
 *              └─ SO-TC
 *   UBND-KHAC ─── SO-X
 */
const PARENT: Record<string, string | null> = {
  'UBND-TINH': null,
  'SO-TTTT': 'UBND-TINH',
  'SO-TC': 'UBND-TINH',
  'PHONG-CNTT': 'SO-TTTT',
  'UBND-KHAC': null,
  'SO-X': 'UBND-KHAC',
};

export const scope: AgencyScope = {
  isSameOrBelow(code, ancestor) {
    for (let at: string | null = code; at !== null; at = PARENT[at] ?? null) {
      if (at === ancestor) return true;
    }
    return false;
  },
};

export const actor = (userId: string, roles: Role[], agency: string | null): Actor => ({
  userId,
  roles,
  agency,
});
