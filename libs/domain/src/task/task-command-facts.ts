import { isRecord } from '../shared/command';

/**
 * The fields of a task command that say whom and what it concerns: the permission table and the
 * task's state look at these before the rest of the form. Read from a command as it arrives,
 * keeping only well-formed values, so a refusal that no correction of the form would lift (not
 * your task, not received yet, already decided) is given first.
 */
export interface TaskCommandFacts {
  /** The agency a progress report is made for. */
  readonly agency?: string;
  /** The deadline change request decided on. */
  readonly requestId?: string;
  /** Where an assignment or a reassignment sends the task. */
  readonly leadAgency?: string;
  readonly supportAgencies?: readonly string[];
  readonly assigningAgency?: string;
}

export function taskCommandFacts(data: unknown): TaskCommandFacts {
  if (!isRecord(data)) return {};
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value : undefined;
  const supports = data.supportAgencies;
  return {
    agency: text(data.agency),
    requestId: text(data.requestId),
    leadAgency: text(data.leadAgency),
    supportAgencies:
      Array.isArray(supports) && supports.every((item) => text(item) !== undefined)
        ? (supports as string[])
        : undefined,
    assigningAgency: text(data.assigningAgency),
  };
}
