import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  completionStatsKnownAt,
  parseKnownAt,
  taskEntriesRecordedAfter,
  type StatsKnownAt,
} from '@chidao/audit';
import {
  authorizeOperationsRead,
  DomainError,
  isDomainError,
  minDate,
  type CalendarDate,
  type DirectiveState,
  type StatsResult,
  type TaskTimeline,
} from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { completionStats, containsPattern, searchText, searchWords } from '@chidao/projections';
import * as path from 'node:path';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import { assertPeriod } from '../common/period-check';
import { Ctx, type RequestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectoryService } from '../directory/directory.service';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { ProjectionsService } from '../read-models/projections.service';
import { AuditSearchQueryDto, StatsDifferenceQueryDto } from './audit-words.dto';
import { agencyNamesAt } from './agency-names-at';
import { directoryNames, eventWords, type EventWords } from './event-words';

const FOUND_LIMIT = 20;

export interface FoundTask {
  readonly id: string;
  readonly title: string;
  readonly directiveReference: string;
  readonly assignedOn: string;
  /** The current lead agency's name. */
  readonly leadAgencyName: string;
}

export interface FoundDirective {
  readonly id: string;
  readonly reference: string;
  readonly title: string;
  readonly issuedOn: string | null;
}

export interface LateEntryInWords extends EventWords {
  readonly position: number;
  readonly taskId: string;
  readonly taskTitle: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
}

export interface StatsDifference {
  readonly from: string;
  readonly to: string;
  readonly asOf: string;
  readonly knownAt: StatsKnownAt;
  /** The live figures, as GET /api/stats/completion gives them, with the head they include. */
  readonly today: StatsResult & { readonly knownAt: string; readonly position: number };
  /** Task entries recorded after knownAt, dated from `from` to asOf: what moved the figures. */
  readonly lateEntries: {
    readonly count: number;
    readonly entries: readonly LateEntryInWords[];
    readonly truncated: boolean;
  };
}

/**
 * The auditors' screens in words: find a task or a directive by the words of its title or
 * number (time travel starts from a search, not from an id), and a period's figures as known at
 * an instant beside today's, with the late entries that make them differ.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditWordsController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
  ) {}

  @Get('search')
  @ApiOperation({
    summary:
      'Tasks and directives whose title or document number holds every word (auditors, administrators)',
  })
  async search(
    @Query() params: AuditSearchQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<{ tasks: FoundTask[]; directives: FoundDirective[] }> {
    authorize(ctx);
    const words = searchWords(params.q);
    if (words.length === 0) return { tasks: [], directives: [] };
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
    const holdsAll = (text: string) => {
      const normalized = searchText(text);
      return words.every((word) => normalized.includes(word));
    };
    const names = await this.namesThen();
    const taskRows = await this.projections.collection<TaskTimeline>('tasks').find({
      where: { search: { like: containsPattern(longest) } },
      orderBy: [{ column: 'sort_key', direction: 'desc' }],
      limit: 200,
    });
    const tasks = taskRows
      .map((row) => row.doc)
      .filter((task) => holdsAll(`${task.title} ${task.directiveReference}`))
      .slice(0, FOUND_LIMIT)
      .map((task) => {
        const lead = task.leadAgencies[task.leadAgencies.length - 1]?.agency ?? '';
        return {
          id: task.id,
          title: task.title,
          directiveReference: task.directiveReference,
          assignedOn: task.assignedOn,
          leadAgencyName: names.agency(lead) ?? lead,
        };
      });
    const directiveRows = await this.projections.collection<DirectiveState>('directives').find({
      where: { search: { like: containsPattern(longest) } },
      orderBy: [{ column: 'sort_key', direction: 'desc' }],
      limit: 200,
    });
    const directives = directiveRows
      .map((row) => row.doc)
      .filter((d) => holdsAll(`${d.reference?.text ?? ''} ${d.title}`))
      .slice(0, FOUND_LIMIT)
      .map((d) => ({
        id: d.directiveId,
        reference: d.reference?.text ?? '',
        title: d.title,
        issuedOn: d.issuedOn,
      }));
    return { tasks, directives };
  }

  @Get('stats/difference')
  @ApiOperation({
    summary:
      "A period's completion figures as known at an instant beside today's, and the late entries that explain the difference (auditors, administrators)",
  })
  async difference(
    @Query() params: StatsDifferenceQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<StatsDifference> {
    authorize(ctx);
    const now = this.clock.now();
    const knownAt = parseKnownAt(params.knownAt, now);
    if (isDomainError(knownAt)) throw new DomainException(knownAt);
    assertPeriod(params.from, params.to);
    const asOf = params.asOf ?? params.to;
    const leadAgencies = this.agenciesOf(params);
    // One log for the three answers: everything up to the head as it is now.
    const upTo = await this.eventStore.headPosition();
    const query = { from: params.from, to: params.to, asOf, leadAgencies };
    const options = { scratchDir: path.join(this.config.dataDir, 'scratch') };
    // Today's figures are the live read model's (what GET /api/stats/completion shows), once it
    // holds the log up to the head read above; only the earlier instant needs a replay.
    await this.projections.waitFor('tasks', upTo);
    const [before, live, after] = await Promise.all([
      completionStatsKnownAt(this.eventStore, { ...query, knownAt }, options),
      completionStats(this.projections.collection<TaskTimeline>('tasks'), query),
      taskEntriesRecordedAfter(this.eventStore, {
        knownAt,
        from: params.from,
        to: minDate(params.to as CalendarDate, asOf as CalendarDate),
        upTo,
        limit: 1000,
      }),
    ]);
    const today = { ...live, knownAt: now.toISOString(), position: upTo };
    const names = await this.namesThen();
    const tasks = this.projections.collection<TaskTimeline>('tasks');
    const entries: LateEntryInWords[] = [];
    let count = 0;
    for (const event of after.events) {
      const task = await tasks.get(event.taskId);
      // Only the tasks the figures count: assigned in the period, led by a chosen agency.
      if (!task || task.assignedOn < params.from || task.assignedOn > params.to) continue;
      if (leadAgencies && !task.leadAgencies.some((entry) => leadAgencies.includes(entry.agency)))
        continue;
      count += 1;
      if (entries.length >= 200) continue;
      entries.push({
        position: event.position,
        taskId: event.taskId,
        taskTitle: task.title,
        occurredOn: event.occurredOn,
        recordedAt: event.recordedAt,
        ...eventWords(
          {
            type: event.type,
            data: event.data,
            actor: event.metadata.actor,
            agency: event.metadata.agency ?? null,
          },
          names,
        ),
      });
    }
    return {
      from: params.from,
      to: params.to,
      asOf,
      knownAt: before,
      today,
      lateEntries: { count, entries, truncated: count > entries.length || after.truncated },
    };
  }

  /** Names for sentences: agencies as they were called at each event. */
  private async namesThen() {
    const codes = this.directory.agencies.list().map((agency) => agency.code);
    return directoryNames(this.directory, await agencyNamesAt(this.eventStore, codes));
  }

  private agenciesOf(params: { agency?: string; includeUnits?: boolean }): string[] | undefined {
    const chosen = params.agency;
    if (chosen === undefined) return undefined;
    if (!this.directory.agencies.get(chosen)) {
      throw new DomainException(
        new DomainError(
          'rule_refused',
          'agency_not_found',
          `Agency ${chosen} is not registered.`,
          `Cơ quan, đơn vị ${chosen} chưa có trong danh mục.`,
          { agency: chosen },
        ),
      );
    }
    return params.includeUnits ? this.directory.agencies.sameOrBelow(chosen) : [chosen];
  }
}

function authorize(ctx: RequestContext): void {
  const refusal = authorizeOperationsRead(ctx.actor);
  if (refusal) throw new DomainException(refusal);
}
