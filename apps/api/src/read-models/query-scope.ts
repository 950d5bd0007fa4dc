import { DomainError, forbidden, hasRole, type Actor } from '@chidao/domain';
import type { AgencyDirectory, TaskListFilter } from '@chidao/projections';

/**
 * Which tasks a reader may see, as filters for the read-model queries:
 * - `leadAgencies`: the task's lead agency must be one of these (leadership and tracking
 *   offices see their body and the agencies below it; a chosen agency narrows it);
 * - `ownAgency`: staff see the tasks their agency leads or supports, nothing else.
 * Auditors see everything. Undefined means no restriction.
 */
export interface QueryScope {
  readonly leadAgencies?: string[];
  readonly ownAgency?: string;
}

/** The scope as task lists take it: staff see what their agency leads or supports. */
export const taskListScope = (
  scope: QueryScope,
  role: TaskListFilter['role'] = 'any',
): Pick<TaskListFilter, 'agencies' | 'role' | 'leadAgencies'> =>
  scope.ownAgency !== undefined
    ? { agencies: [scope.ownAgency], role }
    : { leadAgencies: scope.leadAgencies };

/** The scope as statistics take it: figures count tasks by their lead agency only. */
export const statsLeadAgencies = (scope: QueryScope): string[] | undefined =>
  scope.ownAgency !== undefined ? [scope.ownAgency] : scope.leadAgencies;

export function queryScopeOf(
  actor: Actor,
  agencies: AgencyDirectory,
  requested: { agency?: string; includeUnits?: boolean },
): QueryScope | DomainError {
  const chosen = requested.agency;
  if (chosen !== undefined && !agencies.get(chosen)) {
    return new DomainError(
      'rule_refused',
      'agency_not_found',
      `Agency ${chosen} is not registered.`,
      `Cơ quan, đơn vị ${chosen} chưa có trong danh mục.`,
      { agency: chosen },
    );
  }
  const chosenSet =
    chosen === undefined
      ? undefined
      : requested.includeUnits
        ? agencies.sameOrBelow(chosen)
        : [chosen];
  if (hasRole(actor, 'auditor')) return { leadAgencies: chosenSet };
  const own = actor.agency;
  if (own !== null && (hasRole(actor, 'leader') || hasRole(actor, 'tracker'))) {
    if (chosen === undefined) return { leadAgencies: agencies.sameOrBelow(own) };
    if (agencies.isSameOrBelow(chosen, own)) return { leadAgencies: chosenSet };
  }
  if (own !== null && hasRole(actor, 'staff') && (chosen === undefined || chosen === own)) {
    return { ownAgency: own };
  }
  return forbidden(
    chosen === undefined
      ? 'Your role does not read tasks.'
      : `Agency ${chosen} is outside what you may read.`,
    chosen === undefined
      ? 'Vai trò của bạn không được xem nhiệm vụ.'
      : `Cơ quan, đơn vị ${chosen} không thuộc phạm vi bạn được xem.`,
    { agency: chosen },
  );
}
