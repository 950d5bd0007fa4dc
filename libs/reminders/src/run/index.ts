export * from './reminder-people';
export * from './reminder-text';
export * from './message-id';
export * from './run-reminders';
