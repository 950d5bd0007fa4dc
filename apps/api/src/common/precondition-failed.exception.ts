import { apiError, type ApiError } from './api-error';

/** `If-Match` named a version the record is no longer at: 412, nothing written. */
export class PreconditionFailedException extends Error {
  readonly body: ApiError;

  constructor(streamId: string, expected: number, actual: number) {
    super(`Stream ${streamId} is at version ${actual}, If-Match was ${expected}`);
    this.body = apiError(
      'version_mismatch',
      `The record is at version ${actual}, not ${expected}: someone changed it; reload and try again.`,
      `Dữ liệu đang ở phiên bản ${actual}, không phải ${expected}: đã có người cập nhật; hãy tải lại rồi thử lại.`,
      { expectedVersion: expected, currentVersion: actual },
    );
  }
}
