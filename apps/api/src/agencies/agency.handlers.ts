import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import {
  agencyErrors,
  authorizeAdministration,
  decideAgency,
  DomainError,
  evolveAgency,
  initialAgencyState,
  isDomainError,
  parseAgencyCode,
  type AgencyCommand,
  type AgencyEvent,
  type AgencyState,
} from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { toAgencyView, type AgencyView } from './agency.view';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import type { RegisterAgencyDto, UpdateAgencyDto } from './agencies.dto';

export const agencyStream = (code: string) => `agency-${code}`;
const definition = { initial: initialAgencyState, evolve: evolveAgency };

export class RegisterAgencyCommand {
  constructor(
    readonly body: RegisterAgencyDto,
    readonly ctx: RequestContext,
  ) {}
}

export class UpdateAgencyCommand {
  constructor(
    readonly code: string,
    readonly body: UpdateAgencyDto,
    readonly ctx: RequestContext,
  ) {}
}

@CommandHandler(RegisterAgencyCommand)
export class RegisterAgencyHandler implements ICommandHandler<RegisterAgencyCommand, AgencyView> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ body, ctx }: RegisterAgencyCommand): Promise<AgencyView> {
    const refusal = authorizeAdministration(ctx.actor, 'agencies');
    if (refusal) throw new DomainException(refusal);
    const code = parseAgencyCode(body.code);
    if (isDomainError(code)) throw new DomainException(code);
    const command: AgencyCommand = {
      type: 'RegisterAgency',
      data: { code, name: body.name, parent: body.parent ?? null, kind: body.kind ?? null },
      meta: commandMeta(ctx, this.clock.now()),
    };
    const result = await this.repository.execute<AgencyState, AgencyEvent>({
      streamId: agencyStream(code),
      definition,
      ctx,
      decide: (state) => decideAgency(command, state, this.directory.agencies),
    });
    await this.directory.waitFor(result.position);
    return toAgencyView(this.directory.agencies.get(code)!);
  }
}

@CommandHandler(UpdateAgencyCommand)
export class UpdateAgencyHandler implements ICommandHandler<UpdateAgencyCommand, AgencyView> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ code: rawCode, body, ctx }: UpdateAgencyCommand): Promise<AgencyView> {
    const refusal = authorizeAdministration(ctx.actor, 'agencies');
    if (refusal) throw new DomainException(refusal);
    const code = parseAgencyCode(rawCode);
    if (isDomainError(code)) throw new DomainException(code);
    const meta = commandMeta(ctx, this.clock.now());
    const commands: AgencyCommand[] = [];
    if (body.active === true) commands.push({ type: 'ReactivateAgency', data: {}, meta });
    if (body.name !== undefined)
      commands.push({ type: 'RenameAgency', data: { name: body.name }, meta });
    if (body.parent !== undefined)
      commands.push({ type: 'MoveAgency', data: { parent: body.parent }, meta });
    if (body.active === false)
      commands.push({ type: 'DeactivateAgency', data: { reason: body.reason ?? null }, meta });
    const result = await this.repository.execute<AgencyState, AgencyEvent>({
      streamId: agencyStream(code),
      definition,
      ctx,
      decide: (state) => {
        // The agency in the path is the resource: unknown is 404 (an agency named in a body is 422).
        if (!state.exists) return agencyErrors.notFound();
        if (commands.length === 0) {
          return new DomainError(
            'rule_refused',
            'nothing_changed',
            'The request changes nothing.',
            'Yêu cầu không thay đổi thông tin nào.',
          );
        }
        // Several changes in one PATCH: each is decided on the state the previous one left.
        const events: AgencyEvent[] = [];
        let current = state;
        for (const command of commands) {
          const decision = decideAgency(command, current, this.directory.agencies);
          if (isDomainError(decision)) return decision;
          events.push(...decision);
          current = decision.reduce(evolveAgency, current);
        }
        return events;
      },
    });
    await this.directory.waitFor(result.position);
    return toAgencyView(this.directory.agencies.get(code)!);
  }
}
