import { isDomainError } from '@chidao/domain';
import { parseScheduleSettings, type ScheduleSetting } from '@chidao/reporting';
import * as path from 'node:path';

export interface ReportingConfig {
  readonly dataDir: string;
  readonly eventStorePath: string;
  readonly schedules: readonly ScheduleSetting[];
  readonly cutoffDay: number;
  readonly at: string;
}

/** The same variables as the API's, so one environment file serves both processes. */
export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  const problems: string[] = [];
  const dataDir = path.resolve(env.CHIDAO_DATA_DIR || 'data');
  const schedules = parseScheduleSettings(env.CHIDAO_REPORT_SCHEDULES ?? 'month:nd09');
  if (isDomainError(schedules)) problems.push(`CHIDAO_REPORT_SCHEDULES: ${schedules.message}`);
  const cutoffDay = Number(env.CHIDAO_REPORT_CUTOFF_DAY ?? 14);
  if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 28) {
    problems.push('CHIDAO_REPORT_CUTOFF_DAY must be a whole number from 1 to 28');
  }
  const at = env.CHIDAO_REPORT_AT || '23:59';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at))
    problems.push(`CHIDAO_REPORT_AT="${at}" must be HH:MM`);
  if (problems.length > 0)
    throw new Error(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    dataDir,
    eventStorePath: path.join(dataDir, 'chidao.sqlite'),
    schedules: isDomainError(schedules) ? [] : schedules,
    cutoffDay,
    at,
  };
}
