import {
  DomainError,
  isDomainError,
  parseAgencyCode,
  parseCalendarDate,
  vietnamDateOf,
} from '@chidao/domain';
import type { StoredEvent } from '@chidao/event-store';
import { concernsAgency } from './event-agencies';

/**
 * Which date of an event a period bounds: its business date (`occurredOn`, what the user said
 * happened when) or the Vietnam day it was typed in (`recordedAt`). A back-dated entry falls in
 * different periods under the two.
 */
export type ReplayDateBasis = 'occurred' | 'recorded';
export const REPLAY_DATE_BASES: readonly ReplayDateBasis[] = ['occurred', 'recorded'];

/** What a caller asks for, as typed (query string, command line). */
export interface EventFilterInput {
  /** First day, YYYY-MM-DD, inclusive. */
  readonly from?: string;
  /** Last day, YYYY-MM-DD, inclusive. */
  readonly to?: string;
  /** Default `occurred`. */
  readonly by?: string;
  /** Agency code: the actor's agency, or an agency the event names (see agenciesOf). */
  readonly agency?: string;
  /** User id of the actor (metadata.actor). */
  readonly actor?: string;
  /** Event types, any of. */
  readonly type?: readonly string[];
  /** A stream id, or a prefix when it ends with `*` (`task-*`). */
  readonly stream?: string;
}

/** The validated criteria; null means "any". */
export interface EventFilter {
  readonly from: string | null;
  readonly to: string | null;
  readonly by: ReplayDateBasis;
  readonly agency: string | null;
  readonly actor: string | null;
  readonly types: readonly string[] | null;
  readonly stream: { readonly id: string; readonly prefix: boolean } | null;
}

const MAX_TYPES = 50;

/** Checks and normalises the input; a DomainError names the first bad criterion. */
export function parseEventFilter(input: EventFilterInput): EventFilter | DomainError {
  const by = input.by ?? 'occurred';
  if (!(REPLAY_DATE_BASES as readonly string[]).includes(by)) {
    return new DomainError(
      'invalid_input',
      'invalid_date_basis',
      `by must be "occurred" (business date) or "recorded" (date entered), not "${by}"`,
      `Tham số by phải là "occurred" (ngày nghiệp vụ) hoặc "recorded" (ngày nhập liệu), không phải "${by}"`,
      { by },
    );
  }
  const from = optionalDate(input.from);
  if (isDomainError(from)) return from;
  const to = optionalDate(input.to);
  if (isDomainError(to)) return to;
  if (from !== null && to !== null && from > to) {
    return new DomainError(
      'invalid_input',
      'invalid_period',
      `The period starts (${from}) after it ends (${to})`,
      `Khoảng thời gian không hợp lệ: ngày bắt đầu (${from}) sau ngày kết thúc (${to})`,
      { from, to },
    );
  }
  let agency: string | null = null;
  if (input.agency !== undefined && input.agency !== '') {
    const code = parseAgencyCode(input.agency);
    if (isDomainError(code)) return code;
    agency = code;
  }
  const actor = input.actor === undefined || input.actor === '' ? null : input.actor;
  const types = input.type?.map((type) => type.trim()).filter((type) => type !== '') ?? [];
  if (types.length > MAX_TYPES) {
    return new DomainError(
      'invalid_input',
      'invalid_event_types',
      `At most ${MAX_TYPES} event types may be asked for at once`,
      `Chỉ được lọc tối đa ${MAX_TYPES} loại sự kiện một lần`,
      { count: types.length },
    );
  }
  const stream = parseStream(input.stream);
  if (isDomainError(stream)) return stream;
  return {
    from,
    to,
    by: by as ReplayDateBasis,
    agency,
    actor,
    types: types.length > 0 ? [...new Set(types)] : null,
    stream,
  };
}

/** Whether the event meets every criterion. Pure; cheap checks first. */
export function matchesEventFilter(filter: EventFilter, event: StoredEvent): boolean {
  if (filter.types !== null && !filter.types.includes(event.type)) return false;
  if (filter.actor !== null && event.metadata?.actor !== filter.actor) return false;
  if (filter.stream !== null) {
    const { id, prefix } = filter.stream;
    if (prefix ? !event.streamId.startsWith(id) : event.streamId !== id) return false;
  }
  if (filter.from !== null || filter.to !== null) {
    const day = filter.by === 'occurred' ? event.occurredOn : vietnamDateOf(event.recordedAt);
    if (filter.from !== null && day < filter.from) return false;
    if (filter.to !== null && day > filter.to) return false;
  }
  if (filter.agency !== null && !concernsAgency(event, filter.agency)) return false;
  return true;
}

function optionalDate(value: string | undefined): string | null | DomainError {
  if (value === undefined || value === '') return null;
  return parseCalendarDate(value);
}

function parseStream(value: string | undefined): EventFilter['stream'] | DomainError {
  if (value === undefined || value === '') return null;
  const prefix = value.endsWith('*');
  const id = prefix ? value.slice(0, -1) : value;
  if (id.includes('*')) {
    return new DomainError(
      'invalid_input',
      'invalid_stream_pattern',
      `stream must be a stream id, or a prefix followed by one "*" at the end (task-*), not "${value}"`,
      `Tham số stream phải là mã luồng sự kiện, hoặc phần đầu của mã kèm một dấu "*" ở cuối (ví dụ task-*), không phải "${value}"`,
      { stream: value },
    );
  }
  return { id, prefix };
}
