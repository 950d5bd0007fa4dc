import { DomainError } from '@chidao/domain';
import type { ReportPeriod } from '../../src/report.types';
import {
  parsePeriodId,
  type PeriodOptions,
  periodOf,
  type PeriodSpec,
  periodsEndingBetween,
  previousPeriod,
} from '../../src/periods';

const ND09: PeriodOptions = { convention: 'nd09' };

function period(spec: PeriodSpec, options?: PeriodOptions): ReportPeriod {
  const result = periodOf(spec, options);
  if (result instanceof DomainError) throw new Error(result.message);
  return result;
}

function parsed(id: string, options?: PeriodOptions): ReportPeriod {
  const result = parsePeriodId(id, options);
  if (result instanceof DomainError) throw new Error(result.message);
  return result;
}

const span = (p: ReportPeriod) => [p.start, p.end];

describe('periodOf, calendar convention', () => {
  it.each<[PeriodSpec, string, string, string, string]>([
    [
      { type: 'month', year: 2024, month: 5 },
      '2024-M05',
      '2024-05-01',
      '2024-05-31',
      'tháng 5 năm 2024',
    ],
    [
      { type: 'month', year: 2024, month: 2 },
      '2024-M02',
      '2024-02-01',
      '2024-02-29',
      'tháng 2 năm 2024',
    ],
    [
      { type: 'month', year: 2023, month: 2 },
      '2023-M02',
      '2023-02-01',
      '2023-02-28',
      'tháng 2 năm 2023',
    ],
    [
      { type: 'month', year: 2024, month: 12 },
      '2024-M12',
      '2024-12-01',
      '2024-12-31',
      'tháng 12 năm 2024',
    ],
    [
      { type: 'quarter', year: 2024, quarter: 1 },
      '2024-Q1',
      '2024-01-01',
      '2024-03-31',
      'quý I năm 2024',
    ],
    [
      { type: 'quarter', year: 2024, quarter: 2 },
      '2024-Q2',
      '2024-04-01',
      '2024-06-30',
      'quý II năm 2024',
    ],
    [
      { type: 'quarter', year: 2024, quarter: 3 },
      '2024-Q3',
      '2024-07-01',
      '2024-09-30',
      'quý III năm 2024',
    ],
    [
      { type: 'quarter', year: 2024, quarter: 4 },
      '2024-Q4',
      '2024-10-01',
      '2024-12-31',
      'quý IV năm 2024',
    ],
    [
      { type: 'first_half', year: 2024 },
      '2024-H1',
      '2024-01-01',
      '2024-06-30',
      '6 tháng đầu năm 2024',
    ],
    [
      { type: 'second_half', year: 2024 },
      '2024-H2',
      '2024-07-01',
      '2024-12-31',
      '6 tháng cuối năm 2024',
    ],
    [
      { type: 'nine_months', year: 2024 },
      '2024-9M',
      '2024-01-01',
      '2024-09-30',
      '9 tháng năm 2024',
    ],
    [{ type: 'year', year: 2024 }, '2024', '2024-01-01', '2024-12-31', 'năm 2024'],
    [
      { type: 'range', from: '2024-01-01', to: '2024-05-27' },
      '2024-01-01..2024-05-27',
      '2024-01-01',
      '2024-05-27',
      'từ ngày 01/01/2024 đến ngày 27/05/2024',
    ],
    [
      { type: 'as_of', date: '2024-05-27' },
      '..2024-05-27',
      '2024-01-01',
      '2024-05-27',
      'năm 2024 (tính đến ngày 27/05/2024)',
    ],
  ])('%j → %s', (spec, id, start, end, label) => {
    expect(period(spec)).toEqual({
      id,
      type: spec.type,
      convention: 'calendar',
      cutoffDay: null,
      start,
      end,
      labelVi: label,
    });
  });

  it('accepts a one-day range', () => {
    expect(span(period({ type: 'range', from: '2024-05-27', to: '2024-05-27' }))).toEqual([
      '2024-05-27',
      '2024-05-27',
    ]);
  });
});

describe('periodOf, Nghị định 09/2019 convention', () => {
  it.each<[PeriodSpec, string, string, string]>([
    [{ type: 'month', year: 2024, month: 5 }, '2024-04-15', '2024-05-14', 'tháng 5 năm 2024'],
    [{ type: 'month', year: 2024, month: 1 }, '2023-12-15', '2024-01-14', 'tháng 1 năm 2024'],
    [{ type: 'month', year: 2024, month: 12 }, '2024-11-15', '2024-12-14', 'tháng 12 năm 2024'],
    [{ type: 'month', year: 2024, month: 3 }, '2024-02-15', '2024-03-14', 'tháng 3 năm 2024'],
    [{ type: 'quarter', year: 2024, quarter: 1 }, '2023-12-15', '2024-03-14', 'quý I năm 2024'],
    [{ type: 'quarter', year: 2024, quarter: 2 }, '2024-03-15', '2024-06-14', 'quý II năm 2024'],
    [{ type: 'quarter', year: 2024, quarter: 4 }, '2024-09-15', '2024-12-14', 'quý IV năm 2024'],
    [{ type: 'first_half', year: 2024 }, '2023-12-15', '2024-06-14', '6 tháng đầu năm 2024'],
    [{ type: 'second_half', year: 2024 }, '2024-06-15', '2024-12-14', '6 tháng cuối năm 2024'],
    [{ type: 'nine_months', year: 2024 }, '2023-12-15', '2024-09-14', '9 tháng năm 2024'],
    [{ type: 'year', year: 2024 }, '2023-12-15', '2024-12-14', 'năm 2024'],
  ])('%j runs %s..%s', (spec, start, end, label) => {
    const p = period(spec, ND09);
    expect(p).toMatchObject({ convention: 'nd09', cutoffDay: 14, start, end });
    const [d1, d2] = [start, end].map((d) => d.split('-').reverse().join('/'));
    expect(p.labelVi).toBe(`${label} (từ ngày ${d1} đến ngày ${d2})`);
  });

  it('labels the month with its range', () => {
    expect(period({ type: 'month', year: 2024, month: 5 }, ND09).labelVi).toBe(
      'tháng 5 năm 2024 (từ ngày 15/04/2024 đến ngày 14/05/2024)',
    );
  });

  it('keeps ids the same as calendar ids (unique per convention)', () => {
    expect(period({ type: 'quarter', year: 2024, quarter: 2 }, ND09).id).toBe('2024-Q2');
  });

  it('leaves range and as-of dates alone and their labels without a second range', () => {
    const range = period({ type: 'range', from: '2024-01-01', to: '2024-05-27' }, ND09);
    expect(range).toMatchObject({ start: '2024-01-01', end: '2024-05-27', cutoffDay: 14 });
    expect(range.labelVi).toBe('từ ngày 01/01/2024 đến ngày 27/05/2024');
    const asOf = period({ type: 'as_of', date: '2024-05-27' }, ND09);
    expect(span(asOf)).toEqual(['2024-01-01', '2024-05-27']);
    expect(asOf.labelVi).toBe('năm 2024 (tính đến ngày 27/05/2024)');
  });

  it('uses another cut-off day: 15 (inspection reports, 16th to 15th)', () => {
    const options = { convention: 'nd09', cutoffDay: 15 } as const;
    expect(span(period({ type: 'month', year: 2024, month: 5 }, options))).toEqual([
      '2024-04-16',
      '2024-05-15',
    ]);
    expect(span(period({ type: 'year', year: 2024 }, options))).toEqual([
      '2023-12-16',
      '2024-12-15',
    ]);
    expect(period({ type: 'month', year: 2024, month: 5 }, options).cutoffDay).toBe(15);
  });

  it('uses cut-off day 28: the month after February starts on 1 March in common years', () => {
    const options = { convention: 'nd09', cutoffDay: 28 } as const;
    expect(span(period({ type: 'month', year: 2023, month: 2 }, options))).toEqual([
      '2023-01-29',
      '2023-02-28',
    ]);
    expect(span(period({ type: 'month', year: 2023, month: 3 }, options))).toEqual([
      '2023-03-01',
      '2023-03-28',
    ]);
    expect(span(period({ type: 'month', year: 2024, month: 3 }, options))).toEqual([
      '2024-02-29',
      '2024-03-28',
    ]);
  });

  it.each([0, 29, 14.5, -1])('refuses cut-off day %p', (cutoffDay) => {
    const result = periodOf({ type: 'year', year: 2024 }, { convention: 'nd09', cutoffDay });
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).code).toBe('invalid_period');
    expect((result as DomainError).message).toMatch(/1 to 28/);
  });

  it('ignores the cut-off day under the calendar convention', () => {
    expect(period({ type: 'year', year: 2024 }, { cutoffDay: 99 }).cutoffDay).toBeNull();
  });
});

describe('periodOf refuses bad specs', () => {
  it.each<[PeriodSpec, RegExp]>([
    [{ type: 'month', year: 2024, month: 13 }, /month 13 does not exist/],
    [{ type: 'month', year: 2024, month: 0 }, /month 0 does not exist/],
    [{ type: 'quarter', year: 2024, quarter: 5 }, /quarter 5 does not exist/],
    [{ type: 'year', year: 1900 }, /year must be/],
    [{ type: 'year', year: 2024.5 }, /year must be/],
    [{ type: 'range', from: '2024-05-27', to: '2024-01-01' }, /starts \(2024-05-27\) after/],
    [{ type: 'range', from: '2024-02-30', to: '2024-03-01' }, /start date is wrong/],
    [{ type: 'as_of', date: '27/05/2024' }, /as-of date is wrong/],
  ])('%j', (spec, reason) => {
    const result = periodOf(spec);
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).code).toBe('invalid_period');
    expect((result as DomainError).message).toMatch(reason);
    expect((result as DomainError).messageVi).toMatch(/không hợp lệ/);
  });
});

describe('parsePeriodId', () => {
  const ids = [
    '2024-M01',
    '2024-M05',
    '2024-M12',
    '2024-Q1',
    '2024-Q4',
    '2024-H1',
    '2024-H2',
    '2024-9M',
    '2024',
    '2024-01-01..2024-05-27',
    '..2024-02-29',
  ];

  it.each(ids)('round-trips %s under both conventions', (id) => {
    for (const options of [undefined, ND09, { convention: 'nd09', cutoffDay: 15 } as const]) {
      const p = parsed(id, options);
      expect(p.id).toBe(id);
      expect(parsed(p.id, options)).toEqual(p);
    }
  });

  it('gives the same period as periodOf', () => {
    expect(parsed('2024-Q1', ND09)).toEqual(
      period({ type: 'quarter', year: 2024, quarter: 1 }, ND09),
    );
    expect(parsed('..2024-05-27')).toEqual(period({ type: 'as_of', date: '2024-05-27' }));
  });

  it.each<[unknown, RegExp, RegExp]>([
    ['2024-M13', /month 13 does not exist/, /không có tháng 13/],
    ['2024-M00', /month 0 does not exist/, /không có tháng 0/],
    ['2024-Q5', /quarter 5 does not exist/, /không có quý 5/],
    ['2024-13-01..2024-01-01', /start date is wrong.*no such month/, /tháng không tồn tại/],
    ['2024-05-27..2024-01-01', /starts \(2024-05-27\) after it ends/, /sau ngày kết thúc/],
    ['..2023-02-29', /as-of date is wrong/, /ngày tính đến sai/],
    ['abc', /not a recognised form/, /không đúng dạng/],
    ['2024-M5', /not a recognised form/, /không đúng dạng/],
    ['2024-h1', /not a recognised form/, /không đúng dạng/],
    [' 2024', /not a recognised form/, /không đúng dạng/],
    ['', /not a recognised form/, /không đúng dạng/],
    [2024, /not a text/, /không phải chuỗi/],
  ])('rejects %p, saying why and which forms are accepted', (id, reasonEn, reasonVi) => {
    const result = parsePeriodId(id);
    expect(result).toBeInstanceOf(DomainError);
    const error = result as DomainError;
    expect(error.code).toBe('invalid_period');
    expect(error.message).toMatch(reasonEn);
    expect(error.message).toMatch(/accepted forms: 2024-M05 \(month\), 2024-Q2/);
    expect(error.messageVi).toMatch(reasonVi);
    expect(error.messageVi).toMatch(/các dạng hợp lệ: 2024-M05/);
    expect(error.details).toEqual({ value: id });
  });
});

describe('previousPeriod', () => {
  it.each<[string, string, string, string]>([
    ['2024-M05', '2024-M04', '2024-04-01', '2024-04-30'],
    ['2024-M01', '2023-M12', '2023-12-01', '2023-12-31'],
    ['2024-M03', '2024-M02', '2024-02-01', '2024-02-29'],
    ['2024-Q1', '2023-Q4', '2023-10-01', '2023-12-31'],
    ['2024-Q3', '2024-Q2', '2024-04-01', '2024-06-30'],
    ['2024-H1', '2023-H2', '2023-07-01', '2023-12-31'],
    ['2024-H2', '2024-H1', '2024-01-01', '2024-06-30'],
    ['2024-9M', '2023-9M', '2023-01-01', '2023-09-30'],
    ['2024', '2023', '2023-01-01', '2023-12-31'],
    ['2024-03-01..2024-03-10', '2024-02-20..2024-02-29', '2024-02-20', '2024-02-29'],
    ['2024-01-01..2024-01-01', '2023-12-31..2023-12-31', '2023-12-31', '2023-12-31'],
    ['..2024-05-27', '..2023-05-27', '2023-01-01', '2023-05-27'],
    ['..2024-02-29', '..2023-02-28', '2023-01-01', '2023-02-28'],
    ['..2025-02-28', '..2024-02-28', '2024-01-01', '2024-02-28'],
  ])('calendar: before %s comes %s', (id, previousId, start, end) => {
    const previous = previousPeriod(parsed(id));
    expect(previous).toEqual(parsed(previousId));
    expect(span(previous)).toEqual([start, end]);
  });

  it.each<[string, string, string, string]>([
    ['2024-M01', '2023-M12', '2023-11-15', '2023-12-14'],
    ['2024-Q1', '2023-Q4', '2023-09-15', '2023-12-14'],
    ['2024-H1', '2023-H2', '2023-06-15', '2023-12-14'],
    ['2024-H2', '2024-H1', '2023-12-15', '2024-06-14'],
    ['2024-9M', '2023-9M', '2022-12-15', '2023-09-14'],
    ['2024', '2023', '2022-12-15', '2023-12-14'],
  ])('nd09: before %s comes %s', (id, previousId, start, end) => {
    const previous = previousPeriod(parsed(id, ND09));
    expect(previous).toEqual(parsed(previousId, ND09));
    expect(span(previous)).toEqual([start, end]);
  });

  it('keeps a non-default cut-off day', () => {
    const options = { convention: 'nd09', cutoffDay: 15 } as const;
    const previous = previousPeriod(parsed('2024-M05', options));
    expect(previous).toMatchObject({ id: '2024-M04', cutoffDay: 15, start: '2024-03-16' });
  });
});

describe('periodsEndingBetween', () => {
  const ids = (result: ReportPeriod[] | DomainError) => {
    if (result instanceof DomainError) throw new Error(result.message);
    return result.map((p) => p.id);
  };

  it('lists nd09 months ending across a year boundary, end exclusive at the start', () => {
    expect(ids(periodsEndingBetween('month', 'nd09', 14, '2023-11-14', '2024-02-14'))).toEqual([
      '2023-M12',
      '2024-M01',
      '2024-M02',
    ]);
    expect(ids(periodsEndingBetween('month', 'nd09', 14, '2023-11-13', '2024-02-13'))).toEqual([
      '2023-M11',
      '2023-M12',
      '2024-M01',
    ]);
  });

  it('lists calendar quarters and years', () => {
    expect(
      ids(periodsEndingBetween('quarter', 'calendar', null, '2023-06-30', '2024-07-01')),
    ).toEqual(['2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2']);
    expect(ids(periodsEndingBetween('year', 'calendar', null, '2022-12-31', '2024-12-30'))).toEqual(
      ['2023'],
    );
  });

  it('lists nd09 six months and nine months over two years', () => {
    expect(
      ids(periodsEndingBetween('first_half', 'nd09', null, '2022-12-31', '2024-12-31')),
    ).toEqual(['2023-H1', '2024-H1']);
    expect(
      ids(periodsEndingBetween('nine_months', 'nd09', 15, '2023-09-15', '2024-09-15')),
    ).toEqual(['2024-9M']);
  });

  it('returns nothing for an empty or reversed window', () => {
    expect(ids(periodsEndingBetween('month', 'nd09', 14, '2024-05-14', '2024-05-14'))).toEqual([]);
    expect(ids(periodsEndingBetween('month', 'nd09', 14, '2024-06-14', '2024-05-14'))).toEqual([]);
  });

  it('gives periods equal to periodOf', () => {
    const [december] = periodsEndingBetween(
      'month',
      'nd09',
      14,
      '2023-12-13',
      '2023-12-14',
    ) as ReportPeriod[];
    expect(december).toEqual(period({ type: 'month', year: 2023, month: 12 }, ND09));
  });

  it('refuses a bad cut-off day or date', () => {
    expect(periodsEndingBetween('month', 'nd09', 30, '2024-01-01', '2024-02-01')).toBeInstanceOf(
      DomainError,
    );
    expect(periodsEndingBetween('month', 'nd09', 14, '2024-01-32', '2024-02-01')).toBeInstanceOf(
      DomainError,
    );
  });
});
