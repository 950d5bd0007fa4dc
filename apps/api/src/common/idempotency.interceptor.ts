import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { catchError, concatMap, from, mergeMap, Observable, of, throwError } from 'rxjs';
import {
  IDEMPOTENCY_STORE,
  type IdempotencyClaim,
  type IdempotencyStore,
} from '../infrastructure/idempotency.store';
import { apiError } from './api-error';
import type { AuthenticatedRequest } from './request-context';

const KEY = /^[\w.:-]{1,200}$/;

/** `Idempotency-Key` on a write: a retry with the same key and body returns the first answer. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

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
    const userId = request.actor.userId;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.store.claim(userId, key, fingerprint)).pipe(
      mergeMap((claim) => this.answer(claim, fingerprint, response, next, userId, key)),
    );
  }

  private answer(
    claim: IdempotencyClaim,
    fingerprint: string,
    response: Response,
    next: CallHandler<unknown>,
    userId: string,
    key: string,
  ): Observable<unknown> {
    if (claim.kind === 'in_progress') {
      throw new ConflictException(
        apiError(
          'request_in_progress',
          'A request with this Idempotency-Key is still running; retry in a moment.',
          'Yêu cầu với cùng khóa đang được xử lý; hãy thử lại sau giây lát.',
        ),
      );
    }
    if (claim.kind === 'done') {
      if (claim.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException(
          apiError(
            'idempotency_key_reused',
            'This Idempotency-Key was used for a different request.',
            'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
          ),
        );
      }
      response.status(claim.status).setHeader('Idempotent-Replayed', 'true');
      return of(claim.body);
    }
    // The answer is stored before it is sent: a retry that follows it finds it, on any instance.
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.store.complete(userId, key, response.statusCode, body);
        return body;
      }),
      catchError((error: unknown) =>
        from(this.store.release(userId, key)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}
