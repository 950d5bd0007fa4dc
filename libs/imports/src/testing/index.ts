export * from './messy-sample';
