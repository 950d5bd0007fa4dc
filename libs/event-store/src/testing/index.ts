export { describeEventStoreContract } from './event-store.contract';
export { testEvent } from './children/fixtures';
export { ChildHandle, runChild, say, spawnTypeScript } from './children/protocol';
export { describeWithPostgres, dropSchema, uniqueSchema } from './postgres-test-env';
export { describeNotRun, findOnPath, notRun } from './required-services';
export { SqliteLogTamper } from './tamper-sqlite';
export * from './kafka/kafka-test-env';
