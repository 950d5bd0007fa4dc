/**
 * Late data entry: work entered long after the business date it carries. The gap between the
 * two times is what makes "as of D" and "as of D known at K" differ, so auditors report it per
 * agency and period: an agency that enters its completions weeks late makes every report taken
 * in between wrong.
 *
 * Choices:
 * - Only task and directive streams count: they hold the work agencies report and the tracking
 *   office decides. Agency and user streams are the administrator's register, not reported work,
 *   and `directive-key-*` streams only duplicate a directive's registration.
 * - An entry belongs to the agency of whoever entered it (metadata.agency), not to the task's
 *   lead: a tracking office confirming late is the office's lateness. Automatic entries
 *   (`system:*` actors) and people without an agency (administrators) are counted apart.
 * - lag = calendar days from occurredOn to the Vietnam day of recordedAt (same day = 0); an
 *   entry is late when lag > thresholdDays. Calendar days, not working days: they need no
 *   holiday list and read the same in every province.
 * - History brought in from an office's list (metadata.imported) is counted apart: it is dated
 *   as the list dates it and entered on the import's day, so it is late by nature and says
 *   nothing of how promptly anyone enters their work.
 * Memory: counters per agency and event type, and lists capped at listLimit: one pass, streamed.
 */
import {
  daysBetween,
  formatCount,
  formatPercentCut,
  isCalendarDate,
  streamCategoryOf,
  STREAMS,
  vietnamDateOf,
  type CalendarDate,
  type Rate,
} from '@chidao/domain';
import { readDomainEvents, type EventStore, type RecordedEvent } from '@chidao/event-store';

export const DEFAULT_LATE_THRESHOLD_DAYS = 7;
const DEFAULT_LATE_LIST_LIMIT = 100;

const SYSTEM_ACTOR_PREFIX = 'system:';

interface LateEntriesQuery {
  /** Entries dated (occurredOn) in [from, to], inclusive, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  /** Late when entered more than this many calendar days after the business date. */
  readonly thresholdDays: number;
  /** Only entries made by these agencies; everyone (and the system) when absent. */
  readonly agencies?: readonly string[];
  /** Late entries listed per group (default 100); the counters still count them all. */
  readonly listLimit?: number;
  readonly batchSize?: number;
}

interface LateEntry {
  readonly position: number;
  readonly streamId: string;
  readonly taskId: string | null;
  readonly directiveId: string | null;
  readonly type: string;
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly lagDays: number;
  readonly actor: string;
  readonly agency: string | null;
}

interface TypeCounts {
  readonly entries: number;
  readonly lateEntries: number;
}

export interface LateEntryCounts {
  readonly entries: number;
  readonly lateEntries: number;
  /** lateEntries / entries, printed as Vietnamese reports print rates (12,5%). */
  readonly share: Rate;
  /** The largest lag of any entry; null without entries. */
  readonly maxLagDays: number | null;
  /** Mean lag of the late entries, to two decimals; null when none was late. */
  readonly meanLateLagDays: number | null;
  /** Per event type, sorted by type. */
  readonly byType: Readonly<Record<string, TypeCounts>>;
  /** The first late entries in log order. */
  readonly late: {
    readonly entries: readonly LateEntry[];
    readonly truncated: boolean;
  };
  readonly summaryVi: string;
}

export interface AgencyLateEntries extends LateEntryCounts {
  readonly agency: string;
}

export interface LateEntriesReport {
  readonly from: string;
  readonly to: string;
  readonly thresholdDays: number;
  /** The log was read up to this position. */
  readonly position: number;
  readonly totals: LateEntryCounts;
  /** Sorted by agency code. */
  readonly agencies: readonly AgencyLateEntries[];
  /** Entries by `system:*` actors (empty when agencies were chosen). */
  readonly system: LateEntryCounts;
  /** Entries by people with no agency, e.g. administrators (empty when agencies were chosen). */
  readonly withoutAgency: LateEntryCounts;
  /** History imported from an office's list: in none of the groups above. */
  readonly imported: LateEntryCounts;
}

export async function lateEntries(
  eventStore: EventStore,
  query: LateEntriesQuery,
): Promise<LateEntriesReport> {
  const { from, to, thresholdDays } = query;
  if (!isCalendarDate(from) || !isCalendarDate(to)) {
    throw new TypeError(`from and to must be dates YYYY-MM-DD, got ${from}, ${to}`);
  }
  if (!Number.isInteger(thresholdDays) || thresholdDays < 0) {
    throw new TypeError(`thresholdDays must be an integer >= 0, got ${thresholdDays}`);
  }
  const limit = query.listLimit ?? DEFAULT_LATE_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new TypeError(`listLimit must be an integer >= 0, got ${limit}`);
  }
  const chosen = query.agencies ? new Set(query.agencies) : null;

  const totals = new Tally(limit);
  const byAgency = new Map<string, Tally>();
  const system = new Tally(limit);
  const withoutAgency = new Tally(limit);
  const imported = new Tally(limit);
  const upTo = await eventStore.headPosition();

  const batches = readDomainEvents(eventStore).readAll({
    upTo,
    batchSize: query.batchSize ?? 1000,
  });
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.occurredOn < from || event.occurredOn > to) continue;
      const kind = streamKindOf(event.streamId);
      if (kind === null) continue;
      const agency = event.metadata.agency ?? null;
      if (chosen !== null && (agency === null || !chosen.has(agency))) continue;

      const entry = lateEntryOf(event, kind);
      const late = entry.lagDays > thresholdDays;
      if (event.metadata.imported !== undefined) {
        imported.add(entry, late);
        continue;
      }
      totals.add(entry, late);
      if (agency !== null) {
        let tally = byAgency.get(agency);
        if (!tally) {
          tally = new Tally(limit);
          byAgency.set(agency, tally);
        }
        tally.add(entry, late);
      } else if (event.metadata.actor.startsWith(SYSTEM_ACTOR_PREFIX)) {
        system.add(entry, late);
      } else {
        withoutAgency.add(entry, late);
      }
    }
  }

  const whose = (who: string) => `${who}: `;
  return {
    from,
    to,
    thresholdDays,
    position: upTo,
    totals: totals.result('Tổng cộng: ', thresholdDays),
    agencies: [...byAgency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([agency, tally]) => ({
        agency,
        ...tally.result(whose(`Đơn vị ${agency}`), thresholdDays),
      })),
    system: system.result(whose('Hệ thống'), thresholdDays),
    withoutAgency: withoutAgency.result(whose('Người dùng không thuộc đơn vị'), thresholdDays),
    imported: imported.result(whose('Nhập từ danh sách'), thresholdDays),
  };
}

type StreamKind = 'task' | 'directive';

function streamKindOf(streamId: string): StreamKind | null {
  const category = streamCategoryOf(streamId);
  return category === 'task' || category === 'directive' ? category : null;
}

function lateEntryOf(event: RecordedEvent, kind: StreamKind): LateEntry {
  const id = STREAMS[kind].idOf(event.streamId);
  return {
    position: event.position,
    streamId: event.streamId,
    taskId: kind === 'task' ? id : null,
    directiveId: kind === 'directive' ? id : null,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    lagDays: daysBetween(event.occurredOn as CalendarDate, vietnamDateOf(event.recordedAt)),
    actor: event.metadata.actor,
    agency: event.metadata.agency ?? null,
  };
}

/** Counters and one capped list: what one group of the report keeps while the log streams by. */
class Tally {
  private entries = 0;
  private late = 0;
  private maxLag: number | null = null;
  private lateLagSum = 0;
  private readonly byType = new Map<string, { entries: number; lateEntries: number }>();
  private readonly listed: LateEntry[] = [];

  constructor(private readonly limit: number) {}

  add(entry: LateEntry, late: boolean): void {
    this.entries += 1;
    this.maxLag = this.maxLag === null ? entry.lagDays : Math.max(this.maxLag, entry.lagDays);
    let type = this.byType.get(entry.type);
    if (!type) {
      type = { entries: 0, lateEntries: 0 };
      this.byType.set(entry.type, type);
    }
    type.entries += 1;
    if (!late) return;
    this.late += 1;
    this.lateLagSum += entry.lagDays;
    type.lateEntries += 1;
    if (this.listed.length < this.limit) this.listed.push(entry);
  }

  result(label: string, thresholdDays: number): LateEntryCounts {
    const share = {
      numerator: this.late,
      denominator: this.entries,
      ...formatPercentCut(this.late, this.entries),
    };
    const byType: Record<string, TypeCounts> = {};
    for (const type of [...this.byType.keys()].sort()) byType[type] = { ...this.byType.get(type)! };
    return {
      entries: this.entries,
      lateEntries: this.late,
      share,
      maxLagDays: this.maxLag,
      meanLateLagDays:
        this.late === 0 ? null : Math.round((this.lateLagSum * 100) / this.late) / 100,
      byType,
      late: { entries: [...this.listed], truncated: this.late > this.listed.length },
      summaryVi:
        `${label}${formatCount(this.late)}/${formatCount(this.entries)} lượt nhập liệu ` +
        `chậm quá ${formatCount(thresholdDays)} ngày so với ngày nghiệp vụ (${share.display})` +
        (this.maxLag !== null && this.late > 0
          ? `, chậm nhất ${formatCount(this.maxLag)} ngày`
          : ''),
    };
  }
}
