/** Reminders (đôn đốc): rules, digests and channels. */
export * from './reminder.types';
export * from './channels/smtp-mail-sender';
