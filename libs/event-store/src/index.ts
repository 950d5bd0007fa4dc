export * from './event-store.port';
export * from './canonical-json';
export * from './event-hash';
export * from './verify-log';
export * from './open-event-store';
export * from './sqlite/sqlite-event-store';
export * from './sqlite/sqlite-file';
export * from './log-digest';
