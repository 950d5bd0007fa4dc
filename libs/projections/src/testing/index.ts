export {
  describeReadModelStoreContract,
  type ContractReadModelStore,
  type ReadModelStoreContractHarness,
} from './read-model-store.contract';
export { amountOf, countedEvent, seedLog, streamTally, type StreamTally } from './fixtures';
export * from './task-stories';
