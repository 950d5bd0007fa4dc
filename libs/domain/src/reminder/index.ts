export * from './reminder-message.events';
export * from './reminder-message';
