export * from './import-columns';
export * from './imported-date';
export * from './agency-matcher';
export * from './imported-task-history';
export * from './task-list-import.events';
export * from './import.errors';
