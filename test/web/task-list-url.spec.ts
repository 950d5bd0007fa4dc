import { apiQueryOf, filtersOf, paramsOf } from '../../apps/web/src/screens/tasks/task-list-url';

/** The task list's URL (docs/web.md): what a bookmark holds comes back the same. */
describe('task list URL', () => {
  it('reads the contract parameters and writes them back unchanged', () => {
    const url =
      'view=overdue&agency=STC&units=1&directive=d1&leader=Ph%C3%B3+Ch%E1%BB%A7+t%E1%BB%8Bch&key=1&q=chuy%E1%BB%83n+%C4%91%E1%BB%95i&from=2024-01-01&to=2024-06-30&at=2024-06-30&class=done_late%2Cnot_done_overdue&deadlineFrom=2024-02-01&deadlineTo=2024-03-01&status=in_progress&sort=title&dir=desc&page=3&size=50';
    const filters = filtersOf(new URLSearchParams(url));
    expect(filters).toMatchObject({
      view: 'overdue',
      agency: 'STC',
      units: true,
      leader: 'Phó Chủ tịch',
      classes: ['done_late', 'not_done_overdue'],
      page: 3,
      size: 50,
    });
    expect(new URLSearchParams(paramsOf(filters)).toString()).toBe(url);
  });

  it('ignores what is not a filter instead of failing on it', () => {
    const filters = filtersOf(
      new URLSearchParams('view=x&class=done,not_done_overdue&from=30/06/2024&size=7&page=-2'),
    );
    expect(paramsOf(filters)).toEqual({ class: 'not_done_overdue' });
  });

  it('turns each view into the API query behind it', () => {
    const query = (search: string) =>
      apiQueryOf(filtersOf(new URLSearchParams(search)), '2024-06-28', 'STTTT');
    expect(query('view=overdue')).toMatchObject({
      class: 'not_done_overdue',
      sort: 'daysOverdue',
      dir: 'desc',
    });
    expect(query('view=due-soon')).toMatchObject({
      deadlineFrom: '2024-06-28',
      deadlineTo: '2024-07-05',
      sort: 'deadline',
      dir: 'asc',
    });
    expect(query('view=awaiting')).toMatchObject({ awaiting: true });
    expect(query('view=agency')).toMatchObject({ agency: 'STTTT' });
    expect(query('')).toMatchObject({ sort: 'assignedOn', dir: 'desc', page: 1, size: 25 });
    // Half a period is no period: the API would refuse it.
    expect(query('from=2024-01-01')).toMatchObject({ from: undefined, to: undefined });
    expect(query('agency=STC&units=1')).toMatchObject({ agency: 'STC', includeUnits: true });
  });
});
