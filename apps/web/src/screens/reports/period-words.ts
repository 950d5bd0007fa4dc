import { formatDate } from '../../format/format';

/**
 * A report period's id in words for lists ("2024-Q2" → "Quý II/2024"): the ids are the API's
 * keys, never shown as they are. An id of a form this build does not know is shown as it is.
 */
const ROMAN = ['I', 'II', 'III', 'IV'];

export function periodWords(id: string): string {
  let m = /^(\d{4})-M(\d{2})$/.exec(id);
  if (m) return `Tháng ${m[2]}/${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (m) return `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  m = /^(\d{4})-H([12])$/.exec(id);
  if (m) return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`;
  m = /^(\d{4})-9M$/.exec(id);
  if (m) return `9 tháng năm ${m[1]}`;
  m = /^(\d{4})$/.exec(id);
  if (m) return `Năm ${m[1]}`;
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (m) return `Từ ${formatDate(m[1])} đến ${formatDate(m[2])}`;
  m = /^\.\.(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (m) return `Tính đến ngày ${formatDate(m[1])}`;
  return id;
}

export type PeriodKind =
  'month' | 'quarter' | 'first_half' | 'second_half' | 'nine_months' | 'year' | 'range' | 'as_of';

export const PERIOD_KINDS: readonly PeriodKind[] = [
  'month',
  'quarter',
  'first_half',
  'second_half',
  'nine_months',
  'year',
  'range',
  'as_of',
];

export interface PeriodPick {
  kind: PeriodKind;
  year: number;
  month: number;
  quarter: number;
  from: string;
  to: string;
  asOf: string;
}

/** The id POST /api/reports takes for what the pickers hold (the API's period forms). */
export function periodIdOf(pick: PeriodPick): string {
  const y = String(pick.year);
  switch (pick.kind) {
    case 'month':
      return `${y}-M${String(pick.month).padStart(2, '0')}`;
    case 'quarter':
      return `${y}-Q${pick.quarter}`;
    case 'first_half':
      return `${y}-H1`;
    case 'second_half':
      return `${y}-H2`;
    case 'nine_months':
      return `${y}-9M`;
    case 'year':
      return y;
    case 'range':
      return `${pick.from}..${pick.to}`;
    case 'as_of':
      return `..${pick.asOf}`;
  }
}
