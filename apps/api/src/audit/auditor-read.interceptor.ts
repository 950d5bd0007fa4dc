import {
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { auditorReadRecorded, STREAMS, isRecordedRead, type AuditorRead } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { from, Observable, switchMap } from 'rxjs';
import { apiError } from '../common/api-error';
import { CLOCK, type Clock } from '../common/clock';
import { requestContextOf, type AuthenticatedRequest } from '../common/request-context';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import { metadataOf, toNewEvents } from '../infrastructure/aggregate-repository';
import { readResourceOf } from './read-resource';

/**
 * Every read by an auditor, on any endpoint, is appended to the log (`AuditorReadRecorded` in
 * `auditor-reads-<userId>`) *before* the handler runs: a read that could not be recorded is not
 * served (503). Runs after the guard (the actor is known) and before streaming handlers write
 * anything. Reads refused afterwards (403, 404, bad query) stay recorded: they were attempted.
 */
@Injectable()
export class AuditorReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AuditorReads');

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!isRecordedRead(request.actor, request.method)) return next.handle();
    return from(this.record(request)).pipe(switchMap(() => next.handle()));
  }

  private async record(request: AuthenticatedRequest): Promise<void> {
    const ctx = requestContextOf(request);
    // The route Express matched (`/api/tasks/:id`), not the raw path: see readResourceOf.
    const route = (request.route as { path?: unknown } | undefined)?.path;
    const resource = readResourceOf(
      typeof route === 'string' ? route : undefined,
      request.params ?? {},
    );
    const read: AuditorRead = {
      method: request.method as AuditorRead['method'],
      path: request.originalUrl.split('?')[0],
      query: queryOf(request.query),
      ...(resource ? { resource } : {}),
    };
    const event = auditorReadRecorded(read, this.clock.now());
    try {
      await this.eventStore.append(
        STREAMS.auditorReads.of(ctx.actor.userId),
        toNewEvents([event], metadataOf(ctx)),
      );
    } catch (error) {
      this.logger.error(
        `Read not recorded, not served: ${read.method} ${read.path}: ${String(error)}`,
      );
      throw new ServiceUnavailableException(
        apiError(
          'read_not_recorded',
          'This read could not be recorded in the audit log, so it is not served; try again shortly.',
          'Không ghi được lượt xem này vào nhật ký kiểm tra nên chưa thể trả dữ liệu; vui lòng thử lại sau.',
        ),
      );
    }
  }
}

/** The parsed query as plain JSON: text values, lists for repeated names, anything else as JSON. */
function queryOf(query: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (query === null || typeof query !== 'object') return out;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map(String);
    else if (value !== undefined) out[name] = JSON.stringify(value);
  }
  return out;
}
