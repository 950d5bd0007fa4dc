export * from './schedule-config';
export * from './scheduled-reports';
