export * from './event-labels';
export * from './event-names';
export * from './date-words';
export * from './describe-event';
