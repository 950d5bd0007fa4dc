export * from './import-columns';
export * from './imported-date';
export * from './agency-matcher';
