/** The one JSON shape of every error answer. */
export interface ApiError {
  code: string;
  message: string;
  messageVi: string;
  details?: unknown;
}

export const apiError = (
  code: string,
  message: string,
  messageVi: string,
  details?: unknown,
): ApiError =>
  details === undefined ? { code, message, messageVi } : { code, message, messageVi, details };
