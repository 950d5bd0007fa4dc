import { addDays, type CalendarDate, DomainError } from '@chidao/domain';
import fc from 'fast-check';
import type { CutoffConvention, ReportPeriod } from '../../src/report.types';
import { parsePeriodId, periodOf, type PeriodSpec, previousPeriod } from '../../src/periods';

function period(spec: PeriodSpec, convention: CutoffConvention, cutoffDay: number): ReportPeriod {
  const result = periodOf(spec, { convention, cutoffDay });
  if (result instanceof DomainError) throw new Error(result.message);
  return result;
}

const conventions = fc.constantFrom<CutoffConvention>('calendar', 'nd09');
const years = fc.integer({ min: 1990, max: 2100 });
const cutoffDays = fc.integer({ min: 1, max: 28 });

describe('consecutive periods tile time', () => {
  it('months: each starts the day after the previous ends, and follows previousPeriod', () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 12 }), conventions, cutoffDays, (y, m, c, d) => {
        const current = period({ type: 'month', year: y, month: m }, c, d);
        const next =
          m === 12
            ? period({ type: 'month', year: y + 1, month: 1 }, c, d)
            : period({ type: 'month', year: y, month: m + 1 }, c, d);
        expect(next.start).toBe(addDays(current.end as CalendarDate, 1));
        expect(current.start <= current.end).toBe(true);
        expect(previousPeriod(next)).toEqual(current);
      }),
    );
  });

  it('quarters: each starts the day after the previous ends, and follows previousPeriod', () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 4 }), conventions, cutoffDays, (y, q, c, d) => {
        const current = period({ type: 'quarter', year: y, quarter: q }, c, d);
        const next =
          q === 4
            ? period({ type: 'quarter', year: y + 1, quarter: 1 }, c, d)
            : period({ type: 'quarter', year: y, quarter: q + 1 }, c, d);
        expect(next.start).toBe(addDays(current.end as CalendarDate, 1));
        expect(previousPeriod(next)).toEqual(current);
      }),
    );
  });

  it('six months tile the year, and a year is its two halves', () => {
    fc.assert(
      fc.property(years, conventions, cutoffDays, (y, c, d) => {
        const h1 = period({ type: 'first_half', year: y }, c, d);
        const h2 = period({ type: 'second_half', year: y }, c, d);
        const year = period({ type: 'year', year: y }, c, d);
        expect(h2.start).toBe(addDays(h1.end as CalendarDate, 1));
        expect([year.start, year.end]).toEqual([h1.start, h2.end]);
      }),
    );
  });

  it('ids round-trip through parsePeriodId', () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 1, max: 12 }), conventions, cutoffDays, (y, m, c, d) => {
        const p = period({ type: 'month', year: y, month: m }, c, d);
        expect(parsePeriodId(p.id, { convention: c, cutoffDay: d })).toEqual(p);
      }),
    );
  });
});
