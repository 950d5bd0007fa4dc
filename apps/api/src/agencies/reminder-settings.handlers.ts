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
  authorizeReminderSettings,
  isDomainError,
  parseAgencyCode,
  parseAgencyCommand,
  REMINDER_SETTING_FIELDS,
  withSettingsOverride,
  type ReminderSettings,
  type ReminderSettingsOverride,
} from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { commandMeta } from '../common/command-meta';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { AggregateRepository } from '../infrastructure/aggregate-repository';
import type { ReminderSettingsDto } from './reminder-settings.dto';

/** An assigning body's reminder settings beside the deployment's, with the form's labels. */
export interface ReminderSettingsView {
  agency: string;
  agencyName: string;
  /** What the body set; the other fields follow the deployment. */
  override: ReminderSettingsOverride;
  /** The deployment's settings (CHIDAO_REMINDER_*). */
  defaults: ReminderSettings;
  /** What the reminder run uses for the tasks the body assigns. */
  effective: ReminderSettings;
  fields: {
    name: string;
    labelVi: string;
    labelEn: string;
    kind: 'whole' | 'boolean';
    min?: number;
    max?: number;
  }[];
}

export class SetReminderSettingsCommand {
  constructor(
    readonly code: string,
    readonly body: ReminderSettingsDto,
    readonly ctx: RequestContext,
  ) {}
}

export class ReminderSettingsQuery {
  constructor(
    readonly code: string,
    readonly ctx: RequestContext,
  ) {}
}

const FIELDS: ReminderSettingsView['fields'] = Object.entries(REMINDER_SETTING_FIELDS).map(
  ([name, field]) => ({
    name,
    labelVi: field.labelVi,
    labelEn: field.labelEn,
    kind: field.kind,
    ...(field.kind === 'whole' ? { min: field.min, max: field.max } : {}),
  }),
);

/** The agency in the path, checked, and whether the caller may see or change its settings. */
function authorizedCode(ctx: RequestContext, rawCode: string, access: 'read' | 'change'): string {
  const code = parseAgencyCode(rawCode);
  if (isDomainError(code)) throw new DomainException(code);
  const refusal = authorizeReminderSettings(ctx.actor, code, access);
  if (refusal) throw new DomainException(refusal);
  return code;
}

function viewOf(directory: DirectoryService, defaults: ReminderSettings, code: string) {
  const agency = directory.agencies.get(code);
  if (!agency?.exists) throw new DomainException(agencyErrors.notFound());
  const view: ReminderSettingsView = {
    agency: code,
    agencyName: agency.name,
    override: agency.reminderSettings,
    defaults,
    effective: withSettingsOverride(defaults, agency.reminderSettings),
    fields: FIELDS,
  };
  return view;
}

@QueryHandler(ReminderSettingsQuery)
export class ReminderSettingsHandler implements IQueryHandler<ReminderSettingsQuery> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ code: rawCode, ctx }: ReminderSettingsQuery): Promise<ReminderSettingsView> {
    const code = authorizedCode(ctx, rawCode, 'read');
    await this.directory.catchUp();
    return viewOf(this.directory, this.config.reminders.settings, code);
  }
}

/** Replaces the body's override with the fields given (none: the deployment's settings again). */
@CommandHandler(SetReminderSettingsCommand)
export class SetReminderSettingsHandler implements ICommandHandler<SetReminderSettingsCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repository: AggregateRepository,
    private readonly directory: DirectoryService,
  ) {}

  async execute({
    code: rawCode,
    body,
    ctx,
  }: SetReminderSettingsCommand): Promise<ReminderSettingsView> {
    const code = authorizedCode(ctx, rawCode, 'change');
    const command = parseAgencyCommand({
      type: 'SetAgencyReminderSettings',
      data: { settings: { ...body } },
      meta: commandMeta(ctx, this.clock.now()),
    });
    if (isDomainError(command)) throw new DomainException(command);
    const result = await this.repository.execute({
      decider: agencyDecider,
      id: code,
      ctx,
      decide: (state) => {
        if (!state.exists) return agencyErrors.notFound();
        return agencyDecider.decide(command, state, this.directory.agencies);
      },
    });
    await this.directory.waitFor(result.position);
    return viewOf(this.directory, this.config.reminders.settings, code);
  }
}
