import { isSameOrBelowVia, type AgencyScope } from '@chidao/domain';

export interface AgencyEntry {
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
  readonly kind: string | null;
  readonly active: boolean;
}

/** The agency register folded from Agency* events; answers hierarchy questions for permissions. */
export class AgencyDirectory implements AgencyScope {
  private readonly byCode = new Map<string, AgencyEntry>();

  apply(type: string, data: Record<string, unknown>): void {
    const code = data.code as string;
    const current = this.byCode.get(code);
    switch (type) {
      case 'AgencyRegistered':
        this.byCode.set(code, {
          code,
          name: data.name as string,
          parent: (data.parent as string | null) ?? null,
          kind: (data.kind as string | undefined) ?? null,
          active: true,
        });
        return;
      case 'AgencyRenamed':
        if (current) this.byCode.set(code, { ...current, name: data.name as string });
        return;
      case 'AgencyMoved':
        if (current)
          this.byCode.set(code, { ...current, parent: (data.parent as string | null) ?? null });
        return;
      case 'AgencyDeactivated':
        if (current) this.byCode.set(code, { ...current, active: false });
        return;
      case 'AgencyReactivated':
        if (current) this.byCode.set(code, { ...current, active: true });
        return;
    }
  }

  get(code: string): AgencyEntry | undefined {
    return this.byCode.get(code);
  }

  list(): AgencyEntry[] {
    return [...this.byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  isSameOrBelow(code: string, ancestor: string): boolean {
    return isSameOrBelowVia((c) => this.byCode.get(c)?.parent, code, ancestor);
  }
}
