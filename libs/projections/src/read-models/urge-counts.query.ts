/**
 * Urges and reminders per lead agency in a period, summed from the `urge_counts` read model:
 * the same answer as the domain's createUrgeCounter fed the whole log (tested against it).
 */
import type { AgencyUrgeCount, UrgeCountQuery } from '@chidao/domain';
import type { DocumentCollection, Where } from '../document-query';
import type { UrgeCountDocument } from './urge-counts.projection';

/** Documents per query: memory holds one page and one sum per agency. */
const PAGE = 1000;

export async function urgeCounts(
  collection: DocumentCollection<UrgeCountDocument>,
  query: UrgeCountQuery,
): Promise<AgencyUrgeCount[]> {
  const agencies = query.agencies === undefined ? undefined : [...query.agencies];
  if (agencies?.length === 0 || query.from > query.to) return [];
  const where: Where = {
    occurred_on: { gte: query.from, lte: query.to },
    ...(agencies === undefined
      ? {}
      : { lead_agency: agencies.length === 1 ? agencies[0] : { in: agencies } }),
  };
  const sums = new Map<string, { manual: number; automatic: number }>();
  for await (const { doc } of collection.stream({
    where,
    keyColumn: 'occurred_on',
    pageSize: PAGE,
  })) {
    const sum = sums.get(doc.agency) ?? { manual: 0, automatic: 0 };
    sum.manual += doc.manual;
    sum.automatic += doc.automatic;
    sums.set(doc.agency, sum);
  }
  // The counter's order: by agency code.
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agency, sum]) => ({ agency, ...sum }));
}
