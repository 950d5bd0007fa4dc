export * from './user.events';
export * from './user.commands';
export * from './user.state';
export * from './user.errors';
export * from './user.decide';
export * from './user.evolve';
