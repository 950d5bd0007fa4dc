export * from './worker-status';
