export * from './task.events';
export * from './task.commands';
export * from './task.state';
export * from './task.errors';
export * from './task.decide';
export * from './task.evolve';
