import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import type { ChidaoMetrics } from '@chidao/observability';
import { commandNameOf, outcomeOfFailure } from './command-outcome';
import { METRICS } from './metrics.token';

/**
 * Counts every command by name and outcome where all of them pass: the command bus. @nestjs/cqrs
 * has no hook around a handler's result, so the bus's `execute` is wrapped once, at start.
 */
@Injectable()
export class CommandMetrics implements OnModuleInit {
  constructor(
    private readonly bus: CommandBus,
    @Inject(METRICS) private readonly metrics: ChidaoMetrics,
  ) {}

  onModuleInit(): void {
    const execute: (command: ICommand) => Promise<unknown> = this.bus.execute.bind(this.bus);
    const measured = async (command: ICommand): Promise<unknown> => {
      const name = commandNameOf(command);
      try {
        const result = await execute(command);
        this.metrics.countCommand(name, 'accepted');
        return result;
      } catch (error) {
        this.metrics.countCommand(name, outcomeOfFailure(error));
        throw error;
      }
    };
    this.bus.execute = measured;
  }
}
