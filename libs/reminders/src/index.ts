/** Reminders (đôn đốc): rules, digests and channels. */
export * from './reminder.types';
export * from './channels/message-template';
export * from './channels/http-message-gateway';
export * from './channels/smtp-mail-sender';
export * from './rules/due-reminders';
export * from './rules/weekly-overdue-list';
export * from './reminder-config';
export * from './reminders-config';
export * from './run';
export * from './delivery';
export * from './schedule';
