import {
  decideChange,
  parseUserCommand,
  userDecider,
  userErrors,
  type CommandInput,
  type UserCommand,
} from '@chidao/domain';
import type { RequestContext } from '../common/request-context';
import type { DirectoryService } from '../directory/directory.service';
import type { AggregateRepository } from '../infrastructure/aggregate-repository';

/**
 * Decides one command on the user's stream and appends its events, then waits until the
 * directory (which login and every request read) reflects them.
 */
export async function runUserCommand(
  repository: AggregateRepository,
  directory: DirectoryService,
  userId: string,
  ctx: RequestContext,
  input: CommandInput<UserCommand['type']>,
): Promise<void> {
  const result = await repository.execute({
    decider: userDecider,
    id: userId,
    ctx,
    decide: (state) => {
      if (!state.exists) return userErrors.notFound();
      return decideChange(userDecider, parseUserCommand, [input], state, directory.agencies);
    },
  });
  await directory.waitFor(result.position);
}
