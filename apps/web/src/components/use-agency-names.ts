import { useCallback } from 'react';
import { api } from '../api/client';
import type { Agency } from '../api/types';
import { useAsync } from './use-async';

/**
 * Agencies by name: the register (GET /api/agencies) read once per screen. Until it arrives, or
 * for a code it does not hold, the code is shown, never nothing.
 */
export function useAgencyNames(): (code: string | null | undefined) => string {
  const agencies = useAsync(() => api<Agency[]>('/api/agencies'), []);
  const byCode = agencies.data;
  return useCallback(
    (code) => {
      if (!code) return '—';
      return byCode?.find((agency) => agency.code === code)?.name ?? code;
    },
    [byCode],
  );
}
