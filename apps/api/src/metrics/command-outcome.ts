import type { CommandOutcome } from '@chidao/observability';
import { answerOf } from '../common/api-exception.filter';

// The same statuses the API answers with: a refusal is counted as the caller saw it.
const OUTCOME_OF_STATUS: Readonly<Record<number, CommandOutcome>> = {
  400: 'invalid_input',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'conflict',
  422: 'rule_refused',
};

/** How a command that threw `error` ended, for chidao_commands_total. */
export const outcomeOfFailure = (error: unknown): CommandOutcome =>
  OUTCOME_OF_STATUS[answerOf(error)[0]] ?? 'error';

/**
 * A command's name for metrics: a task command is its domain type (`ReportTaskProgress`), the
 * others their class without `Command` (`CreateUser`). Never data from the request.
 */
export function commandNameOf(command: object): string {
  const inner = (command as { command?: { type?: unknown } }).command?.type;
  if (typeof inner === 'string') return inner;
  return command.constructor.name.replace(/Command$/, '');
}
