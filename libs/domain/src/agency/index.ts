export * from './agency.events';
export * from './agency.commands';
export * from './agency.state';
export * from './agency.errors';
export * from './agency.decide';
export * from './agency.evolve';
export * from './agency-tree';
