import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import type { Agency } from '../api/types';

/** The agency register, fetched once per page load: every screen names agencies from it. */
let register: Promise<Agency[]> | null = null;

const load = (): Promise<Agency[]> =>
  (register ??= api<Agency[]>('/api/agencies').catch((error: unknown) => {
    register = null;
    throw error;
  }));

/** The agencies (empty until loaded) and a name for a code (the code until then). */
export function useAgencies(): { agencies: Agency[]; nameOf: (code: string) => string } {
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    let current = true;
    load()
      .then((list) => current && setAgencies(list))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  const nameOf = useMemo(() => {
    const byCode = new Map(agencies.map((a) => [a.code, a.name]));
    return (code: string) => byCode.get(code) ?? code;
  }, [agencies]);
  return { agencies, nameOf };
}

/**
 * Agencies by name: until the register arrives, or for a code it does not hold, the code is
 * shown; no agency reads '—'.
 */
export function useAgencyNames(): (code: string | null | undefined) => string {
  const { nameOf } = useAgencies();
  return useCallback((code) => (code ? nameOf(code) : '—'), [nameOf]);
}
