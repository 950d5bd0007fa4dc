export * from './reminder-message.events';
export * from './reminder-message';
export * from './reminder-run.events';
export * from './reminder-settings';
