/**
 * Every mistake in a process's environment, reported together: an operator fixes them all in one
 * round instead of one per restart. Each problem is one line naming the variable.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
