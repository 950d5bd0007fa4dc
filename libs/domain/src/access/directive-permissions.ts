import { hasRole, type Actor } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { auditorsReadOnly, forbidden, isOnlyAuditor } from './access.errors';
import type { AgencyScope } from './agency-scope';

export type DirectiveAction = 'register' | 'correct' | 'revoke' | 'withdraw';

/**
 * Directives are entered by leadership or by the tracking office on its behalf; the body they
 * act for (the actor's agency) becomes the assigning agency. Corrections are made by that body
 * or a body above it, as leadership acts "for its body and the agencies below it".
 */
export function authorizeDirectiveAction(
  actor: Actor,
  action: DirectiveAction,
  scope: AgencyScope,
  directive?: { assigningAgency: string },
): DomainError | null {
  const assigner = (hasRole(actor, 'leader') || hasRole(actor, 'tracker')) && actor.agency !== null;
  if (assigner && (!directive || scope.isSameOrBelow(directive.assigningAgency, actor.agency))) {
    return null;
  }
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ action });
  return forbidden(
    'Only the leadership of the assigning body or its tracking office may enter or change directives.',
    'Chỉ lãnh đạo cơ quan ban hành hoặc văn phòng theo dõi được nhập, sửa văn bản chỉ đạo.',
    { action },
  );
}

/**
 * The registered agencies an issuer as written names, by name or by code, compared as a clerk
 * would (NFC, spaces collapsed, case ignored); [] for a body outside the register (the Prime
 * Minister, a ministry, the Party committee).
 */
export function issuingAgenciesOf(
  issuer: string,
  agencies: Iterable<{ readonly code: string; readonly name: string }>,
): string[] {
  const wanted = comparable(issuer);
  const named: string[] = [];
  for (const { code, name } of agencies) {
    if (comparable(name) === wanted || comparable(code) === wanted) named.push(code);
  }
  return named.sort();
}

const comparable = (text: string) =>
  text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * A body enters its own documents and those of the bodies below it: an issuer that names a
 * registered agency outside the actor's line is refused, or a department could take the
 * province's number first and have the province's own entry refused. Documents of bodies
 * outside the register are entered by whoever receives them.
 */
export function authorizeDirectiveIssuer(
  actor: Actor,
  issuer: string,
  issuingAgencies: readonly string[],
  scope: AgencyScope,
): DomainError | null {
  const own = actor.agency;
  const outside = issuingAgencies.find((code) => own === null || !scope.isSameOrBelow(code, own));
  if (outside === undefined) return null;
  return forbidden(
    `The issuing body ${issuer} (${outside}) is outside your agency's line: enter only documents of your body or of the bodies below it.`,
    `Cơ quan ban hành «${issuer}» không thuộc phạm vi cơ quan, đơn vị của bạn: chỉ được nhập văn bản do cơ quan, đơn vị mình hoặc cấp dưới ban hành.`,
    { action: 'register', field: 'issuer', agency: outside },
  );
}

/**
 * A directive registered in error is withdrawn by the leadership or tracking office of the body
 * that entered it, of the body its issuer names (whose number it took), or of a body above
 * either.
 */
export function authorizeDirectiveWithdrawal(
  actor: Actor,
  scope: AgencyScope,
  directive: { assigningAgency: string; issuingAgencies: readonly string[] },
): DomainError | null {
  const own = actor.agency;
  const overseer = (hasRole(actor, 'leader') || hasRole(actor, 'tracker')) && own !== null;
  const bodies = [directive.assigningAgency, ...directive.issuingAgencies];
  if (overseer && bodies.some((code) => scope.isSameOrBelow(code, own))) return null;
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ action: 'withdraw' });
  return forbidden(
    'Only the leadership or tracking office of the body that entered or issued the directive may withdraw it.',
    'Chỉ lãnh đạo hoặc văn phòng theo dõi của cơ quan đã nhập hoặc cơ quan ban hành văn bản (hay cấp trên) được rút văn bản chỉ đạo.',
    { action: 'withdraw' },
  );
}

/**
 * Who may read a directive: auditors; leadership and tracking offices of the body that issued
 * it, of bodies above it and of bodies below it (they receive its tasks); staff of the issuing
 * body and of the agencies below it. Another province's documents stay with that province.
 */
export function authorizeDirectiveRead(
  actor: Actor,
  scope: AgencyScope,
  directive: { assigningAgency: string },
): DomainError | null {
  if (hasRole(actor, 'auditor')) return null;
  const own = actor.agency;
  const issuer = directive.assigningAgency;
  if (own !== null) {
    const overseer = hasRole(actor, 'leader') || hasRole(actor, 'tracker');
    if (overseer && scope.isSameOrBelow(issuer, own)) return null;
    if ((overseer || hasRole(actor, 'staff')) && scope.isSameOrBelow(own, issuer)) return null;
  }
  return forbidden(
    'The directive was issued outside your agency’s line.',
    'Văn bản chỉ đạo không thuộc phạm vi cơ quan, đơn vị của bạn.',
    { action: 'read' },
  );
}
