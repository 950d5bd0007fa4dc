import { DomainError } from '@chidao/domain';
import { parseKnownAt, resolveTimeTravel } from '../../src/time-travel/known-at';

// 10:00 on 20/06/2024 in Hà Nội.
const NOW = new Date('2024-06-20T03:00:00.000Z');

describe('parseKnownAt', () => {
  it('reads an instant with its zone as the UTC instant the store records', () => {
    expect(parseKnownAt('2024-06-03T10:00:00+07:00', NOW)).toBe('2024-06-03T03:00:00.000Z');
    expect(parseKnownAt('2024-06-03T03:00Z', NOW)).toBe('2024-06-03T03:00:00.000Z');
    expect(parseKnownAt('2024-06-03T03:00:00.123456Z', NOW)).toBe('2024-06-03T03:00:00.123Z');
  });

  it('reads a date as the end of that day in Hà Nội, and today as now', () => {
    expect(parseKnownAt('2024-06-03', NOW)).toBe('2024-06-03T16:59:59.999Z');
    expect(parseKnownAt('2024-06-20', NOW)).toBe(NOW.toISOString());
  });

  it.each([
    ['2024-06-21', 'sau ngày hôm nay'],
    ['2024-06-20T03:00:01Z', 'sau thời điểm hiện tại'],
    ['2024-06-03T10:00:00', 'múi giờ'],
    ['2024-02-30T10:00:00Z', 'múi giờ'],
    ['03/06/2024', 'múi giờ'],
    ['yesterday', 'múi giờ'],
  ])('refuses %s with a reason in Vietnamese', (value, reason) => {
    const parsed = parseKnownAt(value, NOW);
    expect(parsed).toBeInstanceOf(DomainError);
    expect(parsed).toMatchObject({ code: 'invalid_known_at' });
    expect((parsed as DomainError).messageVi).toContain(reason);
  });
});

describe('resolveTimeTravel', () => {
  it('defaults knownAt to now and asOf to the Vietnam day of knownAt', () => {
    expect(resolveTimeTravel({ now: new Date('2024-06-20T18:00:00Z') })).toEqual({
      asOf: '2024-06-21',
      knownAt: '2024-06-20T18:00:00.000Z',
    });
    expect(resolveTimeTravel({ knownAt: '2024-06-03T10:00:00+07:00', now: NOW })).toEqual({
      asOf: '2024-06-03',
      knownAt: '2024-06-03T03:00:00.000Z',
    });
    expect(resolveTimeTravel({ asOf: '2024-05-31', now: NOW }).asOf).toBe('2024-05-31');
  });

  it('throws on values the caller should have checked', () => {
    expect(() => resolveTimeTravel({ asOf: '2024-02-30' })).toThrow(TypeError);
    expect(() => resolveTimeTravel({ knownAt: 'soon' })).toThrow(TypeError);
  });
});
