import type { DocumentProjection } from '../projection';
import { directiveListProjection } from './directive-list.projection';
import { reminderMessagesProjection } from './reminder-messages.projection';
import { taskRemindersProjection } from './task-reminders.projection';
import { taskTimelineProjection } from './task-timeline.projection';
import { urgeCountsProjection } from './urge-counts.projection';

/**
 * Every projection the application keeps (each has a runner following the log). Here rather than
 * in the app so that offline tools (the audit CLI's rebuild) build exactly the same read models.
 */
export const ALL_PROJECTIONS: readonly DocumentProjection<unknown>[] = [
  taskTimelineProjection as DocumentProjection<unknown>,
  directiveListProjection as DocumentProjection<unknown>,
  reminderMessagesProjection as DocumentProjection<unknown>,
  taskRemindersProjection as DocumentProjection<unknown>,
  urgeCountsProjection as DocumentProjection<unknown>,
];
