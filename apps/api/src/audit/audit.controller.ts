import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { verifyIntegrity, type AnchorStore, type IntegrityReport } from '@chidao/audit';
import { authorizeOperationsRead } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import type { Stores } from '@chidao/runtime';
import { DomainException } from '../common/domain.exception';
import { Ctx, type RequestContext } from '../common/request-context';
import { EVENT_STORE, STORES } from '../infrastructure/event-store.providers';
import { ANCHOR_STORE } from './anchor-store.provider';
import { CheckpointService } from './checkpoint.service';
import { reportDigestsOf } from './report-digests';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(ANCHOR_STORE) private readonly anchors: AnchorStore,
    private readonly checkpoints: CheckpointService,
    @Inject(STORES) private readonly stores: Stores,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary:
      'Walk every stream’s hash chain, the global positions, every daily anchor, every signed checkpoint of the witness file and every report snapshot’s log digest; report the first broken link (auditors, administrators)',
  })
  async verify(@Ctx() ctx: RequestContext): Promise<IntegrityReport> {
    const refusal = authorizeOperationsRead(ctx.actor);
    if (refusal) throw new DomainException(refusal);
    return verifyIntegrity(this.eventStore, this.anchors, {
      checkpoints: this.checkpoints.verificationInput(),
      reports: await reportDigestsOf(this.stores.snapshots),
    });
  }
}
