/**
 * Numbers as Vietnamese reports print them: a dot between thousands (21.914), a decimal comma,
 * and percentages with at most two decimals, cut rather than rounded (16.051 / 16.274 is
 * printed 98,62%, never 98,63%). Pure string work: no Intl, whose output varies by runtime.
 */

/** Shown instead of a percentage whose denominator is 0 ("0 of 0" is no rate at all). */
const NO_RATE_DISPLAY = '—';

export interface CutPercent {
  /** The percentage cut to two decimals; null when the denominator is 0. */
  readonly percent: number | null;
  /** `98,62%`, `100%`, `12,5%`, or `—` when the denominator is 0. */
  readonly display: string;
}

/** `21914` → `21.914`. Integers only: counts are never fractional. */
export function formatCount(count: number): string {
  requireSafeInteger(count, 'count');
  const digits = String(Math.abs(count)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return count < 0 ? `-${digits}` : digits;
}

/**
 * numerator / denominator as a percentage cut to two decimals. Works in hundredths of a
 * percent with exact integers, so no floating-point error can push 98,6299…% up to 98,63%.
 */
export function formatPercentCut(numerator: number, denominator: number): CutPercent {
  requireSafeInteger(numerator, 'numerator');
  requireSafeInteger(denominator, 'denominator');
  if (numerator < 0 || denominator < 0) {
    throw new RangeError(`A rate needs non-negative counts, got ${numerator}/${denominator}`);
  }
  if (denominator === 0) return { percent: null, display: NO_RATE_DISPLAY };

  const hundredths = cutHundredths(numerator, denominator);
  const whole = Math.floor(hundredths / 100);
  const fraction = hundredths % 100;
  // Trailing zeros are dropped, as reports write them: 100%, 12,5%, 33,33%.
  const decimals = fraction === 0 ? '' : `,${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
  return { percent: hundredths / 100, display: `${formatCount(whole)}${decimals}%` };
}

/**
 * floor(numerator × 10 000 / denominator), exactly. A float division can land on the next
 * integer when the true quotient is just below it; BigInt division truncates, and the operands
 * are non-negative, so truncation is the floor. Called once per rate, so its cost is nothing.
 */
function cutHundredths(numerator: number, denominator: number): number {
  return Number((BigInt(numerator) * 10000n) / BigInt(denominator));
}

function requireSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a whole number, got ${String(value)}`);
  }
}
