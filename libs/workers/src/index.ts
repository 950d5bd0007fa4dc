export * from './worker-status';
export * from './worker-log';
export * from './failure-policy';
export * from './retry-backoff';
export * from './position-waiters';
export * from './worker-loop';
export * from './timed-loop';
