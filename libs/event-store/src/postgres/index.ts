export * from './pg-pool';
export * from './pg-migrations';
export * from './pg-migrated-pool';
export * from './pg-event-schema';
export * from './pg-event-store';
