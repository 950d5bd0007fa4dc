import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@chidao/event-store';
import { apiError } from '../common/api-error';
import { Public } from '../identity/public.decorator';
import { EVENT_STORE } from '../infrastructure/event-store.providers';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the event store answers' })
  async ready(): Promise<{ status: 'ready'; headPosition: number }> {
    try {
      await this.store.ping();
      return { status: 'ready', headPosition: await this.store.headPosition() };
    } catch (error) {
      throw new ServiceUnavailableException(
        apiError(
          'store_unavailable',
          `The event store does not answer: ${(error as Error).message}`,
          'Không kết nối được kho dữ liệu sự kiện.',
        ),
      );
    }
  }
}
