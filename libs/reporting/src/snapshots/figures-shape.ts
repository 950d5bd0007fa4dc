import type { ReportFigures } from '../report.types';

/**
 * Snapshots are never rewritten, so one taken before a figure existed keeps its older shape.
 * Verify recomputes today's shape and brings it to the stored one before comparing: a figure
 * the snapshot never held is left out, and every figure it does hold is still compared.
 *
 * Shapes so far: before the overdue share (issue 17), `rates` had no `overdueShare`. It is a
 * quotient of two counts the snapshot holds, so leaving it out drops no check.
 */
export function inShapeOf(stored: ReportFigures, recomputed: ReportFigures): ReportFigures {
  if ('overdueShare' in stored.scope.rates) return recomputed;
  return withoutKey(recomputed, 'overdueShare') as ReportFigures;
}

/** A deep copy without any property named `key` inside a `rates` object. */
function withoutKey(value: unknown, key: string, parent = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutKey(item, key));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([name]) => !(parent === 'rates' && name === key))
    .map(([name, item]) => [name, withoutKey(item, key, name)]);
  return Object.fromEntries(entries);
}
