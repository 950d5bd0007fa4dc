import { ALL_PROJECTIONS, type DocumentProjection } from '@chidao/projections';

/** Every projection the app keeps; each has a runner following the log. */
export const PROJECTIONS: readonly DocumentProjection<unknown>[] = ALL_PROJECTIONS;

export const projectionNamed = (name: string): DocumentProjection<unknown> | undefined =>
  PROJECTIONS.find((projection) => projection.name === name);
