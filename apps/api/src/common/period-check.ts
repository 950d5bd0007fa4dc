import { DomainError } from '@chidao/domain';
import { DomainException } from './domain.exception';

/** A period must not end before it starts: 400 invalid_period, in the clerk's words. */
export function assertPeriod(from: string, to: string): void {
  if (from <= to) return;
  throw new DomainException(
    new DomainError(
      'invalid_input',
      'invalid_period',
      `The period starts (${from}) after it ends (${to}).`,
      `Kỳ báo cáo có ngày bắt đầu (${from}) sau ngày kết thúc (${to}).`,
      { from, to },
    ),
  );
}
