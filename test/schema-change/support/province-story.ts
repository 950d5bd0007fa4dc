/**
 * The province story: the agency register, three directives and thirty tasks of 2024, written
 * through the domain's decide functions in the order a server would have received them, with the
 * store's clock set to each command's entry time (some entries weeks after their business date).
 */
import type { ManualClock } from '@chidao/audit/testing';
import type { Actor } from '@chidao/domain';
import type { EventStore } from '@chidao/event-store';
import { ADMIN, AGENCIES, DIRECTIVES, LEADER, staffOf, TRACKER, vn } from './province-register';
import { ASSIGNMENT_BATCHES } from './province-tasks';
import { taskIdOf, type TaskLife } from './task-life';
import { ProvinceWriter as Writer } from './province-writer';
import type { Step } from './task-steps';

interface Entry {
  /** Server time of the command (ISO-8601 UTC). */
  readonly at: string;
  readonly run: (writer: Writer) => Promise<void>;
}

const REGISTER_DAY = '2024-01-02';
const MINUTE = 60_000;

export async function writeProvinceStory(store: EventStore, clock: ManualClock): Promise<void> {
  const writer = new Writer(store, clock);
  const entries: Entry[] = AGENCIES.map((agency, i) => ({
    at: vn(`${REGISTER_DAY} 08:${String(10 + i).padStart(2, '0')}`),
    run: (w) => w.registerAgency(ADMIN, agency, REGISTER_DAY),
  }));
  for (const { entry, on, at } of DIRECTIVES) {
    entries.push({ at, run: (w) => w.registerDirective(TRACKER, entry, on) });
  }
  let index = 0;
  for (const batch of ASSIGNMENT_BATCHES) {
    const by = batch.by === 'leader' ? LEADER : TRACKER;
    const assignments = batch.tasks.map((life) => life.assignment);
    entries.push({
      at: batch.at,
      run: (w) => w.assignTasks(by, batch.directiveId, assignments, batch.on),
    });
    for (const life of batch.tasks) entries.push(...stepEntries(life, batch.at, index++));
  }
  // Stable: entries at the same instant keep the order they were listed in.
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const entry of entries) {
    writer.at(entry.at);
    await entry.run(writer);
  }
}

/**
 * A task's steps at their entry times: the given one for a back-dated entry, otherwise a time of
 * their own day (spread over the working day by task), never before the task's previous entry.
 */
function stepEntries(life: TaskLife, assignedAt: string, index: number): Entry[] {
  const taskId = taskIdOf(life.label);
  let previous = assignedAt;
  return life.steps.map((step, i) => {
    const minutes = ((index * 13) % 240) + i * 7;
    const planned = step.entered
      ? vn(step.entered)
      : new Date(Date.parse(vn(`${step.on} 08:00`)) + minutes * MINUTE).toISOString();
    const at = step.entered
      ? planned
      : planned > previous
        ? planned
        : new Date(Date.parse(previous) + 5 * MINUTE).toISOString();
    if (at <= previous)
      throw new Error(`${life.label}: step ${i + 1} entered before the one before`);
    previous = at;
    return { at, run: (w: Writer) => runStep(w, taskId, step) };
  });
}

function runStep(writer: Writer, taskId: string, step: Step): Promise<void> {
  const lead = writer.leadOf(taskId);
  const actor: Actor =
    step.by === 'leader'
      ? LEADER
      : step.by === 'tracker'
        ? TRACKER
        : step.by === 'lead'
          ? staffOf(lead)
          : staffOf(step.by.staffOf);
  // A lead's progress report names the agency that leads when it is sent.
  const data =
    step.type === 'ReportTaskProgress' && (step.data as { agency: string }).agency === ''
      ? { ...(step.data as object), agency: lead }
      : step.data;
  return writer.task(actor, taskId, step.type, data, step.on);
}
