import type { AssignTaskData, DataInput } from '@chidao/domain';
import type { TaskLife } from './task-life';

/** A document that assigns tasks, as the tracking office enters it, with its tasks' lives. */
export interface DemoDirective {
  readonly id: string;
  /** Number and symbol as printed (`24/CTr-UBND`). */
  readonly reference: string;
  readonly issuedOn: string;
  /** The day the tracking office entered it and assigned its tasks. */
  readonly enteredOn: string;
  readonly issuer: string;
  readonly title: string;
  readonly summary?: string;
  readonly tasks: readonly TaskLife[];
}

/** The assignment of one of the directive's tasks (assigning body: the province). */
export function assignmentOf(
  directive: Pick<DemoDirective, 'id' | 'reference'>,
  task: Omit<DataInput<AssignTaskData>, 'directiveId' | 'directiveReference' | 'assigningAgency'>,
  assigningAgency: string,
): DataInput<AssignTaskData> {
  return {
    ...task,
    directiveId: directive.id,
    directiveReference: directive.reference,
    assigningAgency,
  };
}
