import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@chidao/event-store';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { GetTaskHistoryQuery } from '../tasks/task.messages';
import type { TaskHistoryEntry } from '../tasks/task.view';
import { agencyNamesAt } from './agency-names-at';
import { directoryNames, eventWords, type EventWords } from './event-words';

export type TaskTimelineEntry = TaskHistoryEntry & EventWords;

/**
 * The task's timeline in sentences for the task page. It reads the same history as
 * GET /api/tasks/:id/history (so the same people may read it) and adds the words.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks/:id/timeline')
export class TaskTimelineController {
  constructor(
    private readonly queries: QueryBus,
    private readonly directory: DirectoryService,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The task's events as sentences (Vietnamese and English), with who entered each, by name and agency",
  })
  async timeline(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TaskTimelineEntry[]> {
    const history = await this.queries.execute<GetTaskHistoryQuery, TaskHistoryEntry[]>(
      new GetTaskHistoryQuery(id, ctx),
    );
    const codes = this.directory.agencies.list().map((agency) => agency.code);
    const names = directoryNames(this.directory, await agencyNamesAt(this.eventStore, codes));
    return history.map((entry) => ({
      ...entry,
      ...eventWords({ ...entry, agency: entry.actorAgency }, names),
    }));
  }
}
