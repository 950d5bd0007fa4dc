import { codesIn } from './support/words-not-codes';

/** The detector the browser suites run on every screen: it must catch each kind of code. */
describe('words, not codes: the screen text detector', () => {
  it.each([
    ['7861340a-3595-4700-8a7a-71e5c4679b2c', 'a raw id'],
    ['Hạn: 2024-06-30', 'an ISO date'],
    ['lúc 2024-06-30T03:00:00.000Z', 'an ISO timestamp'],
    ['tasks.0.title must not be empty', 'a field path'],
    ['{"code":"invalid_input"}', 'JSON'],
    ['TaskAssigned bởi Lãnh đạo', 'an English event name'],
  ])('finds %j (%s)', (text, kind) => {
    expect(codesIn(text).some((code) => code.startsWith(kind))).toBe(true);
  });

  it('passes what a Vietnamese screen shows', () => {
    expect(
      codesIn(
        'Giao nhiệm vụ ngày 30/06/2024 — Sở Tài chính; hạn 28/02/2027. Hoàn thành 27/27 nhiệm vụ, đạt 100%. Số: 15/KH-UBND; 10:30 01/07/2024',
      ),
    ).toEqual([]);
  });
});
