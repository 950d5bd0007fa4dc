import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { apiError } from './api-error';

interface FieldProblem {
  field: string;
  message: string;
  messageVi: string;
}

// class-validator names each failed constraint; these say the same to a Vietnamese clerk.
const VI: Record<string, string> = {
  whitelistValidation: 'trường này không được phép gửi',
  isString: 'phải là chuỗi ký tự',
  isNotEmpty: 'không được để trống',
  isBoolean: 'phải là true hoặc false',
  isInt: 'phải là số nguyên',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  isArray: 'phải là danh sách',
  arrayNotEmpty: 'danh sách không được rỗng',
  arrayMinSize: 'danh sách có quá ít phần tử',
  arrayMaxSize: 'danh sách có quá nhiều phần tử',
  arrayUnique: 'danh sách có phần tử trùng nhau',
  isIn: 'không thuộc các giá trị cho phép',
  isEnum: 'không thuộc các giá trị cho phép',
  maxLength: 'quá dài',
  minLength: 'quá ngắn',
  isUUID: 'phải là mã UUID',
  isCalendarDate: 'phải là ngày hợp lệ dạng YYYY-MM-DD',
  isDefined: 'bắt buộc phải có',
  nestedValidation: 'không đúng cấu trúc',
  isObject: 'phải là đối tượng',
  matches: 'không đúng định dạng',
};

function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message,
      messageVi: `${field}: ${VI[constraint] ?? 'không hợp lệ'}`,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Validation at the edge: unknown fields are refused, and every bad field is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new BadRequestException(
        apiError(
          'validation_failed',
          `Invalid request: ${fields.map((f) => f.message).join('; ')}`,
          `Dữ liệu không hợp lệ: ${fields.map((f) => f.messageVi).join('; ')}`,
          { fields },
        ),
      );
    },
  });
}
