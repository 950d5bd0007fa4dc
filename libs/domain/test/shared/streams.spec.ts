import { STREAMS, streamCategoryOf } from '../../src/streams';

describe('stream names', () => {
  it('builds and reads back the stream of every category', () => {
    for (const [key, category] of Object.entries(STREAMS)) {
      const streamId = category.of('a-b-1');
      expect(streamCategoryOf(streamId)).toBe(key);
      expect(category.idOf(streamId)).toBe('a-b-1');
    }
  });

  it('keeps the spellings the log already holds', () => {
    expect(STREAMS.task.of('t1')).toBe('task-t1');
    expect(STREAMS.directive.of('d1')).toBe('directive-d1');
    expect(STREAMS.directiveKey.of('ubnd|2024|24|CTr-UBND')).toBe(
      'directive-key-ubnd|2024|24|CTr-UBND',
    );
    expect(STREAMS.agency.of('STTTT')).toBe('agency-STTTT');
    expect(STREAMS.user.of('u1')).toBe('user-u1');
    expect(STREAMS.username.of('theodoi')).toBe('username-theodoi');
    expect(STREAMS.auditorReads.of('u1')).toBe('auditor-reads-u1');
    expect(STREAMS.reportClaim.of('monthly-2024-M01')).toBe('report-schedule-monthly-2024-M01');
    expect(STREAMS.reportScheduleStart.of('monthly')).toBe('report-schedule-start-monthly');
  });

  it('never reads a longer category as a shorter one', () => {
    expect(STREAMS.directive.idOf('directive-key-x')).toBeNull();
    expect(STREAMS.directiveKey.idOf('directive-key-x')).toBe('x');
    expect(STREAMS.user.idOf('username-x')).toBeNull();
    expect(STREAMS.reportClaim.idOf('report-schedule-start-x')).toBeNull();
  });

  it('reads nothing from a stream no Chidao code writes', () => {
    expect(streamCategoryOf('note-1')).toBeNull();
    expect(streamCategoryOf('task-')).toBeNull();
    expect(STREAMS.task.idOf('tasks-1')).toBeNull();
  });
});
