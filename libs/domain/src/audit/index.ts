export * from './audit-read.events';
