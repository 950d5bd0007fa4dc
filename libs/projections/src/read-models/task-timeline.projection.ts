/**
 * The `tasks` read model: one TaskTimeline per task, folded by the domain's evolveTaskTimeline,
 * with the columns task lists, overdue lists and statistics filter and sort on. Classifying at a
 * past cut-off reads the timeline itself (see classifyTaskAt); the columns hold current values
 * and only narrow what is read.
 */
import { evolveTaskTimeline, isTaskEvent, STREAMS, type TaskTimeline } from '@chidao/domain';
import type { RecordedEvent } from '@chidao/event-store';
import { withSource, sourceOf } from '../fingerprint';
import { defineProjection, type ColumnDefinition } from '../projection';
import { barList, searchText } from './search-text';

/** The task id of a task event, from its `task-<id>` stream; null for any other event. */
function taskIdOf(event: RecordedEvent): string | null {
  return isTaskEvent(event) ? STREAMS.task.idOf(event.streamId) : null;
}

/** Current lead agency (the last entry in log order). */
export const currentLead = (t: TaskTimeline): string =>
  t.leadAgencies[t.leadAgencies.length - 1].agency;

/** Deadline in force now (the last entry in log order); null = không thời hạn. */
export const currentDeadline = (t: TaskTimeline): string | null =>
  t.deadlines[t.deadlines.length - 1].deadline;

/** The confirmed completion (a confirmed task takes no more commands, so there is one at most). */
export function confirmedCompletion(t: TaskTimeline): TaskTimeline['completions'][number] | null {
  for (let i = t.completions.length - 1; i >= 0; i -= 1) {
    if (t.completions[i].confirmedOn !== null) return t.completions[i];
  }
  return null;
}

/** Title and directive reference, normalized for LIKE (see searchText). */
export const taskSearchText = (t: TaskTimeline): string =>
  searchText(`${t.title} ${t.directiveReference}`);

/** `assignedOn|id`: newest first is descending order; unique, and fixed once assigned. */
export const taskSortKey = (t: TaskTimeline): string => `${t.assignedOn}|${t.id}`;

/**
 * A column whose extractor calls helpers of this file: their text joins the fingerprint, so
 * changing a helper rebuilds the read model without a version bump.
 */
function column(
  definition: ColumnDefinition<TaskTimeline>,
  helpers: readonly ((...args: never[]) => unknown)[],
): ColumnDefinition<TaskTimeline> {
  const of = (doc: TaskTimeline) => definition.of(doc);
  const source = [definition.of, ...helpers].map(sourceOf).join('\n');
  return { ...definition, of: withSource(of, source) };
}

export const taskTimelineProjection = defineProjection<TaskTimeline>({
  name: 'tasks',
  // Bump when evolveTaskTimeline's helpers in the domain change (the fingerprint covers only
  // the text of evolveTaskTimeline itself).
  version: 1,
  // A timeline is folded from its own `task-<id>` stream only.
  partitionedBy: 'stream',
  documents: {
    idOf: withSource((event) => taskIdOf(event), `${sourceOf(taskIdOf)}\n${sourceOf(isTaskEvent)}`),
    evolve: evolveTaskTimeline,
  },
  columns: [
    { name: 'directive_id', type: 'text', of: (t) => t.directiveId, index: true },
    column({ name: 'lead_agency', type: 'text', of: (t) => currentLead(t), index: true }, [
      currentLead,
    ]),
    { name: 'assigning_agency', type: 'text', of: (t) => t.assigningAgency, index: true },
    column(
      {
        name: 'agencies',
        type: 'text',
        of: (t) => barList([currentLead(t), ...t.supportAgencies]),
      },
      [currentLead, barList],
    ),
    column(
      {
        name: 'lead_history',
        type: 'text',
        of: (t) => barList([...new Set(t.leadAgencies.map((entry) => entry.agency))]),
      },
      [barList],
    ),
    { name: 'status', type: 'text', of: (t) => t.status, index: true },
    { name: 'assigned_on', type: 'text', of: (t) => t.assignedOn, index: true },
    column({ name: 'deadline', type: 'text', of: (t) => currentDeadline(t), index: true }, [
      currentDeadline,
    ]),
    { name: 'original_deadline', type: 'text', of: (t) => t.deadlines[0].deadline },
    { name: 'key_task', type: 'integer', of: (t) => (t.keyTask ? 1 : 0) },
    { name: 'leader_in_charge', type: 'text', of: (t) => t.leaderInCharge, index: true },
    column(
      {
        name: 'completed_on',
        type: 'text',
        of: (t) => confirmedCompletion(t)?.completedOn ?? null,
        index: true,
      },
      [confirmedCompletion],
    ),
    { name: 'closed_on', type: 'text', of: (t) => t.closed?.on ?? null },
    // The tracking office's queue of deadline change requests to decide.
    {
      name: 'pending_request',
      type: 'text',
      of: (t) => t.pendingRequest?.requestId ?? null,
      index: true,
    },
    column({ name: 'search', type: 'text', of: (t) => taskSearchText(t) }, [
      taskSearchText,
      searchText,
    ]),
    column({ name: 'sort_key', type: 'text', of: (t) => taskSortKey(t), index: true }, [
      taskSortKey,
    ]),
  ],
});
