export * from './access.errors';
export * from './agency-scope';
export * from './task-permissions';
export * from './directive-permissions';
export * from './admin-permissions';
export * from './task-command-access';
