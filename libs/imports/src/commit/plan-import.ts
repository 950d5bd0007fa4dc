/**
 * What committing a list would write, decided against the log as it is now: each document
 * registered once (or found, when the body entered it already), each task created with its
 * history, changed to what the list says, or left alone, and the tasks of the list imported
 * before that this file no longer holds. Every command goes through the domain (the directive's
 * decider, the task's own rules); what the domain refuses is a problem on the row, in
 * Vietnamese. The plan is only data: the caller appends it in one transaction, or not at all.
 */
import {
  authorizeDirectiveIssuer,
  decideTask,
  directiveDecider,
  directiveKeyStreamOf,
  directiveReservation,
  documentKey,
  foldWith,
  formatVietnameseDate,
  IMPORT_FIELD_LABELS,
  isDomainError,
  isTaskAssigned,
  issuingAgenciesOf,
  parseDirectiveCommand,
  parseDocumentReference,
  parseTaskCommand,
  planImportedTask,
  taskDecider,
  type Actor,
  type AgencyRegister,
  type CalendarDate,
  DomainError,
  type DomainEvent,
  type ImportedChange,
  type ImportField,
  type TaskState,
} from '@chidao/domain';
import type { ImportProblem } from '../rows/import-problem';
import type { ImportedTask } from '../rows/read-task-row';
import { importedDirectiveId, importedTaskId } from './import-ids';

/** Reads one stream of the log, decoded to current events (empty when it does not exist). */
export interface ImportLogReader {
  readStream(streamId: string): Promise<readonly LoggedEvent[]>;
}

export type LoggedEvent = DomainEvent & { readonly metadata?: Readonly<Record<string, unknown>> };

export interface ImportContext {
  readonly importId: string;
  readonly fileName: string;
  /** The person importing; their agency is the assigning body. */
  readonly actor: Actor;
  /** The body's name as the register has it: the issuer of the documents it registers. */
  readonly bodyName: string;
  readonly agencies: AgencyRegister & { list(): readonly { code: string; name: string }[] };
  readonly today: CalendarDate;
  /** Server time the commands are received at. */
  readonly receivedAt: string;
}

/** Events to append to one stream, from one row of the file (null: for the whole file). */
export interface PlannedWrite {
  readonly streamId: string;
  readonly expectedVersion: number | 'no_stream';
  readonly events: readonly DomainEvent[];
  readonly source: { readonly sheet: string; readonly row: number } | null;
}

export interface PlannedRow {
  readonly sheet: string;
  readonly row: number;
  readonly taskId: string;
  readonly kind: 'new' | 'changed' | 'unchanged';
  readonly changes: readonly ImportedChange[];
}

export interface VanishedTask {
  readonly taskId: string;
  readonly title: string;
  readonly leadAgency: string;
  readonly deadline: string | null;
}

/** A write as planned: a document's registration, a new task or a changed one. */
export type KindedWrite = PlannedWrite & { readonly kind: 'directive' | 'new' | 'changed' };

/**
 * Where planImport hands each write, in the order they must be appended (a document before its
 * first task), so the plan never holds them all: a dry run drops them, a commit streams them.
 */
export type WriteSink = (write: KindedWrite) => void | Promise<void>;

export interface ImportPlan {
  readonly rows: readonly PlannedRow[];
  readonly problems: readonly ImportProblem[];
  /** Open tasks an earlier import of the body brought in that this file no longer holds. */
  readonly vanished: readonly (VanishedTask & { readonly write: PlannedWrite })[];
  /** The earlier import `vanished` compares with; null when none of this file's tasks exists. */
  readonly previousImportId: string | null;
}

interface DirectiveFound {
  readonly directiveId: string;
  readonly reference: string;
  readonly issuedOn: CalendarDate;
  readonly streamId: string;
}

export async function planImport(
  tasks: readonly ImportedTask[],
  context: ImportContext,
  log: ImportLogReader,
  /** The rows of the import this one follows, for what vanished (see previousImportOf). */
  previous: (importId: string) => Promise<readonly ImportedTask[] | null>,
  onWrite: WriteSink = () => undefined,
): Promise<ImportPlan> {
  const body = context.actor.agency!;
  const meta = (occurredOn: string) => ({
    actor: context.actor,
    occurredOn,
    receivedAt: context.receivedAt,
  });
  const problems: ImportProblem[] = [];
  const problem = (task: ImportedTask, field: ImportField | null, vi: string, en: string) =>
    problems.push({
      sheet: task.sheet,
      row: task.row,
      column: field === null ? null : IMPORT_FIELD_LABELS[field].vi,
      value: field === null ? null : valueOf(task, field),
      vi,
      en,
      severity: 'error',
    });

  // The documents: one per (reference, issue date); an issue date given once in the file
  // serves every row of that reference.
  const issueDates = issueDatesByReference(tasks);
  const directives = new Map<string, DirectiveFound | DomainError>();
  const documentOf = async (task: ImportedTask): Promise<DirectiveFound | null> => {
    if (task.documentReference === null) {
      problem(
        task,
        'documentReference',
        'Chưa có số, ký hiệu văn bản giao nhiệm vụ; nhập số, ký hiệu (ví dụ 24/CTr-UBND) để nhiệm vụ gắn với văn bản.',
        'No document reference; enter the number and symbol of the document that gives the task.',
      );
      return null;
    }
    const dates = issueDates.get(task.documentReference);
    const issuedOn = task.issuedOn ?? (dates?.size === 1 ? [...dates][0] : null);
    if (issuedOn === null) {
      problem(
        task,
        'issuedOn',
        `Chưa có ngày ban hành của văn bản ${task.documentReference}; nhập ngày ban hành để nhiệm vụ gắn đúng văn bản.`,
        `No issue date for ${task.documentReference}; enter it.`,
      );
      return null;
    }
    const reference = parseDocumentReference(task.documentReference);
    if (isDomainError(reference)) return null; // read-task-row reported it
    const streamId = directiveKeyStreamOf(context.bodyName, documentKey(reference, issuedOn));
    let found = directives.get(streamId);
    if (found === undefined) {
      found = await findOrRegister(streamId, reference.text, issuedOn as CalendarDate);
      directives.set(streamId, found);
    }
    if (isDomainError(found)) {
      problem(task, 'documentReference', found.messageVi, found.message);
      return null;
    }
    return found;
  };

  const findOrRegister = async (
    streamId: string,
    reference: string,
    issuedOn: CalendarDate,
  ): Promise<DirectiveFound | DomainError> => {
    const reservation = await log.readStream(streamId);
    const last = reservation[reservation.length - 1];
    if (last?.type === 'DirectiveReferenceReserved') {
      const { directiveId } = last.data as { directiveId: string };
      const directive = foldWith(
        directiveDecider,
        await log.readStream(directiveDecider.stream.of(directiveId)),
      );
      if (directive.assigningAgency !== body) {
        return refusal(
          `Văn bản ${reference} đã được cơ quan khác nhập và theo dõi; nhiệm vụ của văn bản này do cơ quan đó nhập.`,
        );
      }
      if (directive.status !== 'active') {
        return refusal(
          `Văn bản ${reference} đã bị thu hồi hoặc rút khỏi hệ thống; không giao thêm nhiệm vụ được.`,
        );
      }
      return { directiveId, reference, issuedOn: directive.issuedOn as CalendarDate, streamId };
    }
    const directiveId = importedDirectiveId(streamId);
    const issuer = context.bodyName;
    const issuerRefusal = authorizeDirectiveIssuer(
      context.actor,
      issuer,
      issuingAgenciesOf(issuer, context.agencies.list()),
      context.agencies,
    );
    if (issuerRefusal) return issuerRefusal;
    const command = parseDirectiveCommand({
      type: 'RegisterDirective',
      data: {
        directiveId,
        reference,
        issuedOn,
        issuer,
        title: `Văn bản ${reference} ngày ${formatVietnameseDate(issuedOn)}`,
        summary: `Đăng ký khi nhập danh sách nhiệm vụ từ tệp ${context.fileName}.`,
      },
      meta: meta(issuedOn),
    });
    if (isDomainError(command)) return command;
    const events = directiveDecider.decide(command, directiveDecider.initialState);
    if (isDomainError(events)) return events;
    const registered = foldWith(directiveDecider, events);
    const held = directiveReservation(registered, issuedOn);
    await onWrite({
      kind: 'directive',
      streamId: directiveDecider.stream.of(directiveId),
      expectedVersion: 'no_stream',
      events,
      source: null,
    });
    await onWrite({
      kind: 'directive',
      streamId: held.streamId,
      expectedVersion: last ? reservation.length : 'no_stream',
      events: [held.event],
      source: null,
    });
    return { directiveId, reference, issuedOn, streamId };
  };

  const rows: PlannedRow[] = [];
  const earlierImports = new Map<string, number>();
  const keys = new Set<string>();
  for (const task of tasks) {
    const document = await documentOf(task);
    if (document === null) continue;
    const taskId = importedTaskId(body, document.streamId, task.title, task.leadAgency);
    keys.add(taskId);
    const logged = await log.readStream(taskDecider.stream.of(taskId));
    const imported = importOf(logged[0]);
    if (imported !== null && imported !== context.importId) {
      earlierImports.set(imported, (earlierImports.get(imported) ?? 0) + 1);
    }
    let state: TaskState = foldWith(taskDecider, logged);
    const plan = planImportedTask(
      task,
      {
        taskId,
        directiveId: document.directiveId,
        directiveReference: document.reference,
        assigningAgency: body,
        assignedOn: document.issuedOn,
        today: context.today,
        importId: context.importId,
      },
      state,
    );
    if (isDomainError(plan)) {
      problem(task, 'status', plan.messageVi, plan.message);
      continue;
    }
    for (const vi of plan.warnings) {
      problems.push({
        sheet: task.sheet,
        row: task.row,
        column: IMPORT_FIELD_LABELS.deadline.vi,
        value: valueOf(task, 'deadline'),
        vi,
        en: 'Not applied from the list (see the Vietnamese text).',
        severity: 'warning',
      });
    }
    const events: DomainEvent[] = [];
    let refused: DomainError | null = null;
    for (const step of plan.steps) {
      const command = parseTaskCommand({
        type: step.type,
        data: step.data,
        meta: meta(step.occurredOn),
      });
      const decided = isDomainError(command) ? command : decideTask(command, state);
      if (isDomainError(decided)) {
        refused = decided;
        break;
      }
      for (const event of decided) {
        state = taskDecider.evolve(state, event);
        events.push(event);
      }
    }
    if (refused) {
      problem(task, fieldOfRefusal(refused), refused.messageVi, refused.message);
      continue;
    }
    rows.push({ sheet: task.sheet, row: task.row, taskId, kind: plan.kind, changes: plan.changes });
    if (plan.kind !== 'unchanged') {
      await onWrite({
        kind: plan.kind,
        streamId: taskDecider.stream.of(taskId),
        expectedVersion: logged.length === 0 ? 'no_stream' : logged.length,
        events,
        source: { sheet: task.sheet, row: task.row },
      });
    }
  }

  // What vanished: the open tasks of the earlier import most of this file's tasks came from.
  const previousImportId =
    [...earlierImports].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const vanished: ImportPlan['vanished'][number][] = [];
  const earlier = previousImportId === null ? null : await previous(previousImportId);
  // Once for the whole list: looked up per row, it made a re-import quadratic in its rows.
  const earlierDates = issueDatesByReference(earlier ?? []);
  for (const task of earlier ?? []) {
    if (task.documentReference === null) continue;
    const reference = parseDocumentReference(task.documentReference);
    const issuedOn = task.issuedOn ?? onlyDate(earlierDates.get(task.documentReference));
    if (isDomainError(reference) || issuedOn === undefined) continue;
    const streamId = directiveKeyStreamOf(context.bodyName, documentKey(reference, issuedOn));
    const taskId = importedTaskId(body, streamId, task.title, task.leadAgency);
    if (keys.has(taskId)) continue;
    keys.add(taskId);
    const logged = await log.readStream(taskDecider.stream.of(taskId));
    const state = foldWith(taskDecider, logged);
    if (!isTaskAssigned(state) || ['completed', 'cancelled', 'withdrawn'].includes(state.status)) {
      continue;
    }
    const command = parseTaskCommand({
      type: 'CancelTask',
      data: { reason: `Không còn trong danh sách nhiệm vụ được nhập (tệp ${context.fileName}).` },
      meta: meta(context.today),
    });
    const events = isDomainError(command) ? command : decideTask(command, state);
    if (isDomainError(events)) continue;
    vanished.push({
      taskId,
      title: state.title,
      leadAgency: state.leadAgency,
      deadline: state.deadline,
      write: {
        streamId: taskDecider.stream.of(taskId),
        expectedVersion: logged.length,
        events,
        source: null,
      },
    });
  }

  return {
    rows,
    problems,
    vanished,
    previousImportId,
  };
}

/** The import whose rows created a task (its first event's metadata), or null. */
export function importOf(event: LoggedEvent | undefined): string | null {
  const imported = event?.metadata?.imported as { importId?: unknown } | undefined;
  return typeof imported?.importId === 'string' ? imported.importId : null;
}

/** Each document reference's issue dates as the list gives them. */
function issueDatesByReference(tasks: readonly ImportedTask[]): Map<string, Set<string>> {
  const dates = new Map<string, Set<string>>();
  for (const task of tasks) {
    if (task.documentReference === null || task.issuedOn === null) continue;
    const known = dates.get(task.documentReference) ?? new Set();
    dates.set(task.documentReference, known.add(task.issuedOn));
  }
  return dates;
}

/** The issue date when the list gives exactly one for the reference. */
function onlyDate(dates: Set<string> | undefined): string | undefined {
  return dates?.size === 1 ? [...dates][0] : undefined;
}

function refusal(vi: string): DomainError {
  return new DomainError(
    'rule_refused',
    'import_document_unavailable',
    'The document is held by another body, or no longer in force.',
    vi,
  );
}

/** The column a refusal of the task's rules is about, when its details name a field. */
function fieldOfRefusal(error: DomainError): ImportField | null {
  const field = (error.details as { field?: unknown } | undefined)?.field;
  const byCommandField: Record<string, ImportField> = {
    deadline: 'deadline',
    completedOn: 'completedOn',
    resultDocument: 'resultDocument',
    title: 'title',
    leadAgency: 'leadAgency',
    supportAgencies: 'supportAgencies',
    leaderInCharge: 'leaderInCharge',
  };
  return typeof field === 'string' ? (byCommandField[field] ?? 'status') : 'status';
}

function valueOf(task: ImportedTask, field: ImportField): string | null {
  const value: unknown = (task as unknown as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatVietnameseDate(value as CalendarDate) : value;
}
