/**
 * The requests the specs make to set their scene, as the users of a seeded province: register a
 * directive, assign a task and have it received, report its completion and confirm it.
 */
import type { Province, UserName } from './province';
import type { TestApp } from './test-app';

interface DirectiveToRegister {
  readonly reference: string;
  readonly issuedOn: string;
  /** Default: the provincial People's Committee. */
  readonly issuer?: string;
  readonly title: string;
}

/** The province's work programme for 2024: the directive most scenes hang their tasks on. */
const PROGRAMME_2024: DirectiveToRegister = {
  reference: '24/CTr-UBND',
  issuedOn: '2024-01-19',
  title: 'Chương trình công tác năm 2024',
};

/** Registers a directive as the provincial leader; returns its id. */
export async function registerDirective(
  t: TestApp,
  p: Province,
  directive: DirectiveToRegister = PROGRAMME_2024,
): Promise<string> {
  const { body } = await t.http
    .post('/api/directives')
    .set(p.headers('leader'))
    .send({ issuer: 'UBND tỉnh Hà Tĩnh', ...directive })
    .expect(201);
  return body.id as string;
}

interface TaskToAssign {
  readonly title: string;
  readonly leadAgency: string;
  readonly deadline: string | null;
  /** The assignment date. */
  readonly occurredOn: string;
}

/** The staff member of each lead agency of the seeded province. */
const STAFF_OF: Readonly<Record<string, UserName>> = {
  STTTT: 'staffTTTT',
  STC: 'staffTC',
  SKHDT: 'staffKHDT',
  'SO-X': 'staffX',
};

/**
 * Assigns one task as the provincial leader, then its lead agency's staff receive it on
 * `receivedOn` (by default the server's today). Returns the task's id.
 */
export async function assignReceivedTask(
  t: TestApp,
  p: Province,
  directiveId: string,
  task: TaskToAssign,
  receivedOn?: string,
): Promise<string> {
  const { body } = await t.http
    .post(`/api/directives/${directiveId}/tasks`)
    .set(p.headers('leader'))
    .send(task)
    .expect(201);
  const taskId = body.tasks[0].id as string;
  await t.http
    .post(`/api/tasks/${taskId}/receive`)
    .set(p.headers(STAFF_OF[task.leadAgency]))
    .send(receivedOn === undefined ? {} : { occurredOn: receivedOn })
    .expect(200);
  return taskId;
}

interface Completion {
  readonly completedOn: string;
  /** The date of the completion report. */
  readonly reportedOn: string;
  readonly confirmedOn: string;
  readonly resultDocument: string;
}

/** The STTTT staff member reports the task done; the tracking office confirms it. */
async function completeTask(
  t: TestApp,
  p: Province,
  taskId: string,
  completion: Completion,
): Promise<void> {
  const { completedOn, reportedOn, confirmedOn, resultDocument } = completion;
  await t.http
    .post(`/api/tasks/${taskId}/completion`)
    .set(p.headers('staffTTTT'))
    .send({ completedOn, resultDocument, occurredOn: reportedOn })
    .expect(200);
  await t.http
    .post(`/api/tasks/${taskId}/completion/confirm`)
    .set(p.headers('tracker'))
    .send({ occurredOn: confirmedOn })
    .expect(200);
}

/**
 * The steps of scenes that name their tasks by a key ("A", "B" …): the task "Nhiệm vụ A" is
 * received on its assignment date and completed with the result document "65/BC-STTTT" (the key's code); `ids`
 * maps each key to its task's id. `scene` gives the app and province once they are started.
 */
export function keyedTaskSteps(
  scene: () => { t: TestApp; p: Province },
  ids: Record<string, string>,
) {
  // Arrow functions: suites take the steps out of the object (`const { assign } = …`).
  return {
    assign: async (
      directiveId: string,
      key: string,
      leadAgency: string,
      assignedOn: string,
      deadline: string,
    ): Promise<void> => {
      const { t, p } = scene();
      const task = { title: `Nhiệm vụ ${key}`, leadAgency, deadline, occurredOn: assignedOn };
      ids[key] = await assignReceivedTask(t, p, directiveId, task, assignedOn);
    },
    complete: (key: string, completedOn: string, reportedOn: string, confirmedOn: string) => {
      const { t, p } = scene();
      // A document number is a number: "A" gives 65/BC-STTTT.
      const resultDocument = `${key.codePointAt(0)}/BC-STTTT`;
      return completeTask(t, p, ids[key], { completedOn, reportedOn, confirmedOn, resultDocument });
    },
  };
}
