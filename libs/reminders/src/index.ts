/** Reminders (đôn đốc): rules, digests and channels. */
export * from './reminder.types';
export * from './channels/message-template';
export * from './channels/http-message-gateway';
