import type { RequestContext } from '../common/request-context';
import type { ListReportsDto, TakeReportDto } from './reports.dto';

export class TakeReportCommand {
  constructor(
    readonly body: TakeReportDto,
    readonly ctx: RequestContext,
  ) {}
}

export class ListReportsQuery {
  constructor(
    readonly params: ListReportsDto,
    readonly ctx: RequestContext,
  ) {}
}

export class GetReportQuery {
  constructor(
    readonly id: string,
    readonly ctx: RequestContext,
  ) {}
}

export class VerifyReportQuery {
  constructor(
    readonly id: string,
    readonly ctx: RequestContext,
  ) {}
}
