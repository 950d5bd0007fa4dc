import { DomainError, ERROR_KINDS, directiveErrors, taskErrors } from '@chidao/domain';
import { HTTP_STATUS_OF_KIND, statusOfDomainError } from '../src/common/domain.exception';

const error = (kind: DomainError['kind'], code: string) => new DomainError(kind, code, 'en', 'vi');

describe('HTTP status of a domain refusal', () => {
  it('is decided by the kind alone, one status per kind', () => {
    expect(HTTP_STATUS_OF_KIND).toEqual({
      invalid_input: 400,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      rule_refused: 422,
    });
    expect(Object.keys(HTTP_STATUS_OF_KIND).sort()).toEqual([...ERROR_KINDS].sort());
  });

  it('does not change when a code is renamed', () => {
    // Codes that once implied a status by their suffix now say nothing about it.
    expect(statusOfDomainError(error('conflict', 'task_not_found'))).toBe(409);
    expect(statusOfDomainError(error('rule_refused', 'invalid_field'))).toBe(422);
    expect(statusOfDomainError(error('not_found', 'anything'))).toBe(404);
    expect(statusOfDomainError(error('invalid_input', 'x_taken'))).toBe(400);
  });

  it('answers the domain’s refusals with the status clients rely on', () => {
    expect(statusOfDomainError(taskErrors.taskNotFound())).toBe(404);
    expect(statusOfDomainError(taskErrors.invalidField('title', 'x', 'y'))).toBe(400);
    expect(statusOfDomainError(taskErrors.requestIdTaken('r-1'))).toBe(409);
    expect(statusOfDomainError(taskErrors.taskOnHold())).toBe(422);
    expect(statusOfDomainError(directiveErrors.alreadyRegistered('24/CTr-UBND'))).toBe(409);
  });
});
