export {
  describeEventStoreContract,
  type ContractStore,
  type EventStoreContractHarness,
  type EventStoreTamper,
} from './event-store.contract';
export { testEvent, testMetadata } from './children/fixtures';
export {
  ChildHandle,
  runChild,
  say,
  spawnTypeScript,
  waitForGo,
  type ChildExit,
} from './children/protocol';
