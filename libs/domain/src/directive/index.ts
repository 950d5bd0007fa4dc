export * from './directive.events';
export * from './directive.commands';
export * from './directive.state';
export * from './directive.errors';
export * from './directive.decide';
export * from './directive.evolve';
