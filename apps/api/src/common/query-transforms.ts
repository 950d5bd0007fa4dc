import { Transform } from 'class-transformer';

/** Query strings carry text: `?keyTask=true` becomes true, anything else but "false" stays invalid. */
export const ToBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );

/** `?status=assigned,in_progress` becomes a list. */
export const ToList = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  );

/** `?limit=20` becomes a number (left as is when not numeric, so validation names it). */
export const ToInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
  );
