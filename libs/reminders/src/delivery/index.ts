export * from './deliver-due-messages';
export * from './render-reminder-email';
export * from './retry-backoff';
export * from './short-message-text';
