import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import {
  agencyDecider,
  agencyErrors,
  aliasKey,
  authorizeAgencyAliases,
  isDomainError,
  parseAgencyCode,
  parseAgencyCommand,
  type AgencyState,
} from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import type { AgencyAliasDto } from './agency-aliases.dto';

/** A name an office's lists use for an agency, as the import matches it. */
export interface AgencyAliasView {
  alias: string;
  agency: string;
  agencyName: string;
  /** The business day it was mapped (YYYY-MM-DD). */
  addedOn: string;
}

export class AgencyAliasesQuery {
  constructor(readonly ctx: RequestContext) {}
}

export class AddAgencyAliasCommand {
  constructor(
    readonly code: string,
    readonly body: AgencyAliasDto,
    readonly ctx: RequestContext,
  ) {}
}

export class RemoveAgencyAliasCommand {
  constructor(
    readonly code: string,
    readonly body: AgencyAliasDto,
    readonly ctx: RequestContext,
  ) {}
}

const rowsOf = (agency: AgencyState): AgencyAliasView[] =>
  agency.aliases.map(({ alias, addedOn }) => ({
    alias,
    agency: agency.code,
    agencyName: agency.name,
    addedOn,
  }));

/** Every agency's aliases, inactive agencies' too (they still hold their names), by agency. */
@QueryHandler(AgencyAliasesQuery)
export class AgencyAliasesHandler implements IQueryHandler<AgencyAliasesQuery> {
  constructor(private readonly directory: DirectoryService) {}

  async execute({ ctx }: AgencyAliasesQuery): Promise<AgencyAliasView[]> {
    const refusal = authorizeAgencyAliases(ctx.actor, 'read');
    if (refusal) throw new DomainException(refusal);
    await this.directory.catchUp();
    return this.directory.agencies.list().flatMap(rowsOf);
  }
}

/**
 * Runs an alias command on the agency in the path. The register of names is read first: an
 * alias mapped a moment ago on another instance must refuse the same name here.
 */
async function runAliasCommand(
  type: 'AddAgencyAlias' | 'RemoveAgencyAlias',
  { code: rawCode, body, ctx }: AddAgencyAliasCommand | RemoveAgencyAliasCommand,
  deps: { clock: Clock; repository: AggregateRepository; directory: DirectoryService },
): Promise<AgencyState> {
  const refusal = authorizeAgencyAliases(ctx.actor, 'change');
  if (refusal) throw new DomainException(refusal);
  const code = parseAgencyCode(rawCode);
  if (isDomainError(code)) throw new DomainException(code);
  const command = parseAgencyCommand({
    type,
    data: { alias: body.alias },
    meta: commandMeta(ctx, deps.clock.now()),
  });
  if (isDomainError(command)) throw new DomainException(command);
  await deps.directory.catchUp();
  const result = await deps.repository.execute({
    decider: agencyDecider,
    id: code,
    ctx,
    decide: (state) => {
      if (!state.exists) return agencyErrors.notFound();
      return agencyDecider.decide(command, state, deps.directory.agencyRegister);
    },
  });
  if (result.events.length > 0) await deps.directory.waitFor(result.position);
  return result.state;
}

/** Maps the name to the agency; answers the alias as kept (the earlier spelling when it had it). */
@CommandHandler(AddAgencyAliasCommand)
export class AddAgencyAliasHandler implements ICommandHandler<AddAgencyAliasCommand> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute(command: AddAgencyAliasCommand): Promise<AgencyAliasView> {
    const state = await runAliasCommand('AddAgencyAlias', command, {
      clock: this.clock,
      repository: this.repository,
      directory: this.directory,
    });
    const key = aliasKey(command.body.alias);
    return rowsOf(state).find((row) => aliasKey(row.alias) === key)!;
  }
}

/** Unmaps the name; answers the agency's aliases left. */
@CommandHandler(RemoveAgencyAliasCommand)
export class RemoveAgencyAliasHandler implements ICommandHandler<RemoveAgencyAliasCommand> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute(command: RemoveAgencyAliasCommand): Promise<AgencyAliasView[]> {
    return rowsOf(
      await runAliasCommand('RemoveAgencyAlias', command, {
        clock: this.clock,
        repository: this.repository,
        directory: this.directory,
      }),
    );
  }
}
