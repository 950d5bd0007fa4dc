/**
 * A reminder run over `--tasks N` open tasks (issue 18: 100 000 in under 10 s with bounded
 * memory): a real SQLite log of N generated tasks, its `tasks` and `task_reminders` read models
 * built by their own code, then the run that records every due reminder on its task and queues
 * the digests; then a second run the same day, which finds everything recorded. Beside them, the
 * floor: streaming the same open tasks from the read model and doing nothing with them.
 */
import * as path from 'node:path';
import { calendarDate, type TaskTimeline } from '@chidao/domain';
import { openEventStore, readDomainEvents } from '@chidao/event-store';
import {
  openReadModelStore,
  rebuildProjection,
  taskRemindersProjection,
  taskTimelineProjection,
  type TaskRemindersDocument,
} from '@chidao/projections';
import { appendTaskStories, type TaskStory } from '@chidao/projections/testing';
import {
  DEFAULT_REMINDER_SETTINGS,
  runReminders,
  type ReminderPeople,
  type ReminderPerson,
} from '@chidao/reminders';
import { createWorkingCalendar } from '@chidao/reporting';
import { say, type BenchContext } from '../context';
import { figure, type Figure } from '../measure';

const TODAY = calendarDate('2024-07-01'); // a Monday
const AGENCIES = Array.from({ length: 40 }, (_, i) => `SO-${String(i + 1).padStart(2, '0')}`);
const day = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);

/** N tasks of the first half of 2024: deadlines spread so that many are overdue or near. */
function* stories(count: number): Generator<TaskStory> {
  for (let i = 0; i < count; i += 1) {
    const assigned = i % 170;
    const deadline = i % 11 === 0 ? null : assigned + 15 + ((i * 7) % 200);
    yield {
      id: `bench-${String(i).padStart(7, '0')}`,
      leadAgency: AGENCIES[i % AGENCIES.length],
      assigningAgency: 'UBND-TINH',
      assignedOn: day(assigned),
      deadline: deadline === null ? null : day(deadline),
      title: `Nhiệm vụ ${i + 1}`,
    };
  }
}

/** Two staff per agency, by e-mail and in the app. */
function people(): ReminderPeople {
  const staff = new Map<string, ReminderPerson[]>(
    AGENCIES.map((code) => [
      code,
      [1, 2].map((n) => ({
        userId: `${code}-${n}`,
        displayName: `Cán bộ ${n} ${code}`,
        email: `${code.toLowerCase()}-${n}@bench.test`,
        phone: null,
        channels: ['email', 'in_app'] as const,
      })),
    ]),
  );
  const byId = new Map([...staff.values()].flat().map((p) => [p.userId, p]));
  return {
    peopleOf: (task, audience) =>
      audience === 'lead_agency'
        ? (staff.get(task.leadAgencies[task.leadAgencies.length - 1].agency) ?? [])
        : [],
    person: (userId) => byId.get(userId),
    agencyName: (code) => `Sở ${code}`,
  };
}

/** Peak heap in use while `work` runs, sampled every 20 ms, in MB above the heap before. */
async function withPeakHeap<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; heapMb: number }> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, ms, heapMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export async function remindersWorkload(ctx: BenchContext): Promise<Figure[]> {
  const count = ctx.tasks!;
  const file = path.join(ctx.workDir, 'reminders.sqlite');
  const store = await openEventStore({ kind: 'sqlite', path: file });
  const readStore = await openReadModelStore({ kind: 'sqlite', path: file });
  try {
    say(`writing ${count} tasks to a SQLite log`);
    await appendTaskStories(store, stories(count), { receivedAt: '2024-07-01T01:00:00Z' });
    const domain = { eventStore: readDomainEvents(store), readStore };
    await rebuildProjection(taskTimelineProjection, domain);
    await rebuildProjection(taskRemindersProjection, domain);
    const tasks = readStore.documents<TaskTimeline>('tasks');
    const where = {
      status: { in: ['assigned', 'refused', 'in_progress', 'returned', 'awaiting_confirmation'] },
    };
    const floor = await withPeakHeap(async () => {
      let n = 0;
      for await (const row of tasks.stream({ where, pageSize: 500 })) if (row.doc) n += 1;
      return n;
    });
    say(`floor: ${floor.value} open tasks streamed in ${Math.round(floor.ms)} ms`);
    const deps = {
      store,
      tasks,
      taskReminders: readStore.documents<TaskRemindersDocument>('task_reminders'),
      people: people(),
      settingsFor: () => DEFAULT_REMINDER_SETTINGS,
      calendar: createWorkingCalendar(),
    };
    const metadata = {
      actor: 'system:reminders',
      agency: null,
      correlationId: 'bench',
      causationId: null,
    };
    const first = await withPeakHeap(() =>
      runReminders(deps, { runId: 'bench-run-1', today: TODAY, metadata }),
    );
    say(
      `run: ${first.value.tasksScanned} tasks, ${first.value.remindersIssued} reminders, ` +
        `${first.value.messagesQueued} messages in ${Math.round(first.ms)} ms, peak heap ${first.heapMb.toFixed(1)} MB`,
    );
    await rebuildProjection(taskRemindersProjection, domain);
    const second = await withPeakHeap(() =>
      runReminders(deps, { runId: 'bench-run-2', today: TODAY, metadata }),
    );
    say(`second run: ${second.value.remindersSkipped} skipped in ${Math.round(second.ms)} ms`);
    const note = `${first.value.tasksScanned} open tasks; ${first.value.remindersIssued} reminders recorded, ${first.value.messagesQueued} messages queued`;
    return [
      figure(
        {
          id: `reminders.${count}.floor`,
          label: `Floor: stream the open tasks of ${count} from the read model (sqlite)`,
          unit: 'ms',
          better: 'lower',
          note: `${floor.value} documents, nothing done with them`,
        },
        [floor.ms],
      ),
      figure(
        {
          id: `reminders.${count}.run`,
          label: `Reminder run over ${count} tasks (sqlite)`,
          unit: 'ms',
          better: 'lower',
          note,
        },
        [first.ms],
      ),
      figure(
        {
          id: `reminders.${count}.run-heap`,
          label: `Reminder run over ${count} tasks: peak heap in use`,
          unit: 'MB',
          better: 'lower',
          note: 'sampled every 20 ms',
        },
        [first.heapMb],
      ),
      figure(
        {
          id: `reminders.${count}.again`,
          label: `Second run the same day over ${count} tasks: everything already recorded (sqlite)`,
          unit: 'ms',
          better: 'lower',
          note: `${second.value.remindersSkipped} skipped without loading a task`,
        },
        [second.ms],
      ),
    ];
  } finally {
    await readStore.close();
    await store.close();
  }
}
