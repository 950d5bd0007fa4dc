import {
  evolveAgency,
  initialAgencyState,
  isSameOrBelowVia,
  type AgencyEvent,
  type AgencyScope,
  type AgencyState,
} from '@chidao/domain';

/** The agency register folded with the domain's `evolveAgency`; answers hierarchy questions. */
export class AgencyDirectory implements AgencyScope {
  private readonly byCode = new Map<string, AgencyState>();

  apply(event: AgencyEvent): void {
    const { code } = event.data;
    this.byCode.set(code, evolveAgency(this.byCode.get(code) ?? initialAgencyState, event));
  }

  get(code: string): AgencyState | undefined {
    return this.byCode.get(code);
  }

  list(): AgencyState[] {
    return [...this.byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /**
   * The names offices' lists use for active agencies (alias as mapped → code), for the import's
   * matcher; an inactive agency's are kept in its state but take no new work.
   */
  aliases(): ReadonlyMap<string, string> {
    return new Map(
      this.list()
        .filter((agency) => agency.active)
        .flatMap((agency) => agency.aliases.map(({ alias }) => [alias, agency.code] as const)),
    );
  }

  /** The agency and every unit below it, at any depth. */
  sameOrBelow(code: string): string[] {
    return [...this.byCode.keys()]
      .filter((candidate) => this.isSameOrBelow(candidate, code))
      .sort();
  }

  /** The agency and every body above it, nearest first. */
  sameOrAbove(code: string): string[] {
    return [...this.byCode.keys()]
      .filter((candidate) => this.isSameOrBelow(code, candidate))
      .sort();
  }

  isSameOrBelow(code: string, ancestor: string): boolean {
    return isSameOrBelowVia((c) => this.byCode.get(c)?.parent, code, ancestor);
  }
}
