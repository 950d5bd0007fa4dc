import { Logger } from 'nestjs-pino';

// What Nest says about itself at every start (a line per module and per route): debug, so
// that info shows what an operator reads.
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's own log lines, in the process's JSON log. */
export class NestLog extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    if (BOOT_CONTEXTS.has(optionalParams[optionalParams.length - 1] as string)) {
      this.debug(message, ...optionalParams);
    } else {
      super.log(message, ...optionalParams);
    }
  }
}
