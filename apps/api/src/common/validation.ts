import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { apiError } from './api-error';
import { fieldProblems } from './validation-messages';

/**
 * Validation at the edge: unknown fields are refused, and every bad field is listed once, with
 * a sentence naming its label (see validation-messages.ts).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The DTO each error was found in names the form (its labels, its declared ranges); the
    // answer never carries it.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const fields = fieldProblems(errors);
      return new BadRequestException(
        apiError(
          'validation_failed',
          `Please correct the form: ${fields.map((f) => f.message).join('; ')}.`,
          `Hãy sửa lại: ${fields.map((f) => f.messageVi).join('; ')}.`,
          { fields },
        ),
      );
    },
  });
}
