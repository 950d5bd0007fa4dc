export { readModelMigrations, READ_MODELS_COMPONENT } from './pg-read-model-schema';
export * from './postgres-read-model-store';
