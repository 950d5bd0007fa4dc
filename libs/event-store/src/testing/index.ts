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
export {
  describeWithPostgres,
  dropSchema,
  postgresTestUrl,
  uniqueSchema,
  POSTGRES_URL_VARIABLE,
} from './postgres-test-env';
export { SqliteLogTamper } from './tamper-sqlite';
export * from './kafka/kafka-test-env';
