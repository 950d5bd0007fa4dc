export * from './task-timeline';
export * from './classify-task';
export * from './completion-stats';
export * from '../shared/vietnamese-format';
export * from './urge-counts';
