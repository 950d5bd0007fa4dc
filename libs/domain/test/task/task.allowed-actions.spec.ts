import { allowedTaskCommands } from '../../src/task/task-allowed-actions';
import type { AgencyRegister } from '../../src/access/task-command-access';
import type { Actor, Role } from '../../src/shared/actor';
import type { CalendarDate } from '../../src/shared/calendar-date';
import {
  assignedTask,
  awaitingTask,
  completedTask,
  onHoldTask,
  receivedTask,
  withPendingExtension,
} from './task.fixtures';

// UBND-TINH above everything; the fixture's task goes to STTTT with SKHDT and STC supporting.
const register: AgencyRegister = {
  get: () => ({ active: true }),
  isSameOrBelow: (code, ancestor) => code === ancestor || ancestor === 'UBND-TINH',
};
const as = (roles: Role[], agency: string): Actor => ({ userId: 'u', roles, agency });
const day = (d: string) => d as CalendarDate;

const leader = as(['leader'], 'UBND-TINH');
const tracker = as(['tracker'], 'UBND-TINH');
const leadStaff = as(['staff'], 'STTTT');
const supportStaff = as(['staff'], 'STC');
const auditor = as(['auditor'], 'UBND-TINH');

describe('allowedTaskCommands: what the task page offers', () => {
  it('offers the lead agency receive or refuse on a new task, nothing else', () => {
    expect(allowedTaskCommands(leadStaff, assignedTask(), register, day('2024-01-20'))).toEqual([
      'ReceiveTask',
      'RefuseTask',
    ]);
  });

  it('offers the lead agency its work once received; a supporter only its progress', () => {
    const task = receivedTask();
    expect(allowedTaskCommands(leadStaff, task, register, day('2024-02-01'))).toEqual([
      'RefuseTask',
      'ReportTaskProgress',
      'RequestDeadlineChange',
      'ReportCompletion',
    ]);
    expect(allowedTaskCommands(supportStaff, task, register, day('2024-02-01'))).toEqual([
      'ReportTaskProgress',
    ]);
  });

  it('does not offer a second extension request while one is pending', () => {
    const offered = allowedTaskCommands(
      leadStaff,
      withPendingExtension(),
      register,
      day('2024-03-02'),
    );
    expect(offered).not.toContain('RequestDeadlineChange');
  });

  it('does not offer an extension request once the deadline has passed', () => {
    const offered = allowedTaskCommands(leadStaff, receivedTask(), register, day('2024-04-01'));
    expect(offered).not.toContain('RequestDeadlineChange');
  });

  it('offers leaders reassign, urge, hold, cancel and the pending request; resume on hold', () => {
    expect(
      allowedTaskCommands(leader, withPendingExtension(), register, day('2024-03-02')),
    ).toEqual([
      'ApproveDeadlineChange',
      'RejectDeadlineChange',
      'UrgeTask',
      'PutTaskOnHold',
      'CancelTask',
    ]);
    expect(allowedTaskCommands(leader, receivedTask(), register, day('2024-02-01'))).toEqual([
      'ReassignTask',
      'UrgeTask',
      'PutTaskOnHold',
      'CancelTask',
    ]);
    expect(allowedTaskCommands(leader, onHoldTask(), register, day('2024-02-11'))).toEqual([
      'ReassignTask',
      'UrgeTask',
      'ResumeTask',
      'CancelTask',
    ]);
  });

  it('offers the tracking office confirm and return on a reported completion, and urging', () => {
    expect(allowedTaskCommands(tracker, awaitingTask(), register, day('2024-03-21'))).toEqual([
      'ConfirmCompletion',
      'ReturnCompletion',
      'UrgeTask',
      'CancelTask',
    ]);
  });

  it('offers nothing on a completed task, and nothing to an auditor', () => {
    expect(allowedTaskCommands(tracker, completedTask(), register, day('2024-04-01'))).toEqual([]);
    expect(allowedTaskCommands(auditor, receivedTask(), register, day('2024-02-01'))).toEqual([]);
  });
});
