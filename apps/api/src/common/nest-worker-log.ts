import type { Logger } from '@nestjs/common';
import type { WorkerLog } from '@chidao/workers';

/**
 * Background workers of the API say what happens to them through Nest's logger (JSON lines in
 * production). Their messages name the worker, so the fields add nothing here.
 */
export const nestWorkerLog = (logger: Logger): WorkerLog => ({
  info: (_fields, message) => logger.log(message),
  warn: (_fields, message) => logger.warn(message),
  error: (_fields, message) => logger.error(message),
});
