import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { authorizeAdministration, authorizeOperationsRead, type DomainError } from '@chidao/domain';
import { apiError } from '../common/api-error';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { projectionNamed } from './projection-catalogue';
import { ProjectionsService, type ProjectionView } from './projections.service';

const allow = (refusal: DomainError | null) => {
  if (refusal) throw new DomainException(refusal);
};

@ApiTags('projections')
@ApiBearerAuth()
@Controller('api/projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOperation({
    summary: 'Each read model: position, head, lag, events/s, last error (admin, auditor)',
  })
  list(@Ctx() ctx: RequestContext): Promise<ProjectionView[]> {
    allow(authorizeOperationsRead(ctx.actor));
    return this.projections.statuses();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a read model from position 0 and swap it in; queries keep answering (admin)',
  })
  @ApiQuery({ name: 'wait', required: false, description: 'true: answer when the swap is done' })
  async rebuild(
    @Param('name') name: string,
    @Query('wait') wait: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<{
    projection: string;
    status: 'started' | 'done';
    generation?: number;
    events?: number;
  }> {
    allow(authorizeAdministration(ctx.actor, 'projections'));
    if (!projectionNamed(name)) {
      throw new NotFoundException(
        apiError(
          'projection_not_found',
          `No read model is named ${name}.`,
          `Không có dữ liệu tổng hợp tên ${name}.`,
        ),
      );
    }
    const running = this.projections.rebuild(name);
    if (wait !== 'true') {
      running.catch(() => undefined); // reported through GET /api/projections
      return { projection: name, status: 'started' };
    }
    const result = await running;
    return {
      projection: name,
      status: 'done',
      generation: result.generation,
      events: result.events,
    };
  }
}
