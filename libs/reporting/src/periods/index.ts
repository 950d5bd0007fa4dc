export * from './report-period';
export * from './working-days';
