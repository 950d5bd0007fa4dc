export * from './config-error';
export * from './variables';
export * from './deployment-config';
export * from './idempotency-migrations';
export * from './open-stores';
export * from './probe-server';
export * from './worker-readiness';
export * from './shutdown';
