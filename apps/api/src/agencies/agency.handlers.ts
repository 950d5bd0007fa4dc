import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import {
  agencyDecider,
  agencyErrors,
  authorizeAdministration,
  decideChange,
  isDomainError,
  parseAgencyCode,
  parseAgencyCommand,
  type AgencyCommand,
  type CommandInput,
} from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { toAgencyView, type AgencyView } from './agency.view';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import type { AssignAgencyHeadDto, RegisterAgencyDto, UpdateAgencyDto } from './agencies.dto';

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

export class AssignAgencyHeadCommand {
  constructor(
    readonly code: string,
    readonly body: AssignAgencyHeadDto,
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
    const command = parsed({
      type: 'RegisterAgency',
      data: {
        code: body.code,
        name: body.name,
        parent: body.parent ?? null,
        kind: body.kind ?? null,
      },
      meta: commandMeta(ctx, this.clock.now()),
    });
    const { code } = command.data;
    const result = await this.repository.execute({
      decider: agencyDecider,
      id: code,
      ctx,
      decide: (state) => agencyDecider.decide(command, state, this.directory.agencies),
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
    const code = administeredAgencyCode(ctx, rawCode);
    const meta = commandMeta(ctx, this.clock.now());
    const inputs: CommandInput<AgencyCommand['type']>[] = [];
    if (body.active === true) inputs.push({ type: 'ReactivateAgency', meta });
    if (body.name !== undefined)
      inputs.push({ type: 'RenameAgency', data: { name: body.name }, meta });
    if (body.parent !== undefined) {
      inputs.push({ type: 'MoveAgency', data: { parent: body.parent }, meta });
    }
    if (body.active === false) {
      inputs.push({ type: 'DeactivateAgency', data: { reason: body.reason ?? null }, meta });
    }
    const result = await this.repository.execute({
      decider: agencyDecider,
      id: code,
      ctx,
      decide: (state) => {
        // The agency in the path is the resource: unknown is 404 (an agency named in a body is 422).
        if (!state.exists) return agencyErrors.notFound();
        return decideChange(
          agencyDecider,
          parseAgencyCommand,
          inputs,
          state,
          this.directory.agencies,
        );
      },
    });
    await this.directory.waitFor(result.position);
    return toAgencyView(this.directory.agencies.get(code)!);
  }
}

@CommandHandler(AssignAgencyHeadCommand)
export class AssignAgencyHeadHandler implements ICommandHandler<
  AssignAgencyHeadCommand,
  AgencyView
> {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ code: rawCode, body, ctx }: AssignAgencyHeadCommand): Promise<AgencyView> {
    const code = administeredAgencyCode(ctx, rawCode);
    const command = parsed({
      type: 'AssignAgencyHead',
      data: { headUserId: body.userId },
      meta: commandMeta(ctx, this.clock.now()),
    });
    // The head is checked against the user directory, as parents are against the register: a
    // user created on another instance a moment ago is brought in first.
    await this.directory.catchUp();
    const result = await this.repository.execute({
      decider: agencyDecider,
      id: code,
      ctx,
      decide: (state) => {
        if (!state.exists) return agencyErrors.notFound();
        return agencyDecider.decide(command, state, this.directory.agencyRegister);
      },
    });
    await this.directory.waitFor(result.position);
    return toAgencyView(this.directory.agencies.get(code)!);
  }
}

function parsed<T extends AgencyCommand['type']>(
  input: CommandInput<T>,
): Extract<AgencyCommand, { type: T }> {
  const command = parseAgencyCommand(input);
  if (isDomainError(command)) throw new DomainException(command);
  return command;
}

/** An administrator's change to the agency in the path: who may, and the code as it is kept. */
function administeredAgencyCode(ctx: RequestContext, rawCode: string): string {
  const refusal = authorizeAdministration(ctx.actor, 'agencies');
  if (refusal) throw new DomainException(refusal);
  const code = parseAgencyCode(rawCode);
  if (isDomainError(code)) throw new DomainException(code);
  return code;
}
