import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { EventStore } from '@chidao/event-store';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { catchError, concatMap, finalize, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { EVENT_STORE } from '../infrastructure/event-store.providers';
import {
  CLAIM_LEASE_MS,
  IDEMPOTENCY_STORE,
  type IdempotencyClaim,
  type IdempotencyStore,
} from '../infrastructure/idempotency.store';
import { apiError, type ApiError } from './api-error';
import type { AuthenticatedRequest } from './request-context';

const KEY = /^[\w.:-]{1,200}$/;

/** The request being answered, as the steps below need it. */
interface Keyed {
  readonly request: AuthenticatedRequest;
  readonly response: Response;
  readonly userId: string;
  readonly key: string;
  readonly fingerprint: string;
}

/** An event a request under the key appended, as the "already applied" answer names it. */
interface AppliedEvent {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: number;
  readonly type: string;
}

/**
 * `Idempotency-Key` on a write: a retry with the same key and body returns the first answer.
 * The command's events record the key (metadata `idempotencyKey`), so a retry that takes over
 * the claim of a request whose process died finds them in the log instead of running again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.header('idempotency-key');
    if (key === undefined || request.method === 'GET' || !request.actor) return next.handle();
    if (!KEY.test(key)) {
      throw new BadRequestException(
        apiError(
          'invalid_idempotency_key',
          'Idempotency-Key must be 1–200 letters, digits, dots, dashes, colons or underscores.',
          'Idempotency-Key phải gồm 1–200 ký tự chữ, số, dấu chấm, gạch ngang, hai chấm hoặc gạch dưới.',
        ),
      );
    }
    const keyed: Keyed = {
      request,
      response: context.switchToHttp().getResponse<Response>(),
      userId: request.actor.userId,
      key,
      fingerprint: createHash('sha256')
        .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
        .digest('hex'),
    };
    return from(this.claim(keyed)).pipe(
      mergeMap(({ claim, head }) => this.answer(keyed, claim, head, next)),
    );
  }

  /** The head is read first: whatever this request appends comes after it. */
  private async claim(keyed: Keyed): Promise<{ claim: IdempotencyClaim; head: number }> {
    const head = await this.eventStore.headPosition();
    const { userId, key, fingerprint } = keyed;
    return {
      claim: await this.store.claim({ userId, key, fingerprint, afterPosition: head }),
      head,
    };
  }

  private answer(
    keyed: Keyed,
    claim: IdempotencyClaim,
    head: number,
    next: CallHandler<unknown>,
  ): Observable<unknown> {
    if (claim.kind === 'claimed') return this.run(keyed, head, next);
    if (claim.kind === 'taken_over') {
      // Null: a claim from a version that did not record the key in its events; nothing to find.
      const written =
        claim.afterPosition === null
          ? Promise.resolve([])
          : this.appliedEvents(keyed, claim.afterPosition);
      return from(written).pipe(
        mergeMap((events) =>
          events.length > 0 ? from(this.answerApplied(keyed, events)) : this.run(keyed, head, next),
        ),
      );
    }
    if (claim.fingerprint !== keyed.fingerprint) {
      throw new UnprocessableEntityException(
        apiError(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request.',
          'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
        ),
      );
    }
    if (claim.kind === 'in_progress') {
      throw new ConflictException(
        apiError(
          'request_in_progress',
          'A request with this Idempotency-Key is still running; retry in a moment.',
          'Yêu cầu với cùng khóa đang được xử lý; hãy thử lại sau giây lát.',
        ),
      );
    }
    keyed.response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
    return of(claim.body);
  }

  /**
   * Runs the command under the claim, renewing its lease meanwhile. The answer is stored before
   * it is sent: a retry that follows it finds it, on any instance.
   */
  private run(keyed: Keyed, head: number, next: CallHandler<unknown>): Observable<unknown> {
    const { request, response, userId, key } = keyed;
    request.idempotencyKey = key;
    const renewal = setInterval(() => {
      this.store.renew(userId, key).then(
        (held) => {
          if (!held) this.logger.warn(`Idempotency-Key ${key} of ${userId}: claim lost`);
        },
        (error: unknown) => this.logger.warn(`Idempotency-Key claim not renewed: ${String(error)}`),
      );
    }, CLAIM_LEASE_MS / 3);
    renewal.unref();
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.store.complete(userId, key, response.statusCode, body);
        return body;
      }),
      // A command that failed after appending (the answer could not be built) took effect:
      // retries must not run it again, so its key is completed as applied, not released.
      catchError((error: unknown) =>
        from(this.settleFailure(keyed, head)).pipe(mergeMap(() => throwError(() => error))),
      ),
      finalize(() => clearInterval(renewal)),
    );
  }

  private async settleFailure(keyed: Keyed, head: number): Promise<void> {
    const events = await this.appliedEvents(keyed, head);
    if (events.length === 0) await this.store.release(keyed.userId, keyed.key);
    else await this.store.complete(keyed.userId, keyed.key, 409, appliedAnswer(events));
  }

  /** The events after `after` that this user appended under this key. */
  private async appliedEvents(keyed: Keyed, after: number): Promise<AppliedEvent[]> {
    const found: AppliedEvent[] = [];
    for await (const batch of this.eventStore.readAll({ after })) {
      for (const event of batch) {
        const { actor, idempotencyKey } = event.metadata;
        if (actor !== keyed.userId || idempotencyKey !== keyed.key) continue;
        const { streamId, streamVersion, position, type } = event;
        found.push({ streamId, streamVersion, position, type });
      }
    }
    return found;
  }

  /** The first attempt's answer is lost with its process; what it wrote is said instead. */
  private async answerApplied(keyed: Keyed, events: readonly AppliedEvent[]): Promise<ApiError> {
    const body = appliedAnswer(events);
    await this.store.complete(keyed.userId, keyed.key, 409, body);
    keyed.response.status(409).setHeader('Idempotent-Replayed', 'true');
    return body;
  }
}

const appliedAnswer = (events: readonly AppliedEvent[]): ApiError =>
  apiError(
    'idempotent_request_applied',
    'The request with this Idempotency-Key was applied, but its answer was lost when the server stopped; read the resource for its current state.',
    'Yêu cầu với khóa này đã được ghi nhận, nhưng câu trả lời bị mất khi máy chủ dừng; hãy tải lại để xem trạng thái hiện tại.',
    { events },
  );
