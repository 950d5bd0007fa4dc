import { isDomainError, type DomainError } from '@chidao/domain';
import { decodeEvent, type RecordedEvent } from '@chidao/event-store';
import { appendReplayFixture, ManualClock } from '../../src/testing';
import {
  matchesEventFilter,
  parseEventFilter,
  type EventFilter,
  type EventFilterInput,
} from '../../src/replay/event-filter';
import { readWhole, TempLogs } from '../integrity/support';

const filter = (input: EventFilterInput): EventFilter => {
  const parsed = parseEventFilter(input);
  if (isDomainError(parsed)) throw new Error(parsed.message);
  return parsed;
};

const refusal = (input: EventFilterInput): DomainError => {
  const parsed = parseEventFilter(input);
  if (!isDomainError(parsed)) throw new Error(`accepted ${JSON.stringify(input)}`);
  return parsed;
};

describe('parseEventFilter: what an auditor may ask for', () => {
  it('refuses impossible dates, an unknown date basis, a reversed period, bad codes and patterns', () => {
    expect(refusal({ from: '2024-02-30' })).toMatchObject({ code: 'invalid_date' });
    expect(refusal({ to: '30/06/2024' })).toMatchObject({ code: 'invalid_date' });
    const basis = refusal({ by: 'created' });
    expect(basis.code).toBe('invalid_date_basis');
    expect(basis.messageVi).toContain('ngày nghiệp vụ');
    expect(refusal({ from: '2024-07-01', to: '2024-06-30' })).toMatchObject({
      code: 'invalid_period',
    });
    expect(refusal({ agency: 'Sở TT' })).toMatchObject({ code: 'invalid_agency_code' });
    expect(refusal({ stream: 'task-*-x' })).toMatchObject({ code: 'invalid_stream_pattern' });
    expect(refusal({ type: Array.from({ length: 51 }, (_, i) => `T${i}`) }).code).toBe(
      'invalid_event_types',
    );
  });

  it('normalises: business dates by default, agency codes in upper case, empty values ignored', () => {
    expect(
      parseEventFilter({ agency: 'stttt', type: ['TaskAssigned', ' ', 'TaskAssigned'], actor: '' }),
    ).toEqual({
      from: null,
      to: null,
      by: 'occurred',
      agency: 'STTTT',
      actor: null,
      types: ['TaskAssigned'],
      stream: null,
    });
  });
});

describe('matchesEventFilter over a real log', () => {
  const temp = new TempLogs();
  let events: RecordedEvent[];

  beforeAll(async () => {
    const clock = new ManualClock();
    const { events: store } = await temp.open(undefined, clock.now);
    await appendReplayFixture(store, clock);
    // As the export filters them: decoded to the current schema version.
    events = (await readWhole(store)).map(decodeEvent);
  });
  afterAll(() => temp.cleanup());

  const positions = (input: EventFilterInput): number[] => {
    const f = filter(input);
    return events.filter((event) => matchesEventFilter(f, event)).map((e) => e.position);
  };

  it('bounds the business date with by=occurred: a back-dated report falls in its business period', () => {
    expect(positions({ from: '2024-03-29', to: '2024-03-31' })).toEqual([1, 2, 3, 4]);
    expect(positions({ from: '2024-03-01', to: '2024-03-31', by: 'occurred' })).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(positions({ from: '2024-04-01', to: '2024-04-30' })).toEqual([6, 7]);
  });

  it('bounds the Vietnam day of recordedAt with by=recorded: 00:30 in Hà Nội is the next day', () => {
    expect(positions({ from: '2024-03-29', to: '2024-03-31', by: 'recorded' })).toEqual([1, 2, 3]);
    expect(positions({ from: '2024-04-01', to: '2024-04-30', by: 'recorded' })).toEqual([
      4, 5, 6, 7,
    ]);
    expect(positions({ from: '2024-04-01', to: '2024-04-01', by: 'recorded' })).toEqual([4]);
    expect(positions({ to: '2024-03-30', by: 'recorded' })).toEqual([1, 2]);
  });

  it('selects by agency: the actor’s agency or an agency the event names', () => {
    expect(positions({ agency: 'STC' })).toEqual([2, 4, 7]);
    expect(positions({ agency: 'SKHDT' })).toEqual([6, 7]);
    expect(positions({ agency: 'STTTT' })).toEqual([1, 2, 3, 5]);
    expect(positions({ agency: 'UBND-TINH' })).toEqual([1, 2, 6, 7]);
    expect(positions({ agency: 'SO-X' })).toEqual([]);
  });

  it('selects by actor, by any of several types, by stream id or prefix, and all together', () => {
    expect(positions({ actor: 'staff-1' })).toEqual([3, 5]);
    expect(positions({ type: ['TaskAssigned', 'TaskReassigned'] })).toEqual([2, 6, 7]);
    expect(positions({ stream: 'task-t1' })).toEqual([2, 3, 4, 5]);
    expect(positions({ stream: 'task-t' })).toEqual([]);
    expect(positions({ stream: 'task-*' })).toEqual([2, 3, 4, 5, 6, 7]);
    expect(positions({ stream: 'agency-*' })).toEqual([1]);
    expect(
      positions({
        from: '2024-03-01',
        to: '2024-03-31',
        agency: 'STTTT',
        actor: 'staff-1',
        stream: 'task-*',
      }),
    ).toEqual([3, 5]);
    expect(positions({})).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
