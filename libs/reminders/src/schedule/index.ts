export * from './daily-run';
export * from './reminder-tick';
export * from './reminder-scheduler';
export * from './sender-lease';
