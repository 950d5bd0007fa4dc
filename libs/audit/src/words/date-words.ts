import { formatVietnameseDate, isCalendarDate, vietnamDateOf } from '@chidao/domain';
import type { Words } from './event-labels';

/** `2027-02-28` → 28/02/2027 in both languages (dates follow Vietnamese format everywhere). */
export function dateWords(date: string | null | undefined): Words {
  if (!date || !isCalendarDate(date)) return { vi: 'không rõ ngày', en: 'an unknown date' };
  const text = formatVietnameseDate(date);
  return { vi: text, en: text };
}

/** An instant as Vietnam's wall clock: `14:05 ngày 03/06/2024`. */
export function instantWords(instant: string | null | undefined): Words {
  const time = instant ? Date.parse(instant) : NaN;
  if (Number.isNaN(time)) return { vi: 'không rõ thời điểm', en: 'an unknown time' };
  const day = formatVietnameseDate(vietnamDateOf(new Date(time).toISOString()));
  // Vietnam has no daylight saving: UTC+7 all year.
  const local = new Date(time + 7 * 3600_000);
  const hhmm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return { vi: `${hhmm} ngày ${day}`, en: `${hhmm} on ${day}` };
}

/** A report period id in words: 2024-Q2 → quý II/2024, 2024-M05 → tháng 05/2024, a range → dates. */
export function periodWords(id: string): Words {
  const roman = ['I', 'II', 'III', 'IV'];
  let m = /^(\d{4})-Q([1-4])$/.exec(id);
  if (m) return { vi: `quý ${roman[Number(m[2]) - 1]}/${m[1]}`, en: `Q${m[2]} ${m[1]}` };
  m = /^(\d{4})-M(\d{2})$/.exec(id);
  if (m) return { vi: `tháng ${m[2]}/${m[1]}`, en: `month ${m[2]}/${m[1]}` };
  m = /^(\d{4})-H([12])$/.exec(id);
  if (m)
    return { vi: `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`, en: `H${m[2]} ${m[1]}` };
  m = /^(\d{4})-9M$/.exec(id);
  if (m) return { vi: `9 tháng năm ${m[1]}`, en: `nine months of ${m[1]}` };
  m = /^(\d{4})$/.exec(id);
  if (m) return { vi: `năm ${m[1]}`, en: `year ${m[1]}` };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (m) {
    const [from, to] = [dateWords(m[1]), dateWords(m[2])];
    return { vi: `từ ${from.vi} đến ${to.vi}`, en: `${from.en} to ${to.en}` };
  }
  return { vi: 'một kỳ báo cáo', en: 'a report period' };
}
