import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { BadRequestException } from '@nestjs/common';
import { apiError } from './api-error';

/** `If-Match: 3` or `If-Match: "3"`: the stream version the client saw. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '' || header === '*') return undefined;
  const value = header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  if (!/^\d{1,9}$/.test(value)) {
    throw new BadRequestException(
      apiError(
        'invalid_if_match',
        'If-Match must be the version number returned with the record.',
        'Tiêu đề If-Match phải là số phiên bản đã nhận được cùng dữ liệu.',
      ),
    );
  }
  return Number(value);
}

/** Injects the parsed `If-Match` version (undefined when absent). */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext) =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().header('if-match')),
);
