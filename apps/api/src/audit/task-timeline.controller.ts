import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, type RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { GetTaskHistoryQuery } from '../tasks/task.messages';
import type { TaskHistoryEntry } from '../tasks/task.view';
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
    const names = directoryNames(this.directory);
    return history.map((entry) => ({
      ...entry,
      ...eventWords({ ...entry, agency: entry.actorAgency }, names),
    }));
  }
}
