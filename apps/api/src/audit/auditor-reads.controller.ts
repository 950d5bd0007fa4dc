import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, forbidden, hasRole } from '@chidao/domain';
import type { EventReader, RecordedEvent } from '@chidao/event-store';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { DOMAIN_EVENTS } from '../infrastructure/event-store.providers';
import { AuditorReadsQueryDto } from './auditor-reads.dto';
import { listAuditorReads, type AuditorReadPage } from './auditor-reads.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit/reads')
export class AuditorReadsController {
  constructor(@Inject(DOMAIN_EVENTS) private readonly events: EventReader<RecordedEvent>) {}

  @Get()
  @ApiOperation({
    summary:
      'Every read made by an auditor, in log order: who, when, path, query and the task, directive or report read (auditors, administrators)',
  })
  list(
    @Query() params: AuditorReadsQueryDto,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditorReadPage> {
    if (!hasRole(ctx.actor, 'auditor') && !hasRole(ctx.actor, 'admin')) {
      throw new DomainException(
        forbidden(
          'Only auditors and administrators see the reads made by auditors.',
          'Chỉ kiểm toán, thanh tra và quản trị viên được xem nhật ký các lượt xem của kiểm toán, thanh tra.',
        ),
      );
    }
    if (params.from !== undefined && params.to !== undefined && params.from > params.to) {
      throw new DomainException(
        new DomainError(
          'invalid_input',
          'invalid_date_range',
          `from (${params.from}) is after to (${params.to}).`,
          `Ngày bắt đầu (${params.from}) sau ngày kết thúc (${params.to}).`,
        ),
      );
    }
    return listAuditorReads(this.events, {
      actor: params.actor,
      from: params.from,
      to: params.to,
      limit: params.limit ?? 50,
      after: params.after ?? 0,
    });
  }
}
