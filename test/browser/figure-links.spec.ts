/**
 * The web app's own small rules behind the tiles and the period pickers (issue 17, part B): a
 * tile's link carries the task list's contract parameters, the pickers build the API's period
 * ids, and a period id is listed in words.
 */
import { taskListLink, TILE_CLASSES } from '../../apps/web/src/components/stats-links';
import {
  periodIdOf,
  periodWords,
  type PeriodPick,
} from '../../apps/web/src/screens/reports/period-words';

describe('tile links', () => {
  it('open the list with the class, the period, the cut-off and the scope', () => {
    const scope = { from: '2024-01-01', to: '2024-06-30', at: '2024-06-30', agency: 'STTTT' };
    expect(taskListLink(scope, TILE_CLASSES.notDoneOverdue)).toBe(
      '/tasks?class=not_done_overdue&from=2024-01-01&to=2024-06-30&at=2024-06-30&agency=STTTT',
    );
    const link = new URL(
      taskListLink({ ...scope, units: true, directive: 'd-1' }, TILE_CLASSES.noDeadline),
      'http://x',
    );
    expect(Object.fromEntries(link.searchParams)).toEqual({
      class: 'done_no_deadline,not_done_no_deadline',
      from: '2024-01-01',
      to: '2024-06-30',
      at: '2024-06-30',
      agency: 'STTTT',
      units: '1',
      directive: 'd-1',
    });
  });

  it('count every class for the total, so the list holds every task the total counts', () => {
    expect([...TILE_CLASSES.total].sort()).toEqual(
      [
        ...TILE_CLASSES.doneOnTime,
        ...TILE_CLASSES.doneLate,
        ...TILE_CLASSES.notDoneWithin,
        ...TILE_CLASSES.notDoneOverdue,
        ...TILE_CLASSES.noDeadline,
      ].sort(),
    );
  });
});

describe('period pickers', () => {
  const pick = (change: Partial<PeriodPick>): PeriodPick => ({
    kind: 'quarter',
    year: 2024,
    month: 5,
    quarter: 2,
    from: '2024-03-01',
    to: '2024-03-31',
    asOf: '2024-05-27',
    ...change,
  });

  it('build the period ids the API takes', () => {
    expect(
      (
        [
          'month',
          'quarter',
          'first_half',
          'second_half',
          'nine_months',
          'year',
          'range',
          'as_of',
        ] as const
      ).map((kind) => periodIdOf(pick({ kind }))),
    ).toEqual([
      '2024-M05',
      '2024-Q2',
      '2024-H1',
      '2024-H2',
      '2024-9M',
      '2024',
      '2024-03-01..2024-03-31',
      '..2024-05-27',
    ]);
  });

  it('list a period in words, never by its id', () => {
    expect(
      ['2024-M05', '2024-Q2', '2024-H1', '2024-H2', '2024-9M', '2024'].map(periodWords),
    ).toEqual([
      'Tháng 05/2024',
      'Quý II/2024',
      '6 tháng đầu năm 2024',
      '6 tháng cuối năm 2024',
      '9 tháng năm 2024',
      'Năm 2024',
    ]);
    expect(periodWords('2024-07-01..2024-07-20')).toBe('Từ 01/07/2024 đến 20/07/2024');
    expect(periodWords('..2024-05-27')).toBe('Tính đến ngày 27/05/2024');
  });
});
