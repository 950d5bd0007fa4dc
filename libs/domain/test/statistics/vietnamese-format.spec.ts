import fc from 'fast-check';
import { formatCount, formatPercentCut } from '../../src/shared/vietnamese-format';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [27, '27'],
    [999, '999'],
    [1983, '1.983'],
    [21914, '21.914'],
    [1000000, '1.000.000'],
    [-16051, '-16.051'],
  ])('%d → %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });

  it('refuses what is not a whole number', () => {
    expect(() => formatCount(1.5)).toThrow(RangeError);
    expect(() => formatCount(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatPercentCut', () => {
  it.each([
    [16051, 16274, 98.62, '98,62%'], // DOMAIN.md: cut, not rounded (98,6297…)
    [27, 27, 100, '100%'],
    [3, 3, 100, '100%'],
    [1, 3, 33.33, '33,33%'],
    [2, 3, 66.66, '66,66%'], // rounding would say 66,67
    [1, 8, 12.5, '12,5%'],
    [1, 20, 5, '5%'],
    [1, 10000, 0.01, '0,01%'],
    [1, 10001, 0, '0%'],
    [0, 5, 0, '0%'],
    [16051, 21914, 73.24, '73,24%'],
    [14068, 16051, 87.64, '87,64%'],
    [3, 2, 150, '150%'],
    [25, 1, 2500, '2.500%'],
  ])('%d/%d → %d, %s', (numerator, denominator, percent, display) => {
    expect(formatPercentCut(numerator, denominator)).toEqual({ percent, display });
  });

  it('shows a dash, not 0%, when there is nothing to divide by', () => {
    expect(formatPercentCut(0, 0)).toEqual({ percent: null, display: '—' });
  });

  it('stays exact where a float division would round up to the next hundredth', () => {
    // 2^52 − 1 over 2^52: the true value is just below 100%, so the cut is 99,99%.
    const d = 2 ** 52;
    expect(formatPercentCut(d - 1, d)).toEqual({ percent: 99.99, display: '99,99%' });
  });

  it('refuses negative or fractional counts', () => {
    expect(() => formatPercentCut(-1, 3)).toThrow(RangeError);
    expect(() => formatPercentCut(1, 2.5)).toThrow(RangeError);
  });

  it('is the largest hundredth not above the true ratio, and display says the same', () => {
    fc.assert(
      fc.property(fc.nat(5_000_000), fc.integer({ min: 1, max: 5_000_000 }), (n, d) => {
        const { percent, display } = formatPercentCut(n, d);
        const hundredths = BigInt(Math.round((percent as number) * 100));
        const scaled = BigInt(n) * 10000n;
        expect(hundredths * BigInt(d) <= scaled).toBe(true);
        expect((hundredths + 1n) * BigInt(d) > scaled).toBe(true);
        const fromDisplay = Number(display.replace(/\./g, '').replace(',', '.').replace('%', ''));
        expect(fromDisplay).toBe(percent);
        expect(display).toMatch(/^\d{1,3}(\.\d{3})*(,\d{1,2})?%$/);
        expect(display).not.toMatch(/,\d?0%$/);
      }),
      { numRuns: 1000, seed: 16051 },
    );
  });
});
