import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isConcurrencyError } from '@chidao/event-store';
import { TaskQueryError } from '@chidao/projections';
import type { Response } from 'express';
import { apiError, type ApiError } from './api-error';
import { DomainException, statusOfDomainError } from './domain.exception';
import { PreconditionFailedException } from './precondition-failed.exception';

const GENERIC_VI: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ.',
  401: 'Cần đăng nhập để tiếp tục.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy địa chỉ hoặc dữ liệu yêu cầu.',
  405: 'Phương thức không được hỗ trợ.',
  409: 'Dữ liệu đã bị thay đổi hoặc đã tồn tại.',
  412: 'Dữ liệu đã được người khác cập nhật; hãy tải lại rồi thử lại.',
  413: 'Dữ liệu gửi lên quá lớn.',
  415: 'Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON.',
  422: 'Yêu cầu không phù hợp với trạng thái hiện tại.',
  429: 'Quá nhiều yêu cầu; hãy thử lại sau.',
};

/** Turns every failure into `{ code, message, messageVi, details? }` with the right status. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = answerOf(exception);
    if (status >= 500) {
      // An object, so the JSON log keeps the error's type, message and stack as fields.
      this.logger.error({ err: exception, msg: `Unexpected error answered with ${status}` });
    }
    response.status(status).json(body);
  }
}

/** The status and body answering `exception`; also how command metrics tell refusals apart. */
export function answerOf(exception: unknown): [number, ApiError] {
  if (exception instanceof DomainException) {
    const { code, message, messageVi, details } = exception.error;
    return [statusOfDomainError(exception.error), apiError(code, message, messageVi, details)];
  }
  if (exception instanceof PreconditionFailedException) {
    return [412, exception.body];
  }
  if (exception instanceof TaskQueryError) {
    return [
      400,
      apiError(
        exception.code,
        exception.message,
        exception.code === 'invalid_cursor'
          ? 'Con trỏ phân trang không hợp lệ; hãy tải lại danh sách từ đầu.'
          : 'Điều kiện lọc không hợp lệ.',
      ),
    ];
  }
  if (isConcurrencyError(exception)) {
    return [
      409,
      apiError(
        'concurrency_conflict',
        'Someone else changed this record at the same time; reload it and try again.',
        'Dữ liệu vừa được người khác cập nhật cùng lúc; hãy tải lại rồi thử lại.',
        { stream: exception.streamId, currentVersion: exception.actual },
      ),
    ];
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    if (
      typeof payload === 'object' &&
      payload !== null &&
      'code' in payload &&
      'messageVi' in payload
    ) {
      return [status, payload as ApiError];
    }
    const message = typeof payload === 'string' ? payload : messageOf(payload, exception.message);
    return [
      status,
      apiError(codeOfStatus(status), message, GENERIC_VI[status] ?? 'Yêu cầu không thành công.'),
    ];
  }
  return [
    500,
    apiError(
      'internal_error',
      'Internal error; it has been logged.',
      'Lỗi hệ thống; lỗi đã được ghi nhận.',
    ),
  ];
}

function codeOfStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable',
    429: 'too_many_requests',
  };
  return codes[status] ?? `http_${status}`;
}

/** Nest's own exceptions answer `{ message }`: a text, or a list of texts (joined by commas). */
function messageOf(payload: object, fallback: string): string {
  const message: unknown = (payload as { message?: unknown }).message ?? fallback;
  return Array.isArray(message) ? message.join(',') : String(message);
}
