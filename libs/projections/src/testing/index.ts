export { describeReadModelStoreContract } from './read-model-store.contract';
export { amountOf, countedEvent, seedLog, streamTally, type StreamTally } from './fixtures';
export * from './task-stories';
export * from './temp-stores';
export * from './document-rows';
export * from './stats-at-cut-offs';
export * from './task-list-pages';
