export {
  describeEventStoreContract,
  type ContractStore,
  type EventStoreContractHarness,
  type EventStoreTamper,
} from './event-store.contract';
export { testEvent, testMetadata } from './children/fixtures';
