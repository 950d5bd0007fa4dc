import type { Upcaster } from '../shared/upcasting';

/** How older shapes of task events become current ones on read; the log keeps the old bytes. */
export const TASK_UPCASTERS: readonly Upcaster<never>[] = [];
