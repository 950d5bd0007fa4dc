export * from './parse-csv';
export * from './replay-fixture';
export * from './directive-events';
