/** Reminders (đôn đốc): rules, digests and channels. */
export * from './reminder.types';
