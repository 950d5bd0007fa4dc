export * from './event-message';
export * from './log-topic';
export type { LogTopicSettings } from './log-topic-settings';
export * from './relay-checkpoint';
export * from './relay-lease';
export * from './outbox-relay';
export * from './kafka-projection-consumer';
export * from './kafka-client';
