import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  DomainError,
  isDomainError,
  minDate,
  vietnamDateOf,
  type CalendarDate,
} from '@chidao/domain';
import {
  findTasks,
  overdueTasks,
  taskTablePage,
  taskTableRows,
  tasksDueWithin,
  type TaskListItem,
  type TaskTableItem,
  type TaskTableQuery,
} from '@chidao/projections';
import { assertPeriod } from '../common/period-check';
import type { DirectiveState, TaskTimeline } from '@chidao/domain';
import { CLOCK, type Clock } from '../common/clock';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { ProjectionsService } from '../read-models/projections.service';
import {
  queryScopeOf,
  statsLeadAgencies,
  taskListScope,
  type QueryScope,
} from '../read-models/query-scope';
import type {
  DueSoonQueryDto,
  OverdueQueryDto,
  TaskListQueryDto,
  TaskTableQueryDto,
} from './task-list.dto';

export class ListTasksQuery {
  constructor(
    readonly params: TaskListQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

export class OverdueTasksQuery {
  constructor(
    readonly params: OverdueQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

export class DueSoonTasksQuery {
  constructor(
    readonly params: DueSoonQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/** What every task query does first: wait for `minPosition`, then work out what may be seen. */
abstract class TaskReadModelQuery {
  constructor(
    protected readonly projections: ProjectionsService,
    protected readonly directory: DirectoryService,
  ) {}

  protected async prepare(
    params: { minPosition?: number; agency?: string; includeUnits?: boolean },
    ctx: RequestContext,
  ): Promise<QueryScope> {
    await this.projections.waitFor('tasks', params.minPosition);
    const scope = queryScopeOf(ctx.actor, this.directory.agencies, params);
    if (isDomainError(scope)) throw new DomainException(scope);
    return scope;
  }

  protected get tasks() {
    return this.projections.collection<TaskTimeline>('tasks');
  }

  /** An agency's name as registered; its code only if the register does not know it. */
  readonly agencyName = (code: string): string => this.directory.agencies.get(code)?.name || code;

  /** A row with its agencies' names, so that no screen or file shows a code for them. */
  protected named<T extends TaskListItem>(item: T): T & AgencyNames {
    return {
      ...item,
      leadAgencyName: this.agencyName(item.leadAgency),
      assigningAgencyName: this.agencyName(item.assigningAgency),
      supportAgencyNames: item.supportAgencies.map(this.agencyName),
    };
  }
}

export interface AgencyNames {
  readonly leadAgencyName: string;
  readonly assigningAgencyName: string;
  readonly supportAgencyNames: string[];
}

@QueryHandler(ListTasksQuery)
export class ListTasksHandler extends TaskReadModelQuery implements IQueryHandler<ListTasksQuery> {
  constructor(
    projections: ProjectionsService,
    directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(projections, directory);
  }

  async execute({ params, ctx }: ListTasksQuery) {
    const scope = await this.prepare(params, ctx);
    const page = await findTasks(
      this.tasks,
      {
        ...taskListScope(scope, params.role),
        directiveId: params.directive,
        statuses: params.status,
        classAt: params.classAt ? { date: params.classAt, classes: params.class ?? [] } : undefined,
        deadlineFrom: params.deadlineFrom,
        deadlineTo: params.deadlineTo,
        keyTask: params.keyTask,
        pendingRequest: params.pendingRequest,
        text: params.q,
      },
      { limit: params.limit ?? 50, cursor: params.cursor, at: vietnamDateOf(this.clock.now()) },
    );
    return { ...page, items: page.items.map((item) => this.named(item)) };
  }
}

@QueryHandler(OverdueTasksQuery)
export class OverdueTasksHandler
  extends TaskReadModelQuery
  implements IQueryHandler<OverdueTasksQuery>
{
  constructor(
    projections: ProjectionsService,
    directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(projections, directory);
  }

  async execute({ params, ctx }: OverdueTasksQuery) {
    const scope = await this.prepare(params, ctx);
    // As the dashboard's overdue list, field for field (the screens name agencies themselves).
    return overdueTasks(this.tasks, {
      asOf: params.asOf ?? vietnamDateOf(this.clock.now()),
      ...taskListScope(scope),
      limit: params.limit ?? 100,
    });
  }
}

@QueryHandler(DueSoonTasksQuery)
export class DueSoonTasksHandler
  extends TaskReadModelQuery
  implements IQueryHandler<DueSoonTasksQuery>
{
  constructor(
    projections: ProjectionsService,
    directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(projections, directory);
  }

  async execute({ params, ctx }: DueSoonTasksQuery) {
    const scope = await this.prepare(params, ctx);
    const due = await tasksDueWithin(this.tasks, {
      today: vietnamDateOf(this.clock.now()),
      days: params.days ?? 7,
      ...taskListScope(scope),
    });
    return { ...due, items: due.items.map((item) => this.named(item)) };
  }
}

export class TaskTableListQuery {
  constructor(
    readonly params: TaskTableQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/** A task list row as people read it: agencies by name beside their codes. */
export type NamedTaskTableItem = TaskTableItem & AgencyNames;

/** A row of the task list file: the named row and its document's issue date. */
export type ExportedTaskRow = NamedTaskTableItem & { readonly directiveIssuedOn: string | null };

/**
 * The task list screen's page (and, with `rows`, its export): the DTO made into the read-model
 * query, in the reader's scope. A statistics selection (class, awaiting, period) takes the
 * scope as GET /api/stats/completion does, so its total is the figure's count.
 */
@QueryHandler(TaskTableListQuery)
export class TaskTableListHandler
  extends TaskReadModelQuery
  implements IQueryHandler<TaskTableListQuery>
{
  constructor(
    projections: ProjectionsService,
    directory: DirectoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(projections, directory);
  }

  async execute({ params, ctx }: TaskTableListQuery) {
    const query = await this.tableQuery(params, ctx);
    const page = await taskTablePage(this.tasks, query, {
      page: params.page ?? 1,
      size: params.size ?? 25,
    });
    return { ...page, items: page.items.map((item) => this.named(item)) };
  }

  /**
   * Every row, for an export; the same query as the page. Each row also carries its document's
   * issue date, so that the file can be imported again (docs/imports.md, "A list and back").
   */
  async rows(
    params: TaskTableQueryDto,
    ctx: RequestContext,
  ): Promise<{ at: string; total: number; items: ExportedTaskRow[] }> {
    const query = await this.tableQuery(params, ctx);
    const { total, items } = await taskTableRows(this.tasks, query);
    const directives = this.projections.collection<DirectiveState>('directives');
    const issuedOn = new Map<string, string | null>();
    for (const id of new Set(items.map((item) => item.directiveId))) {
      issuedOn.set(id, (await directives.get(id))?.issuedOn ?? null);
    }
    return {
      at: query.at,
      total,
      items: items.map((item) => ({
        ...this.named(item),
        directiveIssuedOn: issuedOn.get(item.directiveId) ?? null,
      })),
    };
  }

  private async tableQuery(params: TaskTableQueryDto, ctx: RequestContext) {
    const scope = await this.prepare(params, ctx);
    if ((params.from === undefined) !== (params.to === undefined)) {
      throw new DomainException(
        new DomainError(
          'invalid_input',
          'invalid_period',
          'A period needs both from and to.',
          'Kỳ thống kê cần có cả ngày bắt đầu và ngày kết thúc.',
          { from: params.from ?? null, to: params.to ?? null },
        ),
      );
    }
    if (params.from !== undefined && params.to !== undefined) assertPeriod(params.from, params.to);
    const today = vietnamDateOf(this.clock.now());
    // As the statistics: the cut-off is `at`, else the period's end when it is past, else today.
    const at = params.at ?? (params.to ? minDate(params.to as CalendarDate, today) : today);
    const selected =
      (params.class?.length ?? 0) > 0 || params.awaiting === true || params.from !== undefined;
    const common = {
      directiveId: params.directive,
      statuses: params.status,
      deadlineFrom: params.deadlineFrom,
      deadlineTo: params.deadlineTo,
      keyTask: params.keyTask,
      text: params.q,
    };
    const query: TaskTableQuery = {
      at,
      filter: selected ? common : { ...taskListScope(scope), ...common },
      selection: selected
        ? {
            from: params.from,
            to: params.to,
            classes: params.class,
            awaitingConfirmation: params.awaiting,
            leadAgenciesAt: statsLeadAgencies(scope),
          }
        : undefined,
      leader: params.leader,
      sort: params.sort,
      direction: params.dir,
      agencyName: this.agencyName,
    };
    return query;
  }
}
