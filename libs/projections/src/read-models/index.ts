export * from './search-text';
export * from './task-timeline.projection';
export * from './directive-list.projection';
export * from './task-list.query';
export * from './completion-stats.query';
export * from './all-projections';
export * from './task-scan';
export * from './dashboard.query';
