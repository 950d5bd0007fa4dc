import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { forbidden, hasRole, type DirectiveState } from '@chidao/domain';
import { searchText, type Where } from '@chidao/projections';
import { DomainException } from '../common/domain.exception';
import type { RequestContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { ProjectionsService } from '../read-models/projections.service';
import type { DirectiveListQueryDto } from './directive-list.dto';

export class ListDirectivesQuery {
  constructor(
    readonly params: DirectiveListQueryDto,
    readonly ctx: RequestContext,
  ) {}
}

/** A province registers a few hundred directives a year: far more than any export holds. */
export const MAX_DIRECTIVE_EXPORT_ROWS = 20_000;

export interface DirectiveListPage {
  items: (DirectiveState & { id: string })[];
  nextCursor: string | null;
}

/** Newest issue first, keyset-paged on (issuedOn, id); each reader sees the directives of their line. */
@QueryHandler(ListDirectivesQuery)
export class ListDirectivesHandler implements IQueryHandler<
  ListDirectivesQuery,
  DirectiveListPage
> {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly directory: DirectoryService,
  ) {}

  async execute({ params, ctx }: ListDirectivesQuery): Promise<DirectiveListPage> {
    await this.projections.waitFor('directives', params.minPosition);
    const where = this.whereOf(params, ctx);
    if (where === null) return { items: [], nextCursor: null };
    if (params.cursor) where.sort_key = { lt: params.cursor };
    const limit = params.limit ?? 50;
    const rows = await this.projections.collection<DirectiveState>('directives').find({
      where,
      orderBy: [{ column: 'sort_key', direction: 'desc' }],
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({ ...row.doc, id: row.id })),
      nextCursor: rows.length > limit && last ? `${last.doc.issuedOn ?? ''}|${last.id}` : null,
    };
  }

  /**
   * Every directive of the list, for an export: the same filters and scope, newest first, at
   * most MAX_DIRECTIVE_EXPORT_ROWS (`truncated` says there were more).
   */
  async rows(
    params: DirectiveListQueryDto,
    ctx: RequestContext,
  ): Promise<{ items: (DirectiveState & { id: string })[]; truncated: boolean }> {
    await this.projections.waitFor('directives', params.minPosition);
    const where = this.whereOf(params, ctx);
    if (where === null) return { items: [], truncated: false };
    const rows = await this.projections.collection<DirectiveState>('directives').find({
      where,
      orderBy: [{ column: 'sort_key', direction: 'desc' }],
      limit: MAX_DIRECTIVE_EXPORT_ROWS + 1,
    });
    return {
      items: rows.slice(0, MAX_DIRECTIVE_EXPORT_ROWS).map((row) => ({ ...row.doc, id: row.id })),
      truncated: rows.length > MAX_DIRECTIVE_EXPORT_ROWS,
    };
  }

  /** The filters within the reader's scope; null: an issuer outside it, so nothing. */
  private whereOf(
    params: DirectiveListQueryDto,
    ctx: RequestContext,
  ): Record<string, Where[string]> | null {
    const issuers = this.visibleIssuers(ctx);
    const where: Record<string, Where[string]> = {};
    if (issuers) where.assigning_agency = { in: issuers };
    if (params.assigningAgency) {
      if (issuers && !issuers.includes(params.assigningAgency)) return null;
      where.assigning_agency = params.assigningAgency;
    }
    if (params.year) where.issued_on = { gte: `${params.year}-01-01`, lte: `${params.year}-12-31` };
    if (params.q) where.search = { like: `%${searchText(params.q).replace(/[%_\\]/g, '')}%` };
    return where;
  }

  /** undefined: no restriction (auditors). */
  private visibleIssuers({ actor }: RequestContext): string[] | undefined {
    if (hasRole(actor, 'auditor')) return undefined;
    const own = actor.agency;
    if (
      own === null ||
      !['leader', 'tracker', 'staff'].some((role) => hasRole(actor, role as 'staff'))
    ) {
      throw new DomainException(
        forbidden(
          'Your role does not read directives.',
          'Vai trò của bạn không được xem văn bản chỉ đạo.',
        ),
      );
    }
    const agencies = this.directory.agencies;
    const overseer = hasRole(actor, 'leader') || hasRole(actor, 'tracker');
    return [
      ...new Set([...agencies.sameOrAbove(own), ...(overseer ? agencies.sameOrBelow(own) : [])]),
    ];
  }
}
