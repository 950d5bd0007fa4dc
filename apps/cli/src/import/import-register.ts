/**
 * The register as the command line sees it: users, agencies and their aliases folded from the
 * log (DirectoryRegisters, as the API and the reminders fold them), once, then put down.
 */
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import type { ImportDirectory } from '@chidao/imports';
import { DirectoryRegisters } from '@chidao/projections';

export interface FoldedRegister {
  readonly registers: DirectoryRegisters;
  readonly directory: ImportDirectory;
}

export async function foldRegister(eventStore: EventStore): Promise<FoldedRegister> {
  const registers = new DirectoryRegisters(readDomainEvents(eventStore));
  let failure: unknown = null;
  await registers.start((error) => (failure = error));
  await registers.stop();
  if (failure !== null) throw failure;
  const { agencies, users } = registers;
  return {
    registers,
    directory: {
      agencies,
      aliases: agencies.aliases(),
      nameOf: (code) => agencies.get(code)?.name ?? code,
      userNameOf: (userId) => users.get(userId)?.displayName ?? null,
    },
  };
}
