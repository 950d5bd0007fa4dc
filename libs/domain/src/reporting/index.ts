export * from './report-schedule.events';
