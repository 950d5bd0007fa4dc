import type { ReadResource } from '@chidao/domain';

/** The first path segment after `/api/` that names a collection, and the kind of its items. */
const KINDS: Readonly<Record<string, ReadResource['kind']>> = {
  tasks: 'task',
  directives: 'directive',
  reports: 'report',
  users: 'user',
  agencies: 'agency',
};

/**
 * What a read was about, from the route that served it (`/api/tasks/:id/history`, the parameters
 * Express matched): the first collection followed by a parameter. Works on the route pattern, not
 * the raw path, so `/api/tasks/overdue` is a list and `/api/reports/:id.xlsx` is a report.
 * Null for lists, statistics and anything else without one subject.
 */
export function readResourceOf(
  routePath: string | undefined,
  params: Readonly<Record<string, unknown>>,
): ReadResource | null {
  if (routePath === undefined) return null;
  const segments = routePath.split('/').filter(Boolean);
  for (let i = 0; i + 1 < segments.length; i += 1) {
    const kind = KINDS[segments[i]];
    const param = /^:(\w+)/.exec(segments[i + 1])?.[1];
    if (kind === undefined || param === undefined) continue;
    const id = params[param];
    return typeof id === 'string' && id !== '' ? { kind, id } : null;
  }
  return null;
}
