export * from './reminder-people';
export * from './directory-reminder-people';
export * from './reminder-text';
export * from './message-id';
export * from './run-reminders';
export * from './urge-text';
export * from './queue-message';
export * from './queue-urge';
