export * from './snapshot-store.contract';
