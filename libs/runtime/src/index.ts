export * from './config-error';
export * from './variables';
export * from './deployment-config';
export * from './kafka-settings';
export * from './idempotency-migrations';
export * from './open-stores';
export * from './probe-server';
export * from './shutdown';
