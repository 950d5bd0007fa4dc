import { isCalendarDate } from '@chidao/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A real calendar day written `YYYY-MM-DD` (rejects 2024-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}
