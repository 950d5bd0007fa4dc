export * from './pg-pool';
export * from './pg-migrations';
