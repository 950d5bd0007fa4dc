/** The process's ChidaoMetrics (createMetrics), one per app. */
export const METRICS = Symbol('METRICS');
