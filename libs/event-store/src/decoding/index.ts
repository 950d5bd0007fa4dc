export * from './recorded-event';
export * from './decode-event';
export * from './event-reader';
export * from './redact-credentials';
