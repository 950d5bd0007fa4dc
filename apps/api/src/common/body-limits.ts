import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { apiError } from './api-error';

/**
 * How big and how deep a request body may be. A body over its endpoint's limit answers 413
 * before anything reads it; one nested deeper than MAX_BODY_DEPTH answers 400 before
 * validation walks it (class-transformer and the validation pipe recurse, and 5 000 nested
 * arrays overflowed the stack). docs/api.md lists the limits.
 */
export const DEFAULT_BODY_LIMIT = 100 * 1024;

/** Endpoints that need more than the default, with the reason. */
export const BODY_LIMITS: readonly {
  readonly method: string;
  readonly path: RegExp;
  readonly bytes: number;
  readonly upload?: boolean;
}[] = [
  // A programme assigns up to 500 tasks in one call, each with a title of up to 1 000 characters.
  { method: 'POST', path: /^\/api\/directives\/[^/]+\/tasks\/?$/, bytes: 1024 * 1024 },
  // A task list to import (multipart): its file of up to 20 MB and the form around it. Read by
  // multer, never by the JSON parser, so it does not raise the parser's limit.
  { method: 'POST', path: /^\/api\/imports\/?$/, bytes: 21 * 1024 * 1024, upload: true },
];

/** Our own bodies nest at most four levels ({ tasks: [{ supportAgencies: [...] }] }). */
export const MAX_BODY_DEPTH = 32;

const LARGEST = Math.max(
  DEFAULT_BODY_LIMIT,
  ...BODY_LIMITS.filter((limit) => !limit.upload).map((limit) => limit.bytes),
);

export function bodyLimitOf(method: string, path: string): number {
  return (
    BODY_LIMITS.find((limit) => limit.method === method && limit.path.test(path))?.bytes ??
    DEFAULT_BODY_LIMIT
  );
}

/** Parses JSON and form bodies with the limits above (the app is created without Nest's parser). */
export function useBodyLimits(app: NestExpressApplication): void {
  // A declared length over the limit is refused before a byte of the body is read.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const limit = bodyLimitOf(req.method, req.path);
    const declared = Number(req.headers['content-length'] ?? 0);
    next(declared > limit ? tooLarge(limit) : undefined);
  });
  app.useBodyParser('json', { limit: LARGEST });
  app.useBodyParser('urlencoded', { limit: LARGEST, extended: true });
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(parserRefusal(error) ?? error),
  );
  // A body sent without a length (chunked) is measured once read.
  app.use((req: Request & { rawBody?: Buffer }, _res: Response, next: NextFunction) => {
    const limit = bodyLimitOf(req.method, req.path);
    if ((req.rawBody?.length ?? 0) > limit) return next(tooLarge(limit));
    next(depthExceeds(req.body as unknown, MAX_BODY_DEPTH) ? tooDeep() : undefined);
  });
}

/** Walks the parsed body without recursion, so depth itself cannot overflow the stack. */
export function depthExceeds(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

const kilobytes = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

function tooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(
    apiError(
      'payload_too_large',
      `The request body is larger than this endpoint accepts (${kilobytes(limit)}).`,
      `Dữ liệu gửi lên quá lớn: thao tác này chỉ nhận tối đa ${kilobytes(limit)}.`,
      { limitBytes: limit },
    ),
  );
}

function tooDeep(): BadRequestException {
  return new BadRequestException(
    apiError(
      'body_too_deep',
      `The request body nests more than ${MAX_BODY_DEPTH} levels of lists or objects.`,
      `Dữ liệu gửi lên lồng nhau quá ${MAX_BODY_DEPTH} cấp (danh sách, đối tượng); hãy kiểm tra lại cấu trúc yêu cầu.`,
      { maxDepth: MAX_BODY_DEPTH },
    ),
  );
}

/**
 * The parser's own refusals (malformed JSON, a chunked body over the largest limit, an unknown
 * charset) in the API's error format; Nest would otherwise answer them with a bare message.
 */
function parserRefusal(error: unknown): HttpException | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, limit } = error as { type?: unknown; limit?: unknown };
  switch (type) {
    case 'entity.too.large':
      return tooLarge(typeof limit === 'number' ? limit : LARGEST);
    case 'entity.parse.failed':
      return new BadRequestException(
        apiError(
          'malformed_json',
          'The request body is not valid JSON.',
          'Dữ liệu gửi lên không đúng định dạng JSON.',
        ),
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(
        apiError(
          'unsupported_encoding',
          'The request body is in an encoding the server does not read; send UTF-8 JSON.',
          'Dữ liệu gửi lên dùng bảng mã không được hỗ trợ; hãy gửi JSON mã hóa UTF-8.',
        ),
      );
    default:
      return null;
  }
}
