export * from './user-directory';
export * from './agency-directory';
export * from './agency-head';
export * from './directory-registers';
