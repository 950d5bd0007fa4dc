export * from './log-level';
export * from './observability-config';
export * from './logger';
export * from './chidao-metrics';
export * from './instrument-event-store';
export * from './worker-metrics';
export * from './lag-metrics';
export * from './metrics-scrape';
