import { DomainError } from '../../src/shared/domain-error';
import { TASK_ERROR_CODES, taskErrors } from '../../src/task';

/** Calls every factory with plausible arguments. */
const samples: DomainError[] = [
  taskErrors.unknownCommand('DeleteTask'),
  taskErrors.invalidField('leadAgency', 'required', 'bắt buộc phải nhập'),
  taskErrors.dateOutOfRange('deadline', '9999-12-31'),
  taskErrors.taskNotFound(),
  taskErrors.taskAlreadyAssigned('task-1'),
  taskErrors.taskClosed('cancelled', '2024-02-01'),
  taskErrors.taskClosed('withdrawn', null),
  taskErrors.taskAlreadyCompleted('2024-03-25'),
  taskErrors.dateBeforeAssignment('occurredOn', '2024-01-18', '2024-01-19'),
  taskErrors.deadlineBeforeAssignment('2024-01-18', '2024-01-19'),
  taskErrors.titleRequired(),
  taskErrors.titleTooLong(1001),
  taskErrors.supportAgencyDuplicate('STC'),
  taskErrors.supportAgencyIsLead('STTTT'),
  taskErrors.reasonRequired(),
  taskErrors.noteRequired(),
  taskErrors.taskAlreadyReceived('in_progress'),
  taskErrors.taskRefused(),
  taskErrors.taskNotReceived('assigned'),
  taskErrors.taskNotReceived('refused'),
  taskErrors.progressAlreadyReported(),
  taskErrors.sameLeadAgency('STTTT'),
  taskErrors.invalidProgress(101),
  taskErrors.agencyNotInvolved('SYT'),
  taskErrors.taskOnHold(),
  taskErrors.reminderAlreadyIssued('overdue', '2027-01-31#2'),
  taskErrors.taskNotOnHold('in_progress'),
  taskErrors.requestPending('r-1'),
  taskErrors.requestIdTaken('r-1'),
  taskErrors.deadlineAlreadyPassed('2024-03-31', '2024-04-01'),
  taskErrors.deadlineUnchanged('2024-03-31'),
  taskErrors.deadlineUnchanged(null),
  taskErrors.proposedDeadlineRequired(),
  taskErrors.extensionNotAfterDeadline('2024-03-30', '2024-03-31'),
  taskErrors.requestNotFound('r-9'),
  taskErrors.requestAlreadyDecided('r-1', 'rejected', '2024-03-05'),
  taskErrors.dateBeforeRequest('2024-02-28', '2024-03-01'),
  taskErrors.completionAlreadyReported(),
  taskErrors.resultDocumentRequired(),
  taskErrors.completionAfterReportDate('2024-03-21', '2024-03-20'),
  taskErrors.nothingToConfirm('in_progress'),
  taskErrors.nothingToReturn('in_progress'),
  taskErrors.dateBeforeCompletionReport('2024-03-19', '2024-03-20'),
];

describe('task errors', () => {
  it('covers every factory', () => {
    const called = new Set(samples.map((e) => e.code));
    expect(called.size).toBe(Object.keys(taskErrors).length);
  });

  it('lists exactly the codes decide can answer', () => {
    const codes = new Set([
      ...samples.map((e) => e.code),
      'invalid_date',
      'business_date_in_future',
      'invalid_document_reference',
    ]);
    expect([...codes].sort()).toEqual([...TASK_ERROR_CODES].sort());
  });

  it.each(samples.map((e) => [e.code, e] as const))(
    '%s has stable snake_case code and both texts',
    (code, error) => {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(error).toBeInstanceOf(DomainError);
      expect(error.message.length).toBeGreaterThan(10);
      // Vietnamese text with diacritics, not ASCII transliteration.
      expect(error.messageVi).toMatch(
        /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i,
      );
    },
  );

  it('prints dates in Vietnamese form', () => {
    expect(
      taskErrors.dateBeforeAssignment('occurredOn', '2024-01-18', '2024-01-19').messageVi,
    ).toBe('Ngày 18/01/2024 trước ngày giao nhiệm vụ (19/01/2024); kiểm tra lại ngày đã nhập.');
  });
});
