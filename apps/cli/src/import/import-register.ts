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
  const failures: unknown[] = [];
  await registers.start((error) => failures.push(error));
  await registers.stop();
  if (failures.length > 0) {
    throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  }
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
